#include "roles/orchestration/admin_support.hpp"

#include <charconv>
#include <cstdio>

#include "core/tenant_id.hpp"
#include "store/audit.hpp"
#include "store/idempotency.hpp"
#include "store/password.hpp"

namespace aurixa::orchestration::admin {
namespace {

std::optional<Id> parse_positive(std::string_view s) {
  Id v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || v <= 0) return std::nullopt;
  return v;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string outcome_of(const ApiError& e) {
  switch (e.errc()) {
    case Errc::not_found:
      return "not_found";
    case Errc::unauthorized:
    case Errc::forbidden:
      return "denied";
    case Errc::conflict:
      return "conflict";
    case Errc::validation:
    case Errc::bad_request:
    case Errc::invalid_json:
      return "invalid";
    default:
      return "error";
  }
}

}  // namespace

Actor actor_of(const CallContext& ctx, std::string_view fallback_user) {
  Actor a;
  const bool anonymous = ctx.principal.id.empty() || ctx.principal.id == "anonymous";
  a.user = anonymous ? std::string(fallback_user) : ctx.principal.id;
  a.role = ctx.principal.role;
  a.tenant = ctx.tenant_id;
  a.request_id = ctx.request_id;
  return a;
}

store::Scope caller_scope(const CallContext& ctx) {
  return ctx.tenant_id ? store::Scope::tenant(*ctx.tenant_id) : store::Scope::platform();
}

// ?tenant_id= as an integer (the original) or a wire id ("t-001"); 0 or absent = no filter.
Id tenant_query(const http::Request& req) {
  auto raw = req.query_param("tenant_id");
  if (!raw || raw->empty() || *raw == "0") return 0;
  auto id = parse_tenant_id(*raw);
  if (!id) throw ApiError::validation("tenant_id", "query parameter 'tenant_id' must be a tenant id like 1 or t-001");
  return *id;
}

store::Scope list_scope(const http::Request& req, const CallContext& ctx) {
  const Id filter = tenant_query(req);
  if (filter == 0) return caller_scope(ctx);
  if (ctx.tenant_id && *ctx.tenant_id != filter)
    throw ApiError(Errc::forbidden, "tenant_id does not match the caller's tenant", "tenant_id");
  return store::Scope::tenant(filter);
}

void require_platform(const CallContext& ctx) {
  if (ctx.tenant_id) throw ApiError(Errc::forbidden, "this action needs a platform administrator");
}

Id path_id(const http::Request& req, std::string_view param, std::string_view field) {
  auto v = parse_positive(req.param(param));
  if (!v)
    throw ApiError::validation(std::string(field),
                               "path parameter '" + std::string(field) + "' must be a positive integer");
  return *v;
}

Id tenant_path_id(const http::Request& req) {
  auto v = parse_tenant_id(req.param("id"));
  if (!v) throw ApiError::validation("tenant_id", "Invalid tenant id");
  return *v;
}

store::Page page_of(const http::Request& req, std::int64_t default_limit) {
  store::Page p;
  p.limit = json::query_int(req, "limit", default_limit, 1, 1000);
  p.offset = json::query_int(req, "offset", 0, 0, INT64_MAX / 2);
  return p;
}

std::optional<std::string> optional_text(const bj::object& o, std::string_view field, std::size_t max_len) {
  auto v = json::optional_string(o, field);
  if (!v) return std::nullopt;
  std::string t = trim(*v);
  const std::string f(field);
  if (t.empty()) throw ApiError::validation(f, "field '" + f + "' must not be empty");
  if (t.size() > max_len)
    throw ApiError::validation(f, "field '" + f + "' must be at most " + std::to_string(max_len) + " characters");
  return t;
}

std::string require_text(const bj::object& o, std::string_view field, std::size_t max_len) {
  auto v = optional_text(o, field, max_len);
  if (!v) throw ApiError::validation(std::string(field), "field '" + std::string(field) + "' is required");
  return *v;
}

void require_one_of(const std::string& value, std::initializer_list<std::string_view> allowed, std::string_view field) {
  std::string list;
  for (auto a : allowed) {
    if (value == a) return;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw ApiError::validation(std::string(field), "field '" + std::string(field) + "' must be one of: " + list);
}

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  auto num = [](std::string_view p, int& out) {
    auto [e, ec] = std::from_chars(p.data(), p.data() + p.size(), out);
    return ec == std::errc() && e == p.data() + p.size();
  };
  if (!num(s.substr(0, 4), y) || !num(s.substr(5, 2), m) || !num(s.substr(8, 2), d)) return false;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

store::AuditEntry audit_entry(const Actor& actor, const AuditEvent& event, std::string_view outcome) {
  store::AuditEntry e;
  e.service = "Orchestration Engine";
  e.action = event.action;
  e.user = actor.user;
  e.details = event.details;
  e.severity = outcome == "success" ? event.severity : "warning";
  e.tenant_id = event.tenant ? event.tenant : actor.tenant;
  if (!actor.role.empty() && actor.role != "anonymous") e.principal_role = actor.role;
  if (!event.resource_type.empty()) e.resource_type = event.resource_type;
  if (!event.resource_id.empty()) e.resource_id = event.resource_id;
  e.outcome = std::string(outcome);
  if (!actor.request_id.empty()) e.request_id = actor.request_id;
  return e;
}

void audit(store::Tx& tx, const Actor& actor, const AuditEvent& event, std::string_view outcome) {
  store::AuditRepository(tx).record(audit_entry(actor, event, outcome));
}

http::Response audited(const Deps& deps, const Actor& actor, AuditEvent& event, bool is_read,
                       const std::function<http::Response()>& fn) {
  http::Response res;
  try {
    res = fn();
  } catch (const ApiError& e) {
    AuditEvent failed = event;
    failed.details =
        event.details.empty() ? std::string(e.detail()) : event.details + " (" + std::string(e.detail()) + ")";
    try {
      deps.audit_log->append(audit_entry(actor, failed, outcome_of(e)));
    } catch (const std::exception&) {  // the store itself failed (e.g. 503): report the request's own error
    }
    throw;
  }
  if (is_read) deps.audit_log->append(audit_entry(actor, event));
  return res;
}

http::Response idempotent_write(store::Database& db, const http::Request& req, const store::Scope& scope,
                                std::string_view route, const std::function<http::Response(store::Tx&)>& fn) {
  auto header = req.header("Idempotency-Key");
  if (!header) return db.write([&](store::Tx& tx) { return fn(tx); });
  const std::string key(*header);
  if (key.empty() || key.size() > 255)
    throw ApiError::validation("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters");
  const std::string hash = store::sha256_hex(req.method + " " + req.path + "\n" + req.body);
  const std::string route_name(route);
  return db.write([&](store::Tx& tx) {
    store::IdempotencyRepository keys(tx);
    if (auto stored = keys.claim(scope, route_name, key)) {
      if (stored->request_hash != hash)
        throw ApiError::validation("Idempotency-Key", "Idempotency-Key was already used with a different request");
      auto replay = http::Response::json(stored->status, stored->body);
      replay.headers.set("Idempotent-Replayed", "true");
      return replay;
    }
    http::Response res = fn(tx);
    if (res.status < 300) keys.save(scope, route_name, key, {hash, res.status, res.body});
    return res;
  });
}

void patient_records_route(
    http::Router& router, const Deps& deps, PatientRecords route,
    std::function<bj::array(store::Tx&, const store::Scope&, Id patient, const store::Page&)> load) {
  router.get(route.path, [deps, route, load = std::move(load)](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "admin");
    AuditEvent ev{route.action, "", "patient", req.param("id"), ctx.tenant_id};
    return audited(deps, actor, ev, true, [&] {
      const Id id = path_id(req, "id", "patient_id");
      auto page = page_of(req, route.default_limit);
      auto scope = list_scope(req, ctx);
      auto out = deps.db->read([&](store::Tx& tx) { return load(tx, scope, id, page); });
      ev.details = "Viewed " + std::to_string(out.size()) + " " + route.noun + " of patient " + std::to_string(id);
      return json::ok(out);
    });
  });
}

std::string tenant_wire_id(Id id) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "t-%03lld", static_cast<long long>(id));
  return buf;
}

std::string wire_time(const std::string& stored) {
  std::string s = stored;
  if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
  return s;
}

bj::value opt_json(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
bj::value opt_json(const std::optional<Id>& v) { return v ? bj::value(*v) : bj::value(nullptr); }

bj::object tenant_json(const store::Tenant& t) {
  return {{"id", tenant_wire_id(t.id)},
          {"name", t.name},
          {"plan", t.plan},
          {"status", t.status},
          {"apiKeys", t.api_key_count},
          {"created", t.created_at.substr(0, 10)}};
}

bj::object patient_json(const store::Patient& p) {
  return {{"id", p.id},
          {"fullName", p.full_name},
          {"email", opt_json(p.email)},
          {"phoneNumber", opt_json(p.phone_number)},
          {"tenantId", opt_json(p.tenant_id)}};
}

bj::object appointment_json(const store::Appointment& a) {
  return {{"id", a.id},
          {"startTime", wire_time(a.start_time)},
          {"endTime", wire_time(a.end_time)},
          {"providerName", a.provider_name},
          {"status", a.status},
          {"reason", opt_json(a.reason)},
          {"patientId", a.patient_id},
          {"tenantId", a.tenant_id}};
}

bj::object staff_json(const store::Staff& s) {
  return {{"id", s.id},
          {"fullName", s.full_name},
          {"email", s.email.value_or("")},
          {"role", s.role},
          {"tenantId", s.tenant_id}};
}

bj::object article_json(const store::KnowledgeArticle& a) {
  return {{"id", a.id},
          {"title", a.title},
          {"content", a.content},
          {"tenantId", a.tenant_id},
          {"createdAt", wire_time(a.created_at)},
          {"updatedAt", wire_time(a.updated_at)}};
}

bj::object audit_json(const store::AuditEntry& e) {
  char id[32];
  std::snprintf(id, sizeof id, "a-%03lld", static_cast<long long>(e.id));
  return {{"id", id},
          {"timestamp", e.created_at},
          {"service", e.service},
          {"action", e.action},
          {"user", e.user},
          {"details", e.details},
          {"severity", e.severity},
          {"outcome", e.outcome},
          {"tenantId", opt_json(e.tenant_id)},
          {"resourceType", opt_json(e.resource_type)},
          {"resourceId", opt_json(e.resource_id)},
          {"requestId", opt_json(e.request_id)}};
}

std::string truncate_utf8(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // back off continuation bytes
  return s.substr(0, cut);
}

}  // namespace aurixa::orchestration::admin
