#pragma once
// The conversation routes (pipeline_http.cpp) and their helpers; internal to the orchestration role.
#include <boost/json.hpp>
#include <memory>
#include <string>

#include "core/router.hpp"

namespace aurixa {
struct App;
}

namespace aurixa::orchestration {

class PipelineService;

void register_pipeline_routes(http::Router& router, App& app, std::shared_ptr<PipelineService> service);
// Slots a message mentions, as the patient wrote them: {"date","time","reason","medication","provider"} (absent
// keys omitted), the annotation format of eval/intents.jsonl.
boost::json::object intent_slots(const std::string& text);

}  // namespace aurixa::orchestration
