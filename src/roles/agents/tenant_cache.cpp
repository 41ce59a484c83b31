#include "roles/agents/tenant_cache.hpp"

#include "roles/agents/planner.hpp"
#include "store/availability.hpp"
#include "store/database.hpp"
#include "store/tenants.hpp"

namespace aurixa::agents {

namespace {
constexpr std::size_t kMaxTenants = 10000;  // bound on memory; cleared wholesale beyond it
}

TenantCache::TenantCache(std::chrono::milliseconds ttl, Clock clock) : ttl_(ttl), clock_(std::move(clock)) {}

TenantCache::Entry& TenantCache::entry(std::int64_t tenant) {
  if (entries_.size() >= kMaxTenants && !entries_.count(tenant)) entries_.clear();
  return entries_[tenant];
}

std::string TenantCache::time_zone(store::Database& db, std::int64_t tenant) {
  const auto now = clock_();
  {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(tenant);
        it != entries_.end() && it->second.has_time_zone && fresh(it->second.time_zone_at, now))
      return it->second.time_zone;
  }
  std::string tz = "UTC";  // read outside the lock: two racing misses both read, the last one stays
  db.read([&](store::Tx& tx) {
    if (const auto t = store::TenantRepository(tx).get(store::Scope::platform(), tenant)) tz = t->time_zone;
  });
  std::lock_guard lock(mu_);
  auto& e = entry(tenant);
  e.time_zone = tz;
  e.has_time_zone = true;
  e.time_zone_at = now;
  return tz;
}

std::vector<std::string> TenantCache::providers(store::Database& db, std::int64_t tenant, const std::string& today) {
  const auto now = clock_();
  {
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(tenant);
        it != entries_.end() && it->second.providers_day == today && fresh(it->second.providers_at, now))
      return it->second.providers;
  }
  std::vector<std::string> names;
  db.read([&](store::Tx& tx) {
    names = store::AvailabilityRepository(tx).provider_names(store::Scope::tenant(tenant), today, add_days(today, 13));
  });
  std::lock_guard lock(mu_);
  auto& e = entry(tenant);
  e.providers_day = today;
  e.providers = names;
  e.providers_at = now;
  return names;
}

}  // namespace aurixa::agents
