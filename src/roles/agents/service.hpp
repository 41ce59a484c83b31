#pragma once
// AgentService: agents::Api over the store (reads) and the execution engine (writes). One turn = load the
// session's dialogue state, run the planner against the tenant's clinic, save the state — serialised per
// session within a process (a striped lock), and versioned so a retried turn never writes twice.
#include <array>
#include <chrono>
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
namespace llm {
class Api;
}
}  // namespace aurixa

namespace aurixa::agents {

class TenantCache;

// Intent for a message when the caller gave none (the stand-alone /api/v1/run of the original).
using IntentFn = std::function<std::pair<std::string, double>(const std::string& text)>;

struct AgentOptions {
  // auto: when llm() has a configured model provider, the model chooses the tools (function calling) on
  // every turn except a pending confirmation, which the planner settles; planner: never a model.
  std::string tool_calling = "auto";
  int max_tool_steps = 5;  // model calls per turn
  // How long a tenant's time zone and provider list are reused (TenantCache; 0 = read on every turn): an
  // admin change to either shows up in agent turns within this time.
  std::chrono::milliseconds tenant_cache_ttl{30000};
};

class AgentService final : public Api {
 public:
  // execution() is called per write (the engine may be wired after this service, or remote); llm() per
  // turn (empty or null = the planner only).
  AgentService(store::Database& db, std::function<std::shared_ptr<execution::Api>()> execution, IntentFn classify,
               std::function<std::shared_ptr<llm::Api>()> llm = {}, AgentOptions options = {});
  ~AgentService() override;
  RunResult run(const RunRequest& request, const CallContext& ctx) override;
  void reset(const std::string& session_id, const CallContext& ctx) override;

 private:
  std::mutex& session_lock(const std::string& session_id);
  // Whether `llm` has a usable model provider, re-asked at most every 5 s (in split mode it is an HTTP call).
  bool model_available(llm::Api& llm);
  store::Database& db_;
  std::function<std::shared_ptr<execution::Api>()> execution_;
  IntentFn classify_;
  std::function<std::shared_ptr<llm::Api>()> llm_;
  AgentOptions options_;
  std::mutex model_mu_;
  std::chrono::steady_clock::time_point model_checked_{};
  bool model_ok_ = false;
  std::array<std::mutex, 64> locks_;
  std::unique_ptr<TenantCache> tenants_;
};

}  // namespace aurixa::agents
