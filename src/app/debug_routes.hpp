#pragma once
// /__debug/* routes used by the integration tests of the HTTP core (streaming, slow requests, echo,
// WebSocket echo). Registered only when Config::debug_routes is set; never in production.
namespace aurixa {
namespace http {
class Router;
}
void register_debug_routes(http::Router& router);
}  // namespace aurixa
