#pragma once
// Prescriptions and insurance policies. Both hang off a patient, so every method checks the patient is
// visible in the scope before touching its records.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

class PrescriptionRepository {
 public:
  explicit PrescriptionRepository(Tx& tx) : tx_(tx) {}

  // A patient's prescriptions ordered by id; empty when the patient is not visible.
  std::vector<Prescription> for_patient(const Scope& scope, Id patient_id);
  std::optional<Prescription> get(const Scope& scope, Id id);
  Prescription add(const Scope& scope, const Prescription& p);
  // Marks a refill as requested and uses one refill. ApiError 409 when none are left, when it is a
  // controlled substance (needs a visit) or when a refill is already pending; nullopt when not visible.
  std::optional<Prescription> request_refill(const Scope& scope, Id id);
  // Prescriptions with a pending refill request, newest request first.
  std::vector<Prescription> refill_requests(const Scope& scope, Id patient_id);

 private:
  Tx& tx_;
};

class InsuranceRepository {
 public:
  explicit InsuranceRepository(Tx& tx) : tx_(tx) {}

  std::vector<Insurance> for_patient(const Scope& scope, Id patient_id);
  // Active policies, oldest first (a patient may have more than one: the original errored then, D14).
  std::vector<Insurance> active_for_patient(const Scope& scope, Id patient_id);
  Insurance add(const Scope& scope, const Insurance& i);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
