#pragma once
// The gateway role: the public front of AURIXA (see ../shared/spec/API.md §2).
namespace aurixa {
struct App;
namespace http {
class Router;
}
namespace gateway {
void register_routes(http::Router& router, App& app);
void wire(App& app);
}  // namespace gateway
}  // namespace aurixa
