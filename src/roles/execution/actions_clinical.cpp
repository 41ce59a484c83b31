// Clinical actions: check_insurance (records the check) and request_prescription_refill (checks the
// prescription exists, has refills left, is not controlled, has no pending refill; uses one refill and
// records a refill request with the pharmacy, all in one transaction).
#include <algorithm>

#include "core/error.hpp"
#include "roles/execution/actions.hpp"
#include "store/clinical.hpp"
#include "store/refills.hpp"
#include "store/slot_booking.hpp"

namespace aurixa::execution::detail {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string names_of(const std::vector<store::Prescription>& rx) {
  std::string out;
  for (const auto& r : rx) out += (out.empty() ? "" : ", ") + r.medication_name;
  return out;
}

// Refusals in the order PrescriptionRepository::request_refill checks them, with their error codes.
void check_refillable(const store::Prescription& rx) {
  const auto& m = rx.medication_name;
  if (rx.controlled)
    throw refuse("controlled_substance",
                 m + " is a controlled substance, so a refill needs a visit with your doctor. Would you like to book "
                     "an appointment?",
                 "medication_name");
  if (rx.status == "refill_requested")
    throw refuse("refill_pending", "A refill of " + m + " is already pending. Allow 24-48 hours for processing.",
                 "medication_name");
  if (rx.refills_remaining <= 0)
    throw refuse("no_refills", "No refills left for " + m + ". Please contact your doctor for a new prescription.",
                 "medication_name");
}

}  // namespace

ExecuteResult check_insurance(Env& env) {
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID: {}");
  auto ref = resolve_patient(env, pid);
  auto active = store::InsuranceRepository(env.tx).active_for_patient(store::Scope::tenant(ref.tenant), pid);
  if (active.empty()) {
    auto refusal = refuse(
        "no_insurance",
        "No active insurance on file for patient " + std::to_string(pid) + ". Please update insurance information.",
        "patient_id");
    refusal.result.data["patient_id"] = std::to_string(pid);
    refusal.result.data["policies"] = "0";
    throw refusal;
  }
  const auto& p = active.front();
  ExecuteResult r;
  r.message =
      "Insurance verified. Plan: " + p.plan_name + ". Payer: " + p.payer.value_or("N/A") + ". Copay: " + p.copay + ".";
  // More than one active policy is normal (the original errored: D14): the first is primary, the others listed.
  if (active.size() > 1) {
    r.message += " Also on file:";
    for (std::size_t i = 1; i < active.size(); ++i)
      r.message += std::string(i > 1 ? ";" : "") + " " + active[i].plan_name +
                   " (Payer: " + active[i].payer.value_or("N/A") + ", Copay: " + active[i].copay + ")";
    r.message += ".";
  }
  r.data = {
      {"patient_id", std::to_string(pid)},        {"plan_name", p.plan_name}, {"payer", p.payer.value_or("")},
      {"member_id", p.member_id.value_or("")},    {"copay", p.copay},         {"insurance_id", std::to_string(p.id)},
      {"policies", std::to_string(active.size())}};
  audit(env, ref.tenant, "patient", std::to_string(pid),
        "Insurance checked for patient " + std::to_string(pid) + ": " + std::to_string(active.size()) +
            " active polic" + (active.size() == 1 ? "y" : "ies") + ", primary " + p.plan_name);
  return r;
}

ExecuteResult request_prescription_refill(Env& env) {
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID: {}");
  const auto rx_id = optional_id_param(env, "prescription_id");
  auto medication = text_param(env, "medication_name", 255);
  if (!medication) medication = text_param(env, "medication_id", 255);  // the original's alias
  const auto pharmacy = text_param(env, "pharmacy", 255);
  auto ref = resolve_patient(env, pid);
  const auto scope = store::Scope::tenant(ref.tenant);
  store::PrescriptionRepository repo(env.tx);
  auto all = repo.for_patient(scope, pid);
  if (all.empty())
    throw refuse("not_found", "No active prescriptions found for patient " + std::to_string(pid) + ".", "patient_id");

  std::vector<store::Prescription> matches;
  if (rx_id) {
    for (const auto& r : all)
      if (r.id == *rx_id) matches.push_back(r);
    if (matches.empty())
      throw refuse("not_found",
                   "Prescription " + std::to_string(*rx_id) + " not found for patient " + std::to_string(pid) + ".",
                   "prescription_id");
  } else if (medication) {
    const auto want = lower(*medication);
    for (const auto& r : all)
      if (lower(r.medication_name).find(want) != std::string::npos) matches.push_back(r);
    if (matches.empty())
      throw refuse("not_found",
                   "No prescription matching '" + *medication + "' found for patient " + std::to_string(pid) +
                       ". On file: " + names_of(all) + ".",
                   "medication_name");
  } else {
    matches = all;
  }
  // Never guess between medications (the original took the first one: D14).
  if (matches.size() > 1)
    throw refuse("invalid_params", "Which medication should be refilled? On file: " + names_of(matches) + ".",
                 "medication_name");

  const store::Id id = matches.front().id;
  store::lock_key(env.tx, "prescription:" + std::to_string(id));  // the lock request_refill takes, taken first
  auto current = repo.get(scope, id);
  if (!current) throw refuse("not_found", "Prescription not found.", "prescription_id");
  check_refillable(*current);
  auto updated = repo.request_refill(scope, id);
  if (!updated) throw refuse("not_found", "Prescription not found.", "prescription_id");

  store::RefillRequest req;
  req.tenant_id = ref.tenant;
  req.patient_id = pid;
  req.prescription_id = id;
  req.medication_name = updated->medication_name;
  req.pharmacy = pharmacy;
  req.requested_by = env.actor;
  auto row = store::RefillRequestRepository(env.tx).create(scope, req);
  audit(env, ref.tenant, "prescription", std::to_string(id),
        "Patient " + std::to_string(pid) + " requested refill for " + updated->medication_name +
            (pharmacy ? " (pharmacy: " + *pharmacy + ")" : ""));

  ExecuteResult r;
  r.message = "Refill request submitted for " + updated->medication_name + ". Allow 24-48 hours for processing.";
  r.data = {{"patient_id", std::to_string(pid)},
            {"prescription_id", std::to_string(id)},
            {"medication", updated->medication_name},
            {"pharmacy", pharmacy.value_or("")},
            {"refill_request_id", std::to_string(row.id)},
            {"refill_status", row.status},
            {"refills_remaining", std::to_string(updated->refills_remaining)}};
  return r;
}

}  // namespace aurixa::execution::detail
