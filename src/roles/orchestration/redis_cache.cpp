#include "roles/orchestration/redis_cache.hpp"

#include "core/log.hpp"
#include "core/redis.hpp"
#include "store/password.hpp"

namespace aurixa::orchestration {
namespace {

constexpr auto kWarnEvery = std::chrono::seconds(30);

}  // namespace

RedisResponseCache::RedisResponseCache(std::shared_ptr<RedisClient> redis, std::chrono::seconds ttl, Log& log)
    : redis_(std::move(redis)), ttl_(ttl), log_(log) {}

std::string RedisResponseCache::redis_key(const std::string& key) { return kPrefix + store::sha256_hex(key); }

std::optional<std::string> RedisResponseCache::get(const std::string& key) {
  try {
    auto v = redis_->get(redis_key(key));
    ++(v ? hits_ : misses_);
    return v;
  } catch (const std::exception& e) {
    ++misses_;
    failed("get", e);
    return std::nullopt;
  }
}

void RedisResponseCache::put(const std::string& key, std::string value) {
  if (!enabled()) return;
  try {
    redis_->set(redis_key(key), value, std::chrono::duration_cast<std::chrono::milliseconds>(ttl_));
  } catch (const std::exception& e) {
    failed("put", e);
  }
}

std::size_t RedisResponseCache::size() const {
  // SCAN walks the keyspace in small steps (never blocks Redis like KEYS); bounded for a stats call.
  std::size_t n = 0;
  try {
    std::string cursor = "0";
    for (int step = 0; step < 100; ++step) {
      auto r = redis_->command({"SCAN", cursor, "MATCH", std::string(kPrefix) + "*", "COUNT", "1000"});
      if (r.elements.size() != 2) break;
      n += r.elements[1].elements.size();
      cursor = r.elements[0].str;
      if (cursor == "0") break;
    }
  } catch (const std::exception&) {
    return 0;
  }
  return n;
}

void RedisResponseCache::failed(const char* op, const std::exception& e) {
  ++failures_;
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t suppressed = 0;
  {
    std::lock_guard lock(warn_mu_);
    if (last_warning_ != std::chrono::steady_clock::time_point{} && now - last_warning_ < kWarnEvery) {
      ++suppressed_;
      return;
    }
    last_warning_ = now;
    suppressed = suppressed_;
    suppressed_ = 0;
  }
  log_.warn("response cache: redis unavailable, serving without the shared cache",
            {{"operation", op},
             {"error", e.what()},
             {"suppressed_since_last_warning", static_cast<std::int64_t>(suppressed)}});
}

}  // namespace aurixa::orchestration
