#include "store/audit.hpp"

#include "store/database.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

void apply(Query& q, const Scope& scope, const AuditFilter& f) {
  q.scope(scope, "tenant_id");
  if (f.service) q.where("service = ?", *f.service);
  if (f.action) q.where("action = ?", *f.action);
  if (f.user) q.where("\"user\" = ?", *f.user);
  if (f.severity) q.where("severity = ?", *f.severity);
  if (f.resource_type) q.where("resource_type = ?", *f.resource_type);
  if (f.resource_id) q.where("resource_id = ?", *f.resource_id);
  if (f.outcome) q.where("outcome = ?", *f.outcome);
  if (f.since) q.where("created_at >= ?", *f.since);
  if (f.until) q.where("created_at <= ?", f.until->size() == 10 ? *f.until + " 23:59:59" : *f.until);
}

}  // namespace

Id AuditRepository::record(const AuditEntry& e) {
  tx_.require_write();
  Id id = 0;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO audit_logs (service, action, \"user\", details, severity, tenant_id, principal_role, "
               "resource_type, resource_id, outcome, request_id, created_at, updated_at) "
               "VALUES (:s, :a, :u, :d, :sev, :t, :pr, :rt, :ri, :o, :rq, :c, :up) RETURNING id",
      soci::use(e.service), soci::use(e.action), soci::use(e.user), soci::use(e.details), soci::use(e.severity),
      soci::use(e.tenant_id), soci::use(e.principal_role), soci::use(e.resource_type), soci::use(e.resource_id),
      soci::use(e.outcome), soci::use(e.request_id), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::vector<AuditEntry> AuditRepository::list(const Scope& scope, const AuditFilter& filter, const Page& page) {
  Query q(
      "SELECT id, service, action, \"user\", details, severity, tenant_id, principal_role, resource_type, "
      "resource_id, outcome, request_id, created_at FROM audit_logs");
  apply(q, scope, filter);
  q.order_by("id DESC").page(page);
  AuditEntry e;
  auto st = q.prepare(tx_, soci::into(e.id), soci::into(e.service), soci::into(e.action), soci::into(e.user),
                      soci::into(e.details), soci::into(e.severity), soci::into(e.tenant_id),
                      soci::into(e.principal_role), soci::into(e.resource_type), soci::into(e.resource_id),
                      soci::into(e.outcome), soci::into(e.request_id), soci::into(e.created_at));
  std::vector<AuditEntry> out;
  while (st.fetch()) out.push_back(e);
  return out;
}

std::int64_t AuditRepository::count(const Scope& scope, const AuditFilter& filter) {
  Query q("SELECT COUNT(*) FROM audit_logs");
  apply(q, scope, filter);
  return q.count(tx_);
}

void AuditLog::append(AuditEntry entry) {
  group_.run([entry = std::move(entry)](Tx& tx) { AuditRepository(tx).record(entry); });
}

}  // namespace aurixa::store
