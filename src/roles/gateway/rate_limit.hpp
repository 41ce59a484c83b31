#pragma once
// Token-bucket rate limiter keyed by string (client IP, tenant). Capacity = limit per minute, refilled
// continuously, so a client gets `limit` requests per rolling minute without a burst at window edges.
// Thread-safe (sharded locks); idle keys are purged as the table grows. Local to the process; the
// Redis-backed variant (RedisRateLimiter) shares the limit between gateway replicas (see docs/OPERATIONS.md).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace aurixa {
class Log;
class RedisClient;
}  // namespace aurixa

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

// One limit shared by every gateway replica (REDIS_URL set): GCRA — the same continuous refill as the local
// token bucket — in one atomic Lua script per request, on Redis's clock (replicas' clocks may differ), keys
// "aurixa:rl:<key>" expiring once the bucket is full again. When Redis fails, the request is decided by this
// replica's local buckets (each replica then allows the limit on its own) with a warning at most every 30 s,
// and the shared limit takes over again as soon as Redis answers. Thread-safe.
class RedisRateLimiter {
 public:
  static constexpr const char* kPrefix = "aurixa:rl:";
  // log may be null (tests).
  RedisRateLimiter(std::shared_ptr<RedisClient> redis, std::int64_t per_minute, Log* log);

  RateDecision take(const std::string& key, std::int64_t limit_override = 0);
  bool enabled() const { return local_.enabled(); }
  bool degraded() const { return degraded_; }  // the last decision came from the local buckets

 private:
  std::shared_ptr<RedisClient> redis_;
  std::int64_t per_minute_;
  Log* log_;
  RateLimiter local_;
  std::atomic<bool> degraded_{false};
  std::mutex warn_mu_;
  std::chrono::steady_clock::time_point last_warning_{};
};

}  // namespace aurixa::gateway
