#include "roles/llm/limits.hpp"

#include <limits>
#include <numeric>

#include "core/error.hpp"

namespace aurixa::llm {
namespace {

std::int64_t utc_day() {
  using namespace std::chrono;
  return duration_cast<days>(system_clock::now().time_since_epoch()).count();
}

std::string fmt_usd(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

}  // namespace

TenantLimiter::TenantLimiter(TenantLimits defaults, std::map<std::string, TenantLimits> per_tenant, Now now)
    : defaults_(defaults),
      per_tenant_(std::move(per_tenant)),
      now_(now ? std::move(now) : Now([] { return Clock::now(); })) {}

const TenantLimits& TenantLimiter::limits(const std::string& tenant) const {
  auto it = per_tenant_.find(tenant);
  return it == per_tenant_.end() ? defaults_ : it->second;
}

TenantLimiter::Window& TenantLimiter::window(const std::string& tenant, std::int64_t second) {
  auto& w = windows_[tenant];
  // Advance the ring to `second`, zeroing buckets that fell out of the last 60 s.
  if (second > w.head_second) {
    std::int64_t steps = std::min<std::int64_t>(second - w.head_second, 60);
    for (std::int64_t s = 1; s <= steps; ++s) {
      auto i = static_cast<std::size_t>((w.head_second + s) % 60);
      w.requests[i] = 0;
      w.tokens[i] = 0;
    }
    w.head_second = second;
  }
  if (auto d = utc_day(); d != w.day) {
    w.day = d;
    w.spent_today = 0;
  }
  return w;
}

void TenantLimiter::check_locked(const std::string& tenant, Window& w) {
  const auto& l = limits(tenant);
  if (l.requests_per_minute > 0) {
    auto n = std::accumulate(w.requests.begin(), w.requests.end(), std::int64_t{0});
    if (n >= l.requests_per_minute)
      throw ApiError(Errc::rate_limited, "tenant '" + tenant + "' exceeded its limit of " +
                                             std::to_string(l.requests_per_minute) + " LLM requests per minute");
  }
  if (l.tokens_per_minute > 0) {
    auto n = std::accumulate(w.tokens.begin(), w.tokens.end(), std::int64_t{0});
    if (n >= l.tokens_per_minute)
      throw ApiError(Errc::rate_limited, "tenant '" + tenant + "' exceeded its limit of " +
                                             std::to_string(l.tokens_per_minute) + " LLM tokens per minute");
  }
  if (l.daily_budget_usd > 0 && w.spent_today >= l.daily_budget_usd)
    throw ApiError(Errc::rate_limited, "tenant '" + tenant + "' has spent its daily LLM budget of $" +
                                           fmt_usd(l.daily_budget_usd) + " (spent $" + fmt_usd(w.spent_today) + ")");
}

void TenantLimiter::check(const std::string& tenant) {
  auto second = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  std::lock_guard lock(mu_);
  check_locked(tenant, window(tenant, second));
}

void TenantLimiter::admit(const std::string& tenant) {
  auto second = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  std::lock_guard lock(mu_);
  auto& w = window(tenant, second);
  check_locked(tenant, w);
  ++w.requests[static_cast<std::size_t>(second % 60)];
}

void TenantLimiter::record(const std::string& tenant, std::int64_t tokens, double cost_usd) {
  auto second = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  std::lock_guard lock(mu_);
  auto& w = window(tenant, second);
  w.tokens[static_cast<std::size_t>(second % 60)] += tokens;
  w.spent_today += cost_usd;
}

double TenantLimiter::remaining_budget(const std::string& tenant) {
  const auto& l = limits(tenant);
  if (l.daily_budget_usd <= 0) return std::numeric_limits<double>::infinity();
  auto second = std::chrono::duration_cast<std::chrono::seconds>(now_().time_since_epoch()).count();
  std::lock_guard lock(mu_);
  return std::max(0.0, l.daily_budget_usd - window(tenant, second).spent_today);
}

}  // namespace aurixa::llm
