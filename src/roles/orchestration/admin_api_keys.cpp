// API keys for server-to-server callers: GET/POST /api/v1/api-keys, DELETE /api/v1/api-keys/{id} (through the
// gateway: /api/v1/admin/api-keys, tenant administrators and platform administrators only).
// The secret ("ak_...") is returned once, by the POST that creates it; the store keeps only its SHA-256, so no
// later response (and no Idempotency-Key replay, which would have to store the response) can contain it.
#include "core/tenant_id.hpp"
#include "roles/orchestration/admin_routes.hpp"
#include "store/users.hpp"

namespace aurixa::orchestration::admin {
namespace {

constexpr std::size_t kMaxName = 100;

bj::object key_json(const store::ApiKey& k) {
  return {{"id", k.id},
          {"name", k.name},
          {"keyPrefix", k.key_prefix},
          {"role", k.role},
          {"tenantId", tenant_wire_id(k.tenant_id)},
          {"createdAt", wire_time(k.created_at)},
          {"lastUsedAt", k.last_used_at ? bj::value(wire_time(*k.last_used_at)) : bj::value(nullptr)},
          {"revokedAt", k.revoked_at ? bj::value(wire_time(*k.revoked_at)) : bj::value(nullptr)}};
}

}  // namespace

void register_api_key_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/api-keys", [deps](const http::Request& req, CallContext& ctx) {
    auto scope = list_scope(req, ctx);
    auto rows = deps.db->read([&](store::Tx& tx) { return store::ApiKeyRepository(tx).list(scope); });
    bj::array out;
    for (const auto& k : rows) out.push_back(key_json(k));
    return json::ok(out);
  });

  router.post("/api/v1/api-keys", [deps](const http::Request& req, CallContext& ctx) {
    auto body = json::parse_object(req);
    const std::string name = require_text(body, "name", kMaxName);
    // A tenant administrator's key is for its own tenant; a platform administrator names the tenant.
    auto tenant =
        json_tenant_id(body.if_contains("tenant_id"), "tenant_id", "tenant_id must be a tenant id like 1 or t-001");
    if (!tenant) tenant = ctx.tenant_id;
    if (!tenant) throw ApiError::validation("tenant_id", "tenant_id is required for a platform administrator");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    auto issued = deps.db->write([&](store::Tx& tx) {
      auto k = store::ApiKeyRepository(tx).issue(scope, *tenant, name);
      audit(tx, actor,
            {"API Key Created",
             "Issued API key '" + name + "' (" + k.key.key_prefix + "...) for tenant " + std::to_string(*tenant),
             "api_key", std::to_string(k.key.id), *tenant});
      return k;
    });
    auto out = key_json(issued.key);
    out["key"] = issued.secret;
    auto res = json::response(201, out);
    res.headers.set("Cache-Control", "no-store");
    return res;
  });

  router.del("/api/v1/api-keys/{id}", [deps](const http::Request& req, CallContext& ctx) {
    const Id id = path_id(req, "id", "api_key_id");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    deps.db->write([&](store::Tx& tx) {
      store::ApiKeyRepository repo(tx);
      if (!repo.revoke(scope, id)) throw ApiError::not_found("API key not found");
      audit(tx, actor,
            {"API Key Revoked", "Revoked API key " + std::to_string(id), "api_key", std::to_string(id),
             scope.tenant_id()});
    });
    return json::ok(bj::object{{"id", id}, {"revoked", true}});
  });
}

}  // namespace aurixa::orchestration::admin
