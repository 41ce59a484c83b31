#include "store/staff.hpp"

#include "core/error.hpp"
#include "store/sql.hpp"
#include "store/tenants.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns = "SELECT id, tenant_id, full_name, email, role, is_active FROM staff";

std::vector<Staff> fetch(Tx& tx, Query& q) {
  Staff s;
  int active = 0;
  auto st = q.prepare(tx, soci::into(s.id), soci::into(s.tenant_id), soci::into(s.full_name), soci::into(s.email),
                      soci::into(s.role), soci::into(active));
  std::vector<Staff> out;
  while (st.fetch()) {
    s.is_active = as_bool(active);
    out.push_back(s);
  }
  return out;
}

}  // namespace

std::vector<Staff> StaffRepository::list(const Scope& scope, const std::optional<std::string>& role, const Page& page) {
  Query q(kColumns);
  q.where("is_active = ?", 1).scope(scope, "tenant_id");
  if (role) q.where("role = ?", *role);
  q.order_by("id").page(page);
  return fetch(tx_, q);
}

std::optional<Staff> StaffRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

Staff StaffRepository::add(const Scope& scope, const Staff& in) {
  tx_.require_write();
  if (!scope.allows(in.tenant_id) || !TenantRepository(tx_).exists(scope, in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  Staff s = in;
  int active = s.is_active ? 1 : 0;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO staff (tenant_id, full_name, email, role, is_active, created_at, updated_at) "
               "VALUES (:t, :n, :e, :r, :a, :c, :u) RETURNING id",
      soci::use(s.tenant_id), soci::use(s.full_name), soci::use(s.email), soci::use(s.role), soci::use(active),
      soci::use(now), soci::use(now), soci::into(s.id);
  return s;
}

std::int64_t StaffRepository::count(const Scope& scope) { return count_in_scope(tx_, "staff", scope); }

}  // namespace aurixa::store
