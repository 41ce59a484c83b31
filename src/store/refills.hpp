#pragma once
// Refill requests: one row per request a patient made for a prescription (written by the execution
// engine in the same transaction that uses up the refill), with the pharmacy and a processing status the
// clinic moves forward. Rows of patients outside the scope are invisible.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct RefillRequest {
  Id id = 0;
  Id tenant_id = 0;
  Id patient_id = 0;
  Id prescription_id = 0;
  std::string medication_name;
  std::optional<std::string> pharmacy;
  std::string status = "pending";  // pending, approved, denied, filled
  std::optional<std::string> requested_by;
  std::string created_at;
  std::string updated_at;
};

class RefillRequestRepository {
 public:
  explicit RefillRequestRepository(Tx& tx) : tx_(tx) {}

  // Inserts with status "pending" (ignores r.id/status/timestamps). The tenant must be visible in scope
  // (ApiError 422 on tenant_id otherwise); the patient and prescription must exist (foreign keys).
  RefillRequest create(const Scope& scope, const RefillRequest& r);
  // A patient's requests, newest first.
  std::vector<RefillRequest> for_patient(const Scope& scope, Id patient_id, const Page& page);
  std::optional<RefillRequest> get(const Scope& scope, Id id);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
