#pragma once
// The orchestration role as seen by the role registry (src/app/roles.cpp).
namespace aurixa {
struct App;
namespace http {
class Router;
}
}  // namespace aurixa

namespace aurixa::orchestration {

// Registers the admin API of spec/API.md §3.2-3.7 (tenants, patients, appointments, staff, audit, analytics,
// platform config, knowledge articles; needs App::db) and the conversation routes (/api/v1/pipelines,
// /pipelines/stream, /intents/classify, /ws/conversation).
void register_routes(http::Router& router, App& app);
// Builds the PipelineService (intent classifier, response cache) into app.apis.orchestration.
void wire(App& app);
// orchestration::Api over HTTP for processes that do not run the role (the voice role in split mode).
void wire_remote(App& app);

}  // namespace aurixa::orchestration
