#pragma once
// JSON wire format of POST /api/v1/run, shared by the route (http.cpp) and the split-mode client.
#include <boost/json.hpp>

#include "roles/agents/api.hpp"

namespace aurixa::agents::codec {

// {"task":{"prompt","session_id"?,"metadata":{patient_id?,tenant_id?,intent?,confidence?,standalone_intent?,
// standalone_confidence?,new_session?}}}; 422 naming the field.
RunRequest parse_run_request(const boost::json::object& body);
boost::json::object to_json(const RunRequest& r);
// {"result":{"output","tool_calls":[{tool_name,arguments,result,ok}],"cost","steps":[{step,details}], ...}}
boost::json::object to_json(const RunResult& r);
RunResult parse_run_result(const boost::json::object& body);

}  // namespace aurixa::agents::codec
