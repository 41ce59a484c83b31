#include "store/tenants.hpp"

#include "core/error.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, name, domain, plan, status, api_key_count, time_zone, created_at, updated_at FROM tenants";

std::vector<Tenant> fetch(Tx& tx, Query& q) {
  Tenant t;
  auto st = q.prepare(tx, soci::into(t.id), soci::into(t.name), soci::into(t.domain), soci::into(t.plan),
                      soci::into(t.status), soci::into(t.api_key_count), soci::into(t.time_zone),
                      soci::into(t.created_at), soci::into(t.updated_at));
  std::vector<Tenant> out;
  while (st.fetch()) out.push_back(t);
  return out;
}

}  // namespace

std::vector<Tenant> TenantRepository::list(const Scope& scope, const Page& page) {
  Query q(kColumns);
  q.scope(scope, "id").order_by("id").page(page);
  return fetch(tx_, q);
}

std::optional<Tenant> TenantRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "id");
  return first_row(fetch(tx_, q));
}

bool TenantRepository::exists(const Scope& scope, Id id) {
  Query q("SELECT COUNT(*) FROM tenants");
  q.where("id = ?", id).scope(scope, "id");
  return q.count(tx_) > 0;
}

Tenant TenantRepository::create(const Scope& scope, const NewTenant& t) {
  tx_.require_write();
  if (!scope.is_platform()) throw ApiError(Errc::forbidden, "only a platform administrator can create tenants");
  Query dup("SELECT COUNT(*) FROM tenants");
  dup.where("name = ?", t.name);
  if (dup.count(tx_) > 0) throw ApiError(Errc::conflict, "a tenant named '" + t.name + "' already exists", "name");
  Tenant out;
  out.name = t.name;
  out.domain = t.domain;
  out.plan = t.plan;
  out.status = t.status;
  out.api_key_count = t.api_key_count;
  out.created_at = out.updated_at = tx_.now();
  tx_.sql() << "INSERT INTO tenants (name, domain, plan, status, api_key_count, time_zone, created_at, updated_at) "
               "VALUES (:name, :domain, :plan, :status, :keys, :tz, :created, :updated) RETURNING id",
      soci::use(out.name), soci::use(out.domain), soci::use(out.plan), soci::use(out.status),
      soci::use(out.api_key_count), soci::use(out.time_zone), soci::use(out.created_at), soci::use(out.updated_at),
      soci::into(out.id);
  return out;
}

std::optional<Tenant> TenantRepository::update(const Scope& scope, Id id, const TenantPatch& patch) {
  tx_.require_write();
  auto current = get(scope, id);
  if (!current) return std::nullopt;
  Tenant t = *current;
  if (patch.name && *patch.name != t.name) {
    Query dup("SELECT COUNT(*) FROM tenants");
    dup.where("name = ?", *patch.name).where("id <> ?", id);
    if (dup.count(tx_) > 0)
      throw ApiError(Errc::conflict, "a tenant named '" + *patch.name + "' already exists", "name");
    t.name = *patch.name;
  }
  if (patch.plan) t.plan = *patch.plan;
  if (patch.status) t.status = *patch.status;
  t.updated_at = tx_.now();
  tx_.sql() << "UPDATE tenants SET name = :name, plan = :plan, status = :status, updated_at = :updated WHERE id = :id",
      soci::use(t.name), soci::use(t.plan), soci::use(t.status), soci::use(t.updated_at), soci::use(id);
  return t;
}

std::int64_t TenantRepository::count(const Scope& scope) { return count_in_scope(tx_, "tenants", scope, "id"); }

std::map<std::string, std::int64_t> TenantRepository::count_by(const Scope& scope, const char* column) {
  Query q(std::string("SELECT ") + column + ", COUNT(*) FROM tenants");
  q.scope(scope, "id").raw(std::string(" GROUP BY ") + column);
  std::string key;
  long long n = 0;
  auto st = q.prepare(tx_, soci::into(key), soci::into(n));
  std::map<std::string, std::int64_t> out;
  while (st.fetch()) out[key] = n;
  return out;
}

std::map<std::string, std::int64_t> TenantRepository::count_by_plan(const Scope& scope) {
  return count_by(scope, "plan");
}
std::map<std::string, std::int64_t> TenantRepository::count_by_status(const Scope& scope) {
  return count_by(scope, "status");
}

}  // namespace aurixa::store
