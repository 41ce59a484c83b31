#include "roles/gateway/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace aurixa::gateway {

RateDecision RateLimiter::take(const std::string& key, std::int64_t limit_override, Clock::time_point now) {
  const std::int64_t limit = limit_override > 0 ? limit_override : per_minute_;
  RateDecision d;
  d.limit = limit;
  if (limit <= 0) {
    d.remaining = 0;
    return d;
  }
  const double rate = static_cast<double>(limit) / 60.0;  // tokens per second
  Shard& shard = shards_[std::hash<std::string>{}(key) % kShards];
  std::lock_guard lock(shard.mu);
  if (shard.buckets.size() > kMaxKeysPerShard) {
    // Drop buckets that have refilled completely: forgetting them changes nothing.
    std::erase_if(shard.buckets, [&](const auto& kv) {
      return kv.second.tokens + std::chrono::duration<double>(now - kv.second.updated).count() * rate >= limit;
    });
  }
  auto [it, inserted] = shard.buckets.try_emplace(key, Bucket{static_cast<double>(limit), now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens = std::min<double>(limit, b.tokens + std::chrono::duration<double>(now - b.updated).count() * rate);
    b.updated = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    d.allowed = true;
  } else {
    d.allowed = false;
    d.retry_after_seconds = static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) / rate));
  }
  d.remaining = static_cast<std::int64_t>(std::floor(b.tokens));
  d.reset_seconds = static_cast<std::int64_t>(std::ceil((limit - b.tokens) / rate));
  return d;
}

}  // namespace aurixa::gateway
