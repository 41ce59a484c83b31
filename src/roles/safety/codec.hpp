#pragma once
// JSON <-> safety::Api structs, shared by the HTTP routes (http.cpp) and the split-mode client
// (client.cpp) so both ends speak exactly the same wire format. Boost.JSON: include from .cpp only.
#include <boost/json.hpp>

#include "roles/safety/api.hpp"

namespace aurixa::safety::codec {

namespace bj = boost::json;

// Request body -> ValidateRequest. Throws ApiError 422 naming the field (text required string; stage
// input|output|tool; metadata object; tenant_id string or integer).
ValidateRequest parse_validate_request(const bj::object& body);
bj::object to_json(const ValidateRequest& r);

bj::object to_json(const ValidateResult& r);
ValidateResult parse_validate_result(const bj::object& o);

// {"pii_mode": "redact|mask|allow", "banned_words": [...]}; 422 naming the field when invalid.
TenantPolicy parse_policy(const bj::object& o);
bj::object to_json(const TenantPolicy& p);

}  // namespace aurixa::safety::codec
