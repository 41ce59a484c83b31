#include "store/patients.hpp"

#include "core/error.hpp"
#include "store/sql.hpp"
#include "store/tenants.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns = "SELECT id, tenant_id, full_name, email, phone_number, created_at FROM patients";

std::vector<Patient> fetch(Tx& tx, Query& q) {
  Patient p;
  auto st = q.prepare(tx, soci::into(p.id), soci::into(p.tenant_id), soci::into(p.full_name), soci::into(p.email),
                      soci::into(p.phone_number), soci::into(p.created_at));
  std::vector<Patient> out;
  while (st.fetch()) out.push_back(p);
  return out;
}

}  // namespace

std::vector<Patient> PatientRepository::list(const Scope& scope, const Page& page) {
  Query q(kColumns);
  q.scope(scope, "tenant_id").order_by("id").page(page);
  return fetch(tx_, q);
}

std::optional<Patient> PatientRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

Patient PatientRepository::create(const Scope& scope, const NewPatient& in) {
  tx_.require_write();
  if (!scope.allows(in.tenant_id) || !TenantRepository(tx_).exists(scope, in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  if (in.email) {
    Query dup("SELECT COUNT(*) FROM patients");
    dup.where("tenant_id = ?", in.tenant_id).where("email = ?", *in.email);
    if (dup.count(tx_) > 0) throw ApiError(Errc::conflict, "a patient with this email already exists", "email");
  }
  Patient p;
  p.tenant_id = in.tenant_id;
  p.full_name = in.full_name;
  p.email = in.email;
  p.phone_number = in.phone_number;
  p.created_at = tx_.now();
  tx_.sql() << "INSERT INTO patients (tenant_id, full_name, email, phone_number, created_at, updated_at) "
               "VALUES (:tenant, :name, :email, :phone, :created, :updated) RETURNING id",
      soci::use(p.tenant_id), soci::use(p.full_name), soci::use(p.email), soci::use(p.phone_number),
      soci::use(p.created_at), soci::use(p.created_at), soci::into(p.id);
  return p;
}

std::int64_t PatientRepository::count(const Scope& scope) { return count_in_scope(tx_, "patients", scope); }

}  // namespace aurixa::store
