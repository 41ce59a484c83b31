#pragma once
// AgentService: agents::Api over the store (reads) and the execution engine (writes). One turn = load the
// session's dialogue state, run the planner against the tenant's clinic, save the state — serialised per
// session within a process (a striped lock), and versioned so a retried turn never writes twice.
#include <array>
#include <functional>
#include <memory>
#include <mutex>

#include "roles/agents/api.hpp"

namespace aurixa {
namespace store {
class Database;
}
namespace execution {
class Api;
}
}  // namespace aurixa

namespace aurixa::agents {

// Intent for a message when the caller gave none (the stand-alone /api/v1/run of the original).
using IntentFn = std::function<std::pair<std::string, double>(const std::string& text)>;

class AgentService final : public Api {
 public:
  // execution() is called per write (the engine may be wired after this service, or remote).
  AgentService(store::Database& db, std::function<std::shared_ptr<execution::Api>()> execution, IntentFn classify);
  RunResult run(const RunRequest& request, const CallContext& ctx) override;
  void reset(const std::string& session_id, const CallContext& ctx) override;

 private:
  std::mutex& session_lock(const std::string& session_id);
  store::Database& db_;
  std::function<std::shared_ptr<execution::Api>()> execution_;
  IntentFn classify_;
  std::array<std::mutex, 64> locks_;
};

}  // namespace aurixa::agents
