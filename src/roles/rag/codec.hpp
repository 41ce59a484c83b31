#pragma once
// JSON <-> rag::Api types, shared by the HTTP routes (http.cpp) and the split-mode client (client.cpp)
// so both sides speak exactly one wire format. Parse errors are ApiError 422 naming the field.
#include <boost/json.hpp>
#include <optional>

#include "roles/rag/api.hpp"

namespace aurixa::rag::codec {


RetrieveRequest parse_retrieve_request(const boost::json::object& o);
boost::json::object to_json(const RetrieveRequest& r);
boost::json::object to_json(const RetrieveResult& r);
RetrieveResult parse_retrieve_result(const boost::json::object& o);

}  // namespace aurixa::rag::codec
