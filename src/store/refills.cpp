#include "store/refills.hpp"

#include "core/error.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, patient_id, prescription_id, medication_name, pharmacy, status, requested_by, created_at, "
    "updated_at FROM refill_requests";

std::vector<RefillRequest> fetch(Tx& tx, Query& q) {
  RefillRequest r;
  auto st =
      q.prepare(tx, soci::into(r.id), soci::into(r.tenant_id), soci::into(r.patient_id), soci::into(r.prescription_id),
                soci::into(r.medication_name), soci::into(r.pharmacy), soci::into(r.status), soci::into(r.requested_by),
                soci::into(r.created_at), soci::into(r.updated_at));
  std::vector<RefillRequest> out;
  while (st.fetch()) out.push_back(r);
  return out;
}

}  // namespace

RefillRequest RefillRequestRepository::create(const Scope& scope, const RefillRequest& in) {
  tx_.require_write();
  if (!scope.allows(in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  RefillRequest r = in;
  r.status = "pending";
  r.created_at = r.updated_at = tx_.now();
  tx_.sql() << "INSERT INTO refill_requests (tenant_id, patient_id, prescription_id, medication_name, pharmacy, "
               "status, requested_by, created_at, updated_at) VALUES (:t, :p, :rx, :m, :ph, :s, :by, :c, :u) "
               "RETURNING id",
      soci::use(r.tenant_id), soci::use(r.patient_id), soci::use(r.prescription_id), soci::use(r.medication_name),
      soci::use(r.pharmacy), soci::use(r.status), soci::use(r.requested_by), soci::use(r.created_at),
      soci::use(r.updated_at), soci::into(r.id);
  return r;
}

std::vector<RefillRequest> RefillRequestRepository::for_patient(const Scope& scope, Id patient_id, const Page& page) {
  Query q(kColumns);
  q.where("patient_id = ?", patient_id).scope(scope, "tenant_id").order_by("created_at DESC, id DESC").page(page);
  return fetch(tx_, q);
}

std::optional<RefillRequest> RefillRequestRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

}  // namespace aurixa::store
