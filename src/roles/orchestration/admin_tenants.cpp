// Tenants: GET/POST /api/v1/tenants, GET/PATCH /api/v1/tenants/{id} (spec/API.md §3.2).
#include <chrono>

#include "roles/orchestration/admin_routes.hpp"
#include "store/tenants.hpp"

namespace aurixa::orchestration::admin {
namespace {

const std::initializer_list<std::string_view> kPlans = {"starter", "professional", "enterprise"};
const std::initializer_list<std::string_view> kStatuses = {"active", "suspended", "pending"};

// The original's generated domain: "<name lower-cased, spaces to '-', first 32 chars, or 'tenant'>-<epoch ms>".
std::string generated_domain(const std::string& name) {
  std::string slug;
  for (char c : name) {
    if (slug.size() == 32) break;
    slug += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (slug.empty()) slug = "tenant";
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return slug + "-" + std::to_string(ms.count());
}

}  // namespace

void register_tenant_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/tenants", [deps](const http::Request& req, CallContext& ctx) {
    auto page = page_of(req, 100);
    auto scope = caller_scope(ctx);
    auto rows = deps.db->read([&](store::Tx& tx) { return store::TenantRepository(tx).list(scope, page); });
    bj::array out;
    for (const auto& t : rows) out.push_back(tenant_json(t));
    return json::ok(out);
  });

  router.post("/api/v1/tenants", [deps](const http::Request& req, CallContext& ctx) {
    require_platform(ctx);
    auto body = json::parse_object(req);
    store::NewTenant t;
    t.name = require_text(body, "name", 255);
    t.plan = optional_text(body, "plan", 32).value_or("starter");
    t.status = optional_text(body, "status", 32).value_or("active");
    require_one_of(t.plan, kPlans, "plan");
    require_one_of(t.status, kStatuses, "status");
    t.domain = generated_domain(t.name);
    auto actor = actor_of(ctx, "admin");
    return idempotent_write(*deps.db, req, caller_scope(ctx), "POST /api/v1/tenants", [&](store::Tx& tx) {
      auto created = store::TenantRepository(tx).create(caller_scope(ctx), t);
      audit(tx, actor,
            {"Tenant Created",
             "Created tenant '" + created.name + "' (id=" + std::to_string(created.id) + ", plan=" + created.plan + ")",
             "tenant", tenant_wire_id(created.id), created.id});
      return json::ok(tenant_json(created));
    });
  });

  router.get("/api/v1/tenants/{id}", [deps](const http::Request& req, CallContext& ctx) {
    const Id id = tenant_path_id(req);
    auto t = deps.db->read([&](store::Tx& tx) { return store::TenantRepository(tx).get(caller_scope(ctx), id); });
    if (!t) throw ApiError::not_found("Tenant not found");
    return json::ok(tenant_json(*t));
  });

  router.patch("/api/v1/tenants/{id}", [deps](const http::Request& req, CallContext& ctx) {
    const Id id = tenant_path_id(req);
    auto body = json::parse_object(req);
    store::TenantPatch patch;
    patch.name = optional_text(body, "name", 255);
    patch.plan = optional_text(body, "plan", 32);
    patch.status = optional_text(body, "status", 32);
    if (patch.plan) require_one_of(*patch.plan, kPlans, "plan");
    if (patch.status) require_one_of(*patch.status, kStatuses, "status");
    auto actor = actor_of(ctx, "admin");
    const auto scope = caller_scope(ctx);
    return idempotent_write(*deps.db, req, scope, "PATCH /api/v1/tenants/" + std::to_string(id), [&](store::Tx& tx) {
      store::TenantRepository tenants(tx);
      auto before = tenants.get(scope, id);
      if (!before) throw ApiError::not_found("Tenant not found");
      auto after = tenants.update(scope, id, patch);
      // Audit only real changes, listing each as "field→value" (U+2192) like the original.
      std::string changes;
      auto note = [&](const char* field, const std::string& was, const std::string& now) {
        if (was != now) changes += std::string(changes.empty() ? "" : ", ") + field + "\u2192" + now;
      };
      note("name", before->name, after->name);
      note("plan", before->plan, after->plan);
      note("status", before->status, after->status);
      if (!changes.empty())
        audit(tx, actor,
              {"Tenant Updated", "Updated tenant " + req.param("id") + " (" + after->name + "): " + changes, "tenant",
               tenant_wire_id(id), id});
      return json::ok(tenant_json(*after));
    });
  });
}

}  // namespace aurixa::orchestration::admin
