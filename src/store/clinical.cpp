#include "store/clinical.hpp"

#include "core/error.hpp"
#include "store/patients.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kRxColumns =
    "SELECT r.id, r.patient_id, r.medication_name, r.status, r.refills_remaining, r.controlled, r.refill_requested_at "
    "FROM prescriptions r JOIN patients p ON p.id = r.patient_id";

std::vector<Prescription> fetch_rx(Tx& tx, Query& q) {
  Prescription r;
  int controlled = 0;
  auto st =
      q.prepare(tx, soci::into(r.id), soci::into(r.patient_id), soci::into(r.medication_name), soci::into(r.status),
                soci::into(r.refills_remaining), soci::into(controlled), soci::into(r.refill_requested_at));
  std::vector<Prescription> out;
  while (st.fetch()) {
    r.controlled = as_bool(controlled);
    out.push_back(r);
  }
  return out;
}

constexpr const char* kInsColumns =
    "SELECT i.id, i.patient_id, i.plan_name, i.payer, i.member_id, i.copay, i.status "
    "FROM patient_insurance i JOIN patients p ON p.id = i.patient_id";

std::vector<Insurance> fetch_ins(Tx& tx, Query& q) {
  Insurance i;
  auto st = q.prepare(tx, soci::into(i.id), soci::into(i.patient_id), soci::into(i.plan_name), soci::into(i.payer),
                      soci::into(i.member_id), soci::into(i.copay), soci::into(i.status));
  std::vector<Insurance> out;
  while (st.fetch()) out.push_back(i);
  return out;
}

void require_patient(Tx& tx, const Scope& scope, Id patient_id) {
  if (!PatientRepository(tx).get(scope, patient_id)) throw ApiError::not_found("Patient not found");
}

}  // namespace

std::vector<Prescription> PrescriptionRepository::for_patient(const Scope& scope, Id patient_id) {
  Query q(kRxColumns);
  q.where("r.patient_id = ?", patient_id).scope(scope, "p.tenant_id").order_by("r.id");
  return fetch_rx(tx_, q);
}

std::optional<Prescription> PrescriptionRepository::get(const Scope& scope, Id id) {
  Query q(kRxColumns);
  q.where("r.id = ?", id).scope(scope, "p.tenant_id");
  return first_row(fetch_rx(tx_, q));
}

Prescription PrescriptionRepository::add(const Scope& scope, const Prescription& in) {
  tx_.require_write();
  require_patient(tx_, scope, in.patient_id);
  Prescription r = in;
  int controlled = r.controlled ? 1 : 0;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO prescriptions (patient_id, medication_name, status, refills_remaining, controlled, "
               "refill_requested_at, created_at, updated_at) VALUES (:p, :m, :s, :r, :c, :q, :ca, :ua) RETURNING id",
      soci::use(r.patient_id), soci::use(r.medication_name), soci::use(r.status), soci::use(r.refills_remaining),
      soci::use(controlled), soci::use(r.refill_requested_at), soci::use(now), soci::use(now), soci::into(r.id);
  return r;
}

std::optional<Prescription> PrescriptionRepository::request_refill(const Scope& scope, Id id) {
  tx_.require_write();
  tx_.lock("prescription:" + std::to_string(id));
  auto r = get(scope, id);
  if (!r) return std::nullopt;
  if (r->controlled)
    throw ApiError(Errc::conflict, r->medication_name + " is a controlled substance; a visit is needed for a refill");
  if (r->status == "refill_requested")
    throw ApiError(Errc::conflict, "a refill of " + r->medication_name + " is already pending");
  if (r->refills_remaining <= 0) throw ApiError(Errc::conflict, "no refills left for " + r->medication_name);
  r->status = "refill_requested";
  r->refills_remaining -= 1;
  r->refill_requested_at = tx_.now();
  tx_.sql() << "UPDATE prescriptions SET status = :s, refills_remaining = :n, refill_requested_at = :t, "
               "updated_at = :u WHERE id = :id",
      soci::use(r->status), soci::use(r->refills_remaining), soci::use(r->refill_requested_at),
      soci::use(*r->refill_requested_at), soci::use(id);
  return r;
}

std::vector<Prescription> PrescriptionRepository::refill_requests(const Scope& scope, Id patient_id) {
  Query q(kRxColumns);
  q.where("r.patient_id = ?", patient_id)
      .where("r.refill_requested_at IS NOT NULL")
      .scope(scope, "p.tenant_id")
      .order_by("r.refill_requested_at DESC, r.id DESC");
  return fetch_rx(tx_, q);
}

std::vector<Insurance> InsuranceRepository::for_patient(const Scope& scope, Id patient_id) {
  Query q(kInsColumns);
  q.where("i.patient_id = ?", patient_id).scope(scope, "p.tenant_id").order_by("i.id");
  return fetch_ins(tx_, q);
}

std::vector<Insurance> InsuranceRepository::active_for_patient(const Scope& scope, Id patient_id) {
  Query q(kInsColumns);
  q.where("i.patient_id = ?", patient_id).where("i.status = ?", "active").scope(scope, "p.tenant_id").order_by("i.id");
  return fetch_ins(tx_, q);
}

Insurance InsuranceRepository::add(const Scope& scope, const Insurance& in) {
  tx_.require_write();
  require_patient(tx_, scope, in.patient_id);
  Insurance i = in;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO patient_insurance (patient_id, plan_name, payer, member_id, copay, status, created_at, "
               "updated_at) VALUES (:p, :n, :y, :m, :c, :s, :ca, :ua) RETURNING id",
      soci::use(i.patient_id), soci::use(i.plan_name), soci::use(i.payer), soci::use(i.member_id), soci::use(i.copay),
      soci::use(i.status), soci::use(now), soci::use(now), soci::into(i.id);
  return i;
}

}  // namespace aurixa::store
