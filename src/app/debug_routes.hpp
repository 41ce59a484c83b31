#pragma once
// /__debug/* routes used by the integration tests of the HTTP core (streaming, slow requests, echo,
// WebSocket echo). Registered only when Config::debug_routes is set; never in production.
#include <string>

namespace aurixa {
namespace http {
class Router;
}
// Registers the routes under prefix + "/__debug/..." (main registers "" and, in a process without a
// gateway, "/api/v1" too, so they are reachable through another process's gateway prefix proxy).
void register_debug_routes(http::Router& router, const std::string& prefix);
}  // namespace aurixa
