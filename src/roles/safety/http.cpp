// Thin HTTP adapter: parse JSON, call safety::Api, serialize. No logic here.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/tenant_id.hpp"
#include "roles/safety/api.hpp"
#include "roles/safety/codec.hpp"
#include "roles/safety/module.hpp"

namespace aurixa {

namespace {

// A credential that names a tenant reaches only that tenant's policy; others are not found (404), as in the
// store-backed roles. No tenant in the context (platform administrators, AURIXA_AUTH=off): any tenant.
// The path's tenant id ("1", "t-001") in the one form the service keys policies by ("1"): "t-001" and "1" are
// the same policy, and the pipeline looks it up as "1". A tenant-scoped caller may only name its own tenant.
std::string policy_tenant(const std::string& tenant, const CallContext& ctx) {
  const auto id = parse_tenant_id(tenant);
  if (!id) throw ApiError::validation("tenant_id", "tenant_id must be a tenant id such as 1 or t-001");
  if (ctx.tenant_id && id != ctx.tenant_id) throw ApiError::not_found("Tenant not found");
  return std::to_string(*id);
}

}  // namespace

void register_safety_routes(http::Router& router, App& app) {
  std::shared_ptr<safety::Api> api = app.apis.safety;
  if (!api) throw std::logic_error("safety routes registered before wire_safety");

  router.post("/api/v1/validate",
              [api](const http::Request& req, CallContext& ctx) {
                auto request = safety::codec::parse_validate_request(json::parse_object(req));
                if (request.tenant_id.empty() && ctx.tenant_id) request.tenant_id = std::to_string(*ctx.tenant_id);
                // "t-001" finds the policy stored for tenant 1 (policies are keyed by the decimal id).
                if (const auto id = parse_tenant_id(request.tenant_id)) request.tenant_id = std::to_string(*id);
                return json::ok(safety::codec::to_json(api->validate(request)));
              },
              {.name = "/api/v1/validate"});

  router.get("/api/v1/safety/policies/{tenant_id}", [api](const http::Request& req, CallContext& ctx) {
    const auto tenant = policy_tenant(req.param("tenant_id"), ctx);
    auto policy = api->tenant_policy(tenant);
    auto o = safety::codec::to_json(policy.value_or(safety::TenantPolicy{}));
    o["tenant_id"] = tenant;
    o["default"] = !policy.has_value();
    return json::ok(o);
  });

  router.put("/api/v1/safety/policies/{tenant_id}", [api](const http::Request& req, CallContext& ctx) {
    const auto tenant = policy_tenant(req.param("tenant_id"), ctx);
    auto policy = safety::codec::parse_policy(json::parse_object(req));
    api->set_tenant_policy(tenant, policy);
    auto o = safety::codec::to_json(policy);
    o["tenant_id"] = tenant;
    o["default"] = false;
    return json::ok(o);
  });
}

}  // namespace aurixa
