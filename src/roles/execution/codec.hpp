#pragma once
// The execution role's wire format (spec/API.md §9 plus the structured fields), shared by http.cpp, the
// split-mode client and the idempotency store (a replay returns exactly what was stored). Boost.JSON:
// include only from .cpp files.
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "roles/execution/api.hpp"

namespace aurixa::execution::codec {

// {action_name, params (object of scalars; numbers/bools become strings), idempotency_key, actor}.
// Malformed -> ApiError 422 naming the field (params.<key> for a nested value).
ExecuteRequest parse_request(const boost::json::object& o);
boost::json::object to_json(const ExecuteRequest& r);

// {status, result:{message, ...data}, error_message, error_code, error_field, options:[{date,time,provider}],
//  replayed}; error_* are null on success.
boost::json::object to_json(const ExecuteResult& r);
ExecuteResult parse_result(const boost::json::object& o);

// {actions:[names sorted], definitions:[{name, description, parameters, writes}]}.
boost::json::object to_json(const std::vector<ActionInfo>& actions);
std::vector<ActionInfo> parse_actions(const boost::json::object& o);

}  // namespace aurixa::execution::codec
