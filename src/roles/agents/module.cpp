#include "roles/agents/module.hpp"

namespace aurixa::agents {

void register_routes(http::Router&, App&) {}
void wire(App&) {}
void wire_remote(App&) {}

}  // namespace aurixa::agents
