#pragma once
// Hospital staff of a tenant.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

class StaffRepository {
 public:
  explicit StaffRepository(Tx& tx) : tx_(tx) {}

  // Active staff only, by id; `role` filters by exact role.
  std::vector<Staff> list(const Scope& scope, const std::optional<std::string>& role, const Page& page);
  std::optional<Staff> get(const Scope& scope, Id id);
  // Tenant must be visible in scope (422 tenant_id); duplicate email in a tenant -> 409.
  Staff add(const Scope& scope, const Staff& s);
  std::int64_t count(const Scope& scope);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
