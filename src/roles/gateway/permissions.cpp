#include "roles/gateway/permissions.hpp"

#include <array>
#include <charconv>
#include <initializer_list>
#include <string>

namespace aurixa::gateway {
namespace {


struct Rule {
  std::string_view prefix;   // path prefix (after normalisation)
  std::string_view methods;  // "*" or a comma list
  std::initializer_list<std::string_view> roles;  // platform_admin is always allowed
};

// First matching rule wins; no match -> deny. Paths under /api/v1/orchestration/ other than pipelines
// are the admin API too and are normalised to /api/v1/admin/ before matching.
const std::array kRules = {
    Rule{"/api/v1/auth/me", "*", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient", "api_client"}},
    Rule{"/api/v1/orchestration/pipelines", "POST",
         {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient", "api_client"}},
    Rule{"/api/v1/orchestration/intents", "POST", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "api_client"}},
    Rule{"/api/v1/voice/", "*", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient", "api_client"}},
    Rule{"/ws/", "GET", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient", "api_client"}},
    Rule{"/api/v1/admin/tenants", "GET", {"tenant_admin"}},
    Rule{"/api/v1/admin/tenants", "PATCH", {"tenant_admin"}},
    Rule{"/api/v1/admin/tenants", "*", {}},  // creating tenants: platform administrators only
    Rule{"/api/v1/admin/audit", "GET", {"tenant_admin"}},
    Rule{"/api/v1/admin/analytics", "GET", {"tenant_admin", "doctor", "nurse"}},
    Rule{"/api/v1/admin/config", "GET", {"tenant_admin"}},
    Rule{"/api/v1/admin/config", "*", {}},  // platform configuration: platform administrators only
    // Clinical records under a patient: clinicians only (reception and schedulers see contact data and visits).
    Rule{"/api/v1/admin/patients/*/conversations", "GET", {"tenant_admin", "doctor", "nurse"}},
    Rule{"/api/v1/admin/patients/*/prescriptions", "GET", {"tenant_admin", "doctor", "nurse"}},
    Rule{"/api/v1/admin/patients/*/refill-requests", "GET", {"tenant_admin", "doctor", "nurse"}},
    Rule{"/api/v1/admin/patients", "GET", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "patient"}},
    Rule{"/api/v1/admin/patients", "POST", {"tenant_admin", "reception"}},
    Rule{"/api/v1/admin/patients", "PATCH", {"tenant_admin", "reception"}},
    Rule{"/api/v1/admin/appointments", "GET", {"tenant_admin", "doctor", "nurse", "reception", "scheduler"}},
    Rule{"/api/v1/admin/appointments", "POST,PATCH", {"tenant_admin", "reception", "scheduler"}},
    Rule{"/api/v1/admin/availability", "*", {"tenant_admin", "scheduler", "reception"}},
    Rule{"/api/v1/admin/knowledge", "GET", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "api_client"}},
    Rule{"/api/v1/admin/knowledge", "POST,PATCH,PUT,DELETE", {"tenant_admin"}},
    Rule{"/api/v1/admin/staff", "GET", {"tenant_admin", "doctor", "nurse", "reception", "scheduler"}},
    Rule{"/api/v1/admin/tasks", "GET,PATCH", {"tenant_admin", "doctor", "nurse", "reception", "scheduler"}},
    Rule{"/api/v1/admin/api-keys", "*", {"tenant_admin"}},
    Rule{"/api/v1/admin/", "*", {"tenant_admin"}},
    Rule{"/api/v1/llm/", "*", {"tenant_admin", "doctor", "nurse", "api_client"}},
    Rule{"/api/v1/rag/", "*", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "api_client"}},
    // A tenant's safety policy is its administrators' (the safety role keeps each tenant to its own).
    Rule{"/api/v1/safety/safety/policies", "*", {"tenant_admin"}},
    Rule{"/api/v1/safety/", "*", {"tenant_admin", "doctor", "nurse", "reception", "scheduler", "api_client"}},
    Rule{"/api/v1/agents/", "*", {"tenant_admin", "api_client"}},
    Rule{"/api/v1/execute/", "*", {"tenant_admin", "reception", "scheduler", "api_client"}},
    Rule{"/api/v1/observe/", "*", {"tenant_admin"}},
    Rule{"/v1/", "*", {"tenant_admin", "api_client"}},
};

bool method_in(std::string_view method, std::string_view list) {
  if (list == "*") return true;
  while (!list.empty()) {
    auto comma = list.find(',');
    if (list.substr(0, comma) == method) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool starts_with_segment(std::string_view path, std::string_view prefix) {
  if (const auto star = prefix.find('*'); star != std::string_view::npos) {
    // "*" stands for exactly one path segment: match up to it, skip the segment, match the rest.
    if (path.substr(0, star) != prefix.substr(0, star)) return false;
    const auto end = path.find('/', star);
    if (end == std::string_view::npos || end == star) return false;
    return starts_with_segment(path.substr(end), prefix.substr(star + 1));
  }
  if (path.substr(0, prefix.size()) != prefix) return false;
  return prefix.back() == '/' || path.size() == prefix.size() || path[prefix.size()] == '/' || path[prefix.size()] == '?';
}

std::string normalise(std::string_view path) {
  constexpr std::string_view orch = "/api/v1/orchestration/";
  if (path.substr(0, orch.size()) == orch && path.substr(orch.size(), 9) != "pipelines" && path.substr(orch.size(), 7) != "intents")
    return "/api/v1/admin/" + std::string(path.substr(orch.size()));
  return std::string(path);
}

// /api/v1/admin/patients/{id}[/...] -> id
std::optional<std::int64_t> patient_path_id(std::string_view path) {
  constexpr std::string_view p = "/api/v1/admin/patients/";
  if (path.substr(0, p.size()) != p) return std::nullopt;
  auto rest = path.substr(p.size());
  auto id = rest.substr(0, rest.find('/'));
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
  if (ec != std::errc() || ptr != id.data() + id.size()) return std::nullopt;
  return v;
}

}  // namespace

bool is_public(std::string_view method, std::string_view path) {
  if (method == "OPTIONS") return true;
  if (method == "GET" || method == "HEAD") {
    for (std::string_view p : {"/", "/health", "/health/services", "/metrics", "/api/v1/admin/health"})
      if (path == p) return true;
    for (std::string_view p : {"/dashboard", "/patient", "/hospital", "/assets/"})
      if (starts_with_segment(path, p)) return true;
  }
  if (method == "POST" && (path == "/api/v1/auth/login" || path == "/api/v1/auth/refresh")) return true;
  return false;
}

bool is_allowed(const Principal& principal, std::string_view method, std::string_view raw_path) {
  if (principal.role == "platform_admin") return true;
  const std::string path = normalise(raw_path);
  if (principal.role == "patient" && path.starts_with("/api/v1/admin/")) {
    // A patient sees only their own record (and what hangs under it), read-only.
    auto id = patient_path_id(path);
    return method == "GET" && id && principal.patient_id && *id == *principal.patient_id;
  }
  for (const auto& rule : kRules) {
    if (!starts_with_segment(path, rule.prefix) || !method_in(method, rule.methods)) continue;
    for (auto r : rule.roles)
      if (r == principal.role) return true;
    return false;
  }
  return false;
}

}  // namespace aurixa::gateway
