#pragma once
// The role registry: each of the nine roles is a module with a name, the seed's default port, the
// service name its /health reports, and a function that registers its routes. `--roles` picks which run.
#include <string>
#include <string_view>
#include <vector>

#include "core/router.hpp"

namespace aurixa {

struct App;

struct RoleModule {
  std::string_view name;          // gateway, orchestration, ...
  std::string_view service_name;  // the original's service name, reported by /health
  int default_port;
  void (*register_routes)(http::Router&, App&);  // may be null while a role has no routes yet
  void (*wire)(App&);                            // builds the role's api (local service); may be null
  void (*wire_remote)(App&) = nullptr;           // split mode: the role's api over HTTP when it runs elsewhere
};

const std::vector<RoleModule>& role_modules();
const RoleModule* find_role(std::string_view name);
// Parses "all" or "a,b,c" (validated by Config) into module names in registry order.
std::vector<std::string> select_roles(const std::string& spec);

}  // namespace aurixa
