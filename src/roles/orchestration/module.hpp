#pragma once
// The orchestration role as seen by the role registry (src/app/roles.cpp).
namespace aurixa {
struct App;
namespace http {
class Router;
}
}  // namespace aurixa

namespace aurixa::orchestration {

// Registers the orchestration engine's routes. Today: the admin API of spec/API.md §3.2-3.7 (tenants,
// patients, appointments, staff, audit, analytics, platform config, knowledge articles), which needs
// App::db. The conversation pipeline routes join here when they exist.
void register_routes(http::Router& router, App& app);

}  // namespace aurixa::orchestration
