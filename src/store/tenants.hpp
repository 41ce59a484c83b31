#pragma once
// Tenants (organisations). Creating a tenant is a platform-level action; a tenant-scoped caller sees
// and edits only its own tenant row.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct NewTenant {
  std::string name;
  std::optional<std::string> domain;
  std::string plan = "starter";
  std::string status = "active";
  std::int64_t api_key_count = 0;
};

struct TenantPatch {
  std::optional<std::string> name, plan, status;
};

class TenantRepository {
 public:
  explicit TenantRepository(Tx& tx) : tx_(tx) {}

  std::vector<Tenant> list(const Scope& scope, const Page& page);
  std::optional<Tenant> get(const Scope& scope, Id id);
  bool exists(const Scope& scope, Id id);
  // Platform scope only (ApiError forbidden otherwise). Duplicate name or domain -> ApiError conflict.
  Tenant create(const Scope& scope, const NewTenant& t);
  // nullopt when the tenant is not visible in scope. Duplicate name -> ApiError conflict.
  std::optional<Tenant> update(const Scope& scope, Id id, const TenantPatch& patch);
  std::int64_t count(const Scope& scope);
  // Rows per value of plan or status (config/summary).
  std::map<std::string, std::int64_t> count_by_plan(const Scope& scope);
  std::map<std::string, std::int64_t> count_by_status(const Scope& scope);

 private:
  std::map<std::string, std::int64_t> count_by(const Scope& scope, const char* column);
  Tx& tx_;
};

}  // namespace aurixa::store
