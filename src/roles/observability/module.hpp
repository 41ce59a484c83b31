#pragma once
// The observability role: persistent telemetry, performance/cost reports, retention.
namespace aurixa {
struct App;
namespace http {
class Router;
}
namespace observability {
void register_routes(http::Router& router, App& app);
void wire(App& app);  // makes app.telemetry write to the store, starts retention
}  // namespace observability
}  // namespace aurixa
