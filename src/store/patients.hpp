#pragma once
// Patients of a tenant. A tenant-scoped caller cannot see or create another tenant's patients.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct NewPatient {
  Id tenant_id = 0;
  std::string full_name;
  std::optional<std::string> email;
  std::optional<std::string> phone_number;
};

class PatientRepository {
 public:
  explicit PatientRepository(Tx& tx) : tx_(tx) {}

  // Ordered by id.
  std::vector<Patient> list(const Scope& scope, const Page& page);
  std::optional<Patient> get(const Scope& scope, Id id);
  // The tenant must exist and be visible in scope (ApiError 422 on tenant_id otherwise); a second patient
  // with the same email in a tenant -> ApiError conflict.
  Patient create(const Scope& scope, const NewPatient& p);
  std::int64_t count(const Scope& scope);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
