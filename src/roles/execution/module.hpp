#pragma once
// Execution engine registration (see src/app/roles.cpp) and split-mode wiring.
#include "core/router.hpp"

namespace aurixa {
struct App;
}

namespace aurixa::execution {

// Routes: POST /api/v1/execute, GET /api/v1/actions (GET /health is core's).
void register_routes(http::Router& router, App& app);
// Builds the local ExecutionService over *app.db into app.apis.execution (throws std::logic_error without a store).
void wire(App& app);
// app.apis.execution = an HTTP client for app.config.role_url("execution").
void wire_remote(App& app);

}  // namespace aurixa::execution
