// Platform views: GET /api/v1/audit, GET /api/v1/analytics/summary, GET /api/v1/config/summary,
// GET /api/v1/config/detail, PATCH /api/v1/config/{key} (spec/API.md §3.3, §3.6).
#include "roles/orchestration/admin_routes.hpp"
#include "store/appointments.hpp"
#include "store/audit.hpp"
#include "store/conversations.hpp"
#include "store/knowledge.hpp"
#include "store/patients.hpp"
#include "store/platform_config.hpp"
#include "store/tenants.hpp"

namespace aurixa::orchestration::admin {
namespace {

std::optional<std::string> query_text(const http::Request& req, std::string_view name, std::size_t max_len) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (v->size() > max_len)
    throw ApiError::validation(std::string(name), "query parameter '" + std::string(name) + "' is too long");
  return v;
}

std::optional<std::string> query_date(const http::Request& req, std::string_view name) {
  auto v = query_text(req, name, 19);
  if (v && !is_date(v->substr(0, 10)))
    throw ApiError::validation(std::string(name), "query parameter '" + std::string(name) + "' must be YYYY-MM-DD");
  return v;
}

}  // namespace

void register_platform_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/audit", [deps](const http::Request& req, CallContext& ctx) {
    auto page = page_of(req, 50);
    auto scope = list_scope(req, ctx);
    store::AuditFilter f;
    f.service = query_text(req, "service", 128);
    f.action = query_text(req, "action", 128);
    f.user = query_text(req, "user", 255);
    f.severity = query_text(req, "severity", 16);
    if (f.severity) require_one_of(*f.severity, {"info", "warning", "error"}, "severity");
    f.outcome = query_text(req, "outcome", 32);
    f.resource_type = query_text(req, "resource_type", 64);
    f.resource_id = query_text(req, "resource_id", 128);
    f.since = query_date(req, "since");
    f.until = query_date(req, "until");
    auto rows = deps.db->read([&](store::Tx& tx) { return store::AuditRepository(tx).list(scope, f, page); });
    bj::array out;
    for (const auto& e : rows) out.push_back(audit_json(e));
    return json::ok(out);
  });

  router.get("/api/v1/analytics/summary", [deps](const http::Request&, CallContext& ctx) {
    auto scope = caller_scope(ctx);
    return deps.db->read([&](store::Tx& tx) {
      return json::ok(bj::object{
          {"conversations_total", store::ConversationRepository(tx).count(scope)},
          {"tenants_count", store::TenantRepository(tx).count(scope)},
          {"audit_entries_count", store::AuditRepository(tx).count(scope)},
          {"knowledge_articles_count", store::KnowledgeRepository(tx).count(scope)},
          {"patients_count", store::PatientRepository(tx).count(scope)},
          {"appointments_count", store::AppointmentRepository(tx).count(scope)},
      });
    });
  });

  router.get("/api/v1/config/summary", [deps](const http::Request&, CallContext& ctx) {
    auto scope = caller_scope(ctx);
    return deps.db->read([&](store::Tx& tx) {
      store::TenantRepository tenants(tx);
      auto by_plan = tenants.count_by_plan(scope);
      auto by_status = tenants.count_by_status(scope);
      // Fixed keys like the original; values outside the known set count in the total only.
      bj::object plans, statuses;
      for (const char* p : {"starter", "professional", "enterprise"}) plans[p] = by_plan[p];
      for (const char* s : {"active", "suspended", "pending"}) statuses[s] = by_status[s];
      return json::ok(bj::object{
          {"tenants_count", tenants.count(scope)}, {"tenants_by_plan", plans}, {"tenants_by_status", statuses}});
    });
  });

  router.get("/api/v1/config/detail", [deps](const http::Request&, CallContext&) {
    auto entries = deps.db->read([](store::Tx& tx) { return store::PlatformConfigRepository(tx).list(); });
    bj::object categories;
    for (const auto& e : entries) {
      auto& list = categories[e.category.empty() ? "general" : e.category];
      if (!list.is_array()) list = bj::array();
      list.as_array().push_back(bj::object{{"key", e.key}, {"value", e.value}, {"category", e.category}});
    }
    return json::ok(bj::object{{"categories", categories}});
  });

  router.patch("/api/v1/config/{key}", [deps](const http::Request& req, CallContext& ctx) {
    require_platform(ctx);
    const std::string key = req.param("key");
    auto body = json::parse_object(req);
    auto value = json::optional_string(body, "value");
    if (!value) throw ApiError::validation("value", "field 'value' is required");
    if (value->size() > 10'000) throw ApiError::validation("value", "field 'value' must be at most 10000 characters");
    auto actor = actor_of(ctx, "admin");
    return idempotent_write(*deps.db, req, caller_scope(ctx), "PATCH /api/v1/config/" + key, [&](store::Tx& tx) {
      auto updated = store::PlatformConfigRepository(tx).set(key, *value);
      if (!updated) throw ApiError::not_found("Config key '" + key + "' not found");
      audit(tx, actor, {"Config Updated", "Updated config key '" + key + "' to '" + *value + "'", "config", key});
      return json::ok(bj::object{{"key", updated->key}, {"value", updated->value}});
    });
  });
}

}  // namespace aurixa::orchestration::admin
