#pragma once
// Token-bucket rate limiter keyed by string (client IP, tenant). Capacity = limit per minute, refilled
// continuously, so a client gets `limit` requests per rolling minute without a burst at window edges.
// Thread-safe (sharded locks); idle keys are purged as the table grows. Local to the process; the
// Redis-backed variant shares buckets between gateway replicas (see docs/OPERATIONS.md).
#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace aurixa::gateway {

struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_seconds = 0;  // until the bucket is full again
  std::int64_t retry_after_seconds = 0;  // when denied: until one token is available
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(std::int64_t per_minute) : per_minute_(per_minute) {}

  // Takes one token for `key` (limit override > 0 replaces the default, e.g. a tenant's own limit).
  RateDecision take(const std::string& key, std::int64_t limit_override = 0, Clock::time_point now = Clock::now());
  bool enabled() const { return per_minute_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;
  static constexpr std::size_t kMaxKeysPerShard = 50'000;

  std::int64_t per_minute_;
  std::array<Shard, kShards> shards_;
};

}  // namespace aurixa::gateway
