#pragma once
// Per-tenant admission: requests per minute, tokens per minute (sliding 60 s window of 1 s buckets)
// and a daily budget in USD (resets at 00:00 UTC). Exceeding any -> ApiError rate_limited (429) with a
// message naming the limit. State is per process: with several replicas each enforces its own share.
// Thread-safe.
#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace aurixa::llm {

struct TenantLimits {
  std::int64_t requests_per_minute = 0;  // 0 = unlimited
  std::int64_t tokens_per_minute = 0;    // input + output; 0 = unlimited
  double daily_budget_usd = 0;           // 0 = unlimited
};

class TenantLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;

  TenantLimiter(TenantLimits defaults, std::map<std::string, TenantLimits> per_tenant, Now now = {});

  // Throws rate_limited when a request from this tenant would be refused now; counts nothing.
  void check(const std::string& tenant);
  // check() and, when admitted, counts the request.
  void admit(const std::string& tenant);
  // Records what a finished call consumed.
  void record(const std::string& tenant, std::int64_t tokens, double cost_usd);
  // USD left today (infinity when the tenant has no budget).
  double remaining_budget(const std::string& tenant);
  const TenantLimits& limits(const std::string& tenant) const;

 private:
  struct Window {
    std::array<std::int64_t, 60> requests{};
    std::array<std::int64_t, 60> tokens{};
    std::int64_t head_second = 0;  // the second the newest bucket covers
    std::int64_t day = -1;         // UTC day number the spend belongs to
    double spent_today = 0;
  };
  Window& window(const std::string& tenant, std::int64_t second);
  void check_locked(const std::string& tenant, Window& w);

  TenantLimits defaults_;
  std::map<std::string, TenantLimits> per_tenant_;
  Now now_;
  std::mutex mu_;
  std::map<std::string, Window> windows_;
};

}  // namespace aurixa::llm
