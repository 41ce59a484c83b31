#pragma once
// Which roles may call which gateway route. One table (permissions.cpp), checked after authentication:
// deny -> 403. Tenant isolation is not decided here: the credential's tenant travels in CallContext and
// every repository query is scoped by it, so another tenant's record is simply not found (404).
#include <optional>
#include <string_view>

#include "core/context.hpp"

namespace aurixa::gateway {

// Routes that need no credential (health, login, the welcome page, static web apps, CORS preflight).
bool is_public(std::string_view method, std::string_view path);

// True when `principal` may call method + path. Patients may only reach their own patient record.
bool is_allowed(const Principal& principal, std::string_view method, std::string_view path);

}  // namespace aurixa::gateway
