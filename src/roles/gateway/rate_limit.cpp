#include "roles/gateway/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/log.hpp"
#include "core/redis.hpp"

namespace aurixa::gateway {
namespace {

// GCRA: `tat` (theoretical arrival time, microseconds on Redis's clock) advances by one emission interval per
// allowed request; a request is allowed while tat - now stays within the period. Returns
// {allowed, remaining, reset_ms, retry_after_ms}.
constexpr const char* kGcraScript = R"lua(
local limit = tonumber(ARGV[1])
local period = 60000000
local interval = period / limit
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local new_tat = tat + interval
if new_tat - now > period + 0.5 then  -- 0.5 us: float rounding of limit * interval
  return {0, 0, math.ceil((tat - now) / 1000), math.ceil((new_tat - period - now) / 1000)}
end
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, math.floor((period - (new_tat - now)) / interval + 0.000001), math.ceil((new_tat - now) / 1000), 0}
)lua";

constexpr auto kWarnEvery = std::chrono::seconds(30);

std::int64_t ms_to_s(std::int64_t ms) { return (ms + 999) / 1000; }

}  // namespace

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

RedisRateLimiter::RedisRateLimiter(std::shared_ptr<RedisClient> redis, std::int64_t per_minute, Log* log)
    : redis_(std::move(redis)), per_minute_(per_minute), log_(log), local_(per_minute) {}

RateDecision RedisRateLimiter::take(const std::string& key, std::int64_t limit_override) {
  const std::int64_t limit = limit_override > 0 ? limit_override : per_minute_;
  if (limit <= 0) return local_.take(key, limit_override);
  try {
    auto r = redis_->eval(kGcraScript, {kPrefix + key}, {std::to_string(limit)});
    if (r.elements.size() != 4) throw RedisError("rate limit script returned an unexpected reply");
    RateDecision d;
    d.allowed = r.elements[0].integer == 1;
    d.limit = limit;
    d.remaining = r.elements[1].integer;
    d.reset_seconds = ms_to_s(r.elements[2].integer);
    d.retry_after_seconds = d.allowed ? 0 : std::max<std::int64_t>(1, ms_to_s(r.elements[3].integer));
    if (degraded_.exchange(false) && log_) log_->info("rate limits: redis is back, the limit is shared again");
    return d;
  } catch (const RedisError& e) {
    const bool was = degraded_.exchange(true);
    const auto now = std::chrono::steady_clock::now();
    bool warn = false;
    {
      std::lock_guard lock(warn_mu_);
      if (!was || now - last_warning_ >= kWarnEvery) {
        last_warning_ = now;
        warn = true;
      }
    }
    if (warn && log_)
      log_->warn("rate limits: redis unavailable, enforcing this replica's local limits", {{"error", e.what()}});
    return local_.take(key, limit_override);
  }
}

}  // namespace aurixa::gateway
