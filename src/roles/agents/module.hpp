#pragma once
// Agent runtime registration (see src/app/roles.cpp) and split-mode client factory.
#include "core/router.hpp"

namespace aurixa {
struct App;
}

namespace aurixa::agents {

// Routes: POST /api/v1/run.
void register_routes(http::Router& router, App& app);
// Builds the local AgentService (store + app.apis.execution/rag) into app.apis.agents.
void wire(App& app);
// agents::Api over HTTP when the role runs elsewhere.
void wire_remote(App& app);

}  // namespace aurixa::agents
