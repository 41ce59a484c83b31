#pragma once
// ExecutionService: execution::Api over the store. Each call runs its action in one store transaction
// (a write transaction for writing actions): validation, the change, its audit row and, with an
// idempotency key, the stored result all commit together or not at all. A refused action rolls back and
// its refusal is audited separately (group-committed AuditLog). Thread-safe.
#include <ctime>
#include <functional>
#include <memory>

#include "roles/execution/api.hpp"
#include "store/audit.hpp"

namespace aurixa::store {
class Database;
}

namespace aurixa::execution {

struct ExecutionOptions {
  // Wall clock (seconds since the epoch); tests pin it. Default: std::time.
  std::function<std::time_t()> clock;
};

class ExecutionService final : public Api {
 public:
  explicit ExecutionService(store::Database& db, ExecutionOptions options = {});

  ExecuteResult execute(const ExecuteRequest& request, const CallContext& ctx) override;
  std::vector<ActionInfo> actions() override;

 private:
  store::Database& db_;
  store::AuditLog audit_log_;
  ExecutionOptions options_;
};

}  // namespace aurixa::execution
