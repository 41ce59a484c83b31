#pragma once
// JSON of the pipeline routes (spec/API.md §3.8-3.9 plus intent, confidence, escalated, citations), shared by
// the routes and the split-mode client.
#include <boost/json.hpp>

#include "roles/orchestration/api.hpp"
#include "roles/orchestration/intent/classifier.hpp"

namespace aurixa::orchestration::codec {

// prompt (required string), session_id (string|null), tenant_id ("t-001", "1" or 1), user_id (string|null),
// patient_id (int|null), channel; 422 naming the field otherwise.
PipelineRequest parse_request(const boost::json::object& body);
boost::json::object to_json(const PipelineRequest& r);
boost::json::object to_json(const PipelineResult& r);
// The same document as serialize(to_json(r)), written directly: the steps' input/output JSON texts are
// copied in as they are (StepRecord holds valid JSON text), not parsed into a tree and serialised again.
std::string to_json_text(const PipelineResult& r);
PipelineResult parse_result(const boost::json::object& body);
// One NDJSON line (no newline): {"event":"status","message"} | {"event":"text_delta","delta"} |
// {"event":"done","final_response", + the result} | {"event":"error","message"}.
std::string event_line(const StreamEvent& e);
boost::json::object to_json(const intent::Classification& c);

}  // namespace aurixa::orchestration::codec
