#pragma once
// Per-tenant facts the agent runtime needs on nearly every turn, cached for a short time: the tenant's time
// zone (read on every call) and its provider list (the providers with availability in the 14 days from
// today, read on every turn that names or offers a provider). An admin change shows up within the TTL
// (AgentOptions::tenant_cache_ttl, 30 s by default; 0 = read every time). Thread-safe; owned by the
// AgentService (no global state).
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace aurixa {
namespace store {
class Database;
}
}  // namespace aurixa

namespace aurixa::agents {

class TenantCache {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  explicit TenantCache(
      std::chrono::milliseconds ttl, Clock clock = [] { return std::chrono::steady_clock::now(); });

  // The tenant's IANA time zone ("UTC" for an unknown tenant).
  std::string time_zone(store::Database& db, std::int64_t tenant);
  // Provider names with availability from `today` (YYYY-MM-DD, the tenant's local date) for 14 days, in
  // AvailabilityRepository::provider_names order. Cached per tenant and day.
  std::vector<std::string> providers(store::Database& db, std::int64_t tenant, const std::string& today);

 private:
  struct Entry {
    std::string time_zone;
    bool has_time_zone = false;
    std::chrono::steady_clock::time_point time_zone_at;
    std::string providers_day;
    std::vector<std::string> providers;
    std::chrono::steady_clock::time_point providers_at;
  };
  bool fresh(std::chrono::steady_clock::time_point at, std::chrono::steady_clock::time_point now) const {
    return ttl_.count() > 0 && now - at < ttl_;
  }
  Entry& entry(std::int64_t tenant);  // mu_ held

  std::chrono::milliseconds ttl_;
  Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, Entry> entries_;
};

}  // namespace aurixa::agents
