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
  struct Row {
    AuditEntry e;
    std::string now;
    Id id = 0;
  };
  // Cached per connection (Tx::prepared): audit rows are written on every audited request.
  auto& ins = tx_.prepared<Row>(
      "INSERT INTO audit_logs (service, action, \"user\", details, severity, tenant_id, principal_role, "
      "resource_type, resource_id, outcome, request_id, created_at, updated_at) "
      "VALUES (:s, :a, :u, :d, :sev, :t, :pr, :rt, :ri, :o, :rq, :c, :up) RETURNING id",
      [](soci::statement& st, Row& r) {
        st.exchange(soci::use(r.e.service));
        st.exchange(soci::use(r.e.action));
        st.exchange(soci::use(r.e.user));
        st.exchange(soci::use(r.e.details));
        st.exchange(soci::use(r.e.severity));
        st.exchange(soci::use(r.e.tenant_id));
        st.exchange(soci::use(r.e.principal_role));
        st.exchange(soci::use(r.e.resource_type));
        st.exchange(soci::use(r.e.resource_id));
        st.exchange(soci::use(r.e.outcome));
        st.exchange(soci::use(r.e.request_id));
        st.exchange(soci::use(r.now));
        st.exchange(soci::use(r.now));
        st.exchange(soci::into(r.id));
      });
  ins.row.e = e;
  ins.row.now = tx_.now();
  ins.row.id = 0;
  tx_.run(ins.st);
  return ins.row.id;
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
