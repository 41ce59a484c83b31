#pragma once
// The response cache shared by orchestration replicas (REDIS_URL set): entries live in Redis under
// "aurixa:cache:<sha256 of the cache key>" with a TTL of cache_ttl_s, so an answer computed by one replica is
// a hit on every other. Redis is an optimisation here: any Redis failure is a miss (get) or a dropped entry
// (put), with at most one warning per 30 s in the log, never an error of the turn. Thread-safe.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "roles/orchestration/cache.hpp"

namespace aurixa {
class Log;
class RedisClient;
}  // namespace aurixa

namespace aurixa::orchestration {

class RedisResponseCache final : public ResponseCache {
 public:
  static constexpr const char* kPrefix = "aurixa:cache:";

  RedisResponseCache(std::shared_ptr<RedisClient> redis, std::chrono::seconds ttl, Log& log);

  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string value) override;
  bool enabled() const override { return ttl_.count() > 0; }
  std::uint64_t hits() const override { return hits_; }
  std::uint64_t misses() const override { return misses_; }
  std::size_t size() const override;  // keys under the prefix (a bounded SCAN); 0 when Redis is down
  std::string backend() const override { return "redis"; }
  std::uint64_t failures() const { return failures_; }

  // The Redis key of a cache key (hashed: bounded length, no prompt text in key names).
  static std::string redis_key(const std::string& key);

 private:
  void failed(const char* op, const std::exception& e);

  std::shared_ptr<RedisClient> redis_;
  const std::chrono::seconds ttl_;
  Log& log_;
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, failures_{0};
  std::mutex warn_mu_;
  std::chrono::steady_clock::time_point last_warning_{};
  std::uint64_t suppressed_ = 0;
};

}  // namespace aurixa::orchestration
