#pragma once
// JSON <-> rag::Api types, shared by the HTTP routes (http.cpp) and the split-mode client (client.cpp)
// so both sides speak exactly one wire format. Parse errors are ApiError 422 naming the field.
#include <boost/json.hpp>
#include <optional>

#include "roles/rag/api.hpp"

namespace aurixa::rag::codec {

// Tenant ids on the wire: 7, "7", "t-7" or "t-007". Anything else -> 422 naming `field`.
std::optional<std::int64_t> parse_tenant_id(const boost::json::value* v, std::string_view field = "tenant_id");

RetrieveRequest parse_retrieve_request(const boost::json::object& o);
boost::json::object to_json(const RetrieveRequest& r);
boost::json::object to_json(const RetrieveResult& r);
RetrieveResult parse_retrieve_result(const boost::json::object& o);

}  // namespace aurixa::rag::codec
