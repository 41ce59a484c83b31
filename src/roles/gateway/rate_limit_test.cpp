#include "roles/gateway/rate_limit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/redis.hpp"
#include "store/testing/redis_server.hpp"

namespace aurixa::gateway {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsExactlyTheLimitThenDenies) {
  RateLimiter rl(200);
  auto t = RateLimiter::Clock::now();
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(rl.take("ip", 0, t).allowed) << i;
  auto d = rl.take("ip", 0, t);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.remaining, 0);
  EXPECT_EQ(d.retry_after_seconds, 1);  // 200/min = one token every 0.3 s
}

TEST(RateLimiter, RefillsContinuously) {
  RateLimiter rl(60);  // one per second
  auto t = RateLimiter::Clock::now();
  for (int i = 0; i < 60; ++i) rl.take("k", 0, t);
  EXPECT_FALSE(rl.take("k", 0, t).allowed);
  EXPECT_FALSE(rl.take("k", 0, t + 500ms).allowed);
  EXPECT_TRUE(rl.take("k", 0, t + 1100ms).allowed);
}

TEST(RateLimiter, KeysAreIndependent) {
  RateLimiter rl(1);
  auto t = RateLimiter::Clock::now();
  EXPECT_TRUE(rl.take("a", 0, t).allowed);
  EXPECT_FALSE(rl.take("a", 0, t).allowed);
  EXPECT_TRUE(rl.take("b", 0, t).allowed);
}

TEST(RateLimiter, OverrideReplacesDefaultLimit) {
  RateLimiter rl(1);
  auto t = RateLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(rl.take("tenant", 5, t).allowed);
  EXPECT_FALSE(rl.take("tenant", 5, t).allowed);
}

TEST(RateLimiter, ReportsRemainingAndReset) {
  RateLimiter rl(10);
  auto t = RateLimiter::Clock::now();
  auto d = rl.take("x", 0, t);
  EXPECT_EQ(d.limit, 10);
  EXPECT_EQ(d.remaining, 9);
  EXPECT_EQ(d.reset_seconds, 6);
}

TEST(RateLimiter, ZeroLimitDisables) {
  RateLimiter rl(0);
  EXPECT_FALSE(rl.enabled());
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(rl.take("x").allowed);
}

}  // namespace
}  // namespace aurixa::gateway

// ---- RedisRateLimiter: one limit shared by replicas, on a real throw-away redis-server ----
namespace aurixa::gateway {
namespace {

class RedisRateLimit : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!server_.available()) {
      GTEST_SKIP() << server_.error();
    }
  }
  std::shared_ptr<RedisClient> client() {
    return std::make_shared<RedisClient>(RedisOptions{.url = server_.url(0), .timeout = 200ms, .retry_backoff = 100ms});
  }
  store::testing::RedisServer server_;
};

TEST_F(RedisRateLimit, TwoReplicasShareExactlyOneLimit) {
  RedisRateLimiter a(client(), 10, nullptr), b(client(), 10, nullptr);
  int allowed = 0;
  for (int i = 0; i < 10; ++i) {
    auto d = (i % 2 ? a : b).take("ip:10.0.0.1");
    ASSERT_TRUE(d.allowed) << i;
    EXPECT_EQ(d.limit, 10);
    EXPECT_EQ(d.remaining, 9 - i);
    ++allowed;
  }
  auto denied = a.take("ip:10.0.0.1");
  EXPECT_FALSE(denied.allowed);
  EXPECT_EQ(denied.remaining, 0);
  EXPECT_GE(denied.retry_after_seconds, 1);
  EXPECT_LE(denied.retry_after_seconds, 6);  // 10/min: one every 6 s
  EXPECT_FALSE(b.take("ip:10.0.0.1").allowed);
  EXPECT_TRUE(a.take("ip:10.0.0.2").allowed);  // other keys are independent
  EXPECT_FALSE(a.degraded());
}

TEST_F(RedisRateLimit, RefillsContinuouslyOnRedisTime) {
  RedisRateLimiter rl(client(), 120, nullptr);  // one every 500 ms
  // Drain until denied: on a slow machine tokens refill while the loop runs, so no fixed count is assumed.
  int taken = 0;
  while (rl.take("k").allowed) ASSERT_LT(++taken, 240);
  EXPECT_GE(taken, 120);
  std::this_thread::sleep_for(700ms);  // more than one refill interval
  EXPECT_TRUE(rl.take("k").allowed);
}

TEST_F(RedisRateLimit, ConcurrentReplicasNeverOverAdmit) {
  RedisRateLimiter a(client(), 100, nullptr), b(client(), 100, nullptr);
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  const auto t0 = std::chrono::steady_clock::now();
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i)
        if ((t % 2 ? a : b).take("tenant:1").allowed) ++allowed;
    });
  for (auto& t : threads) t.join();
  // 100, plus the tokens refilled while the 200 attempts ran (one every 600 ms; a loaded machine is slower).
  const auto ran = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_GE(allowed.load(), 100);
  EXPECT_LE(allowed.load(), 101 + static_cast<int>(ran / 0.6));
}

TEST_F(RedisRateLimit, RedisDownDegradesToLocalBucketsAndRecovers) {
  RedisRateLimiter rl(client(), 5, nullptr);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(rl.take("ip:1").allowed);
  EXPECT_FALSE(rl.take("ip:1").allowed);
  server_.stop();
  const auto t0 = std::chrono::steady_clock::now();
  // Local buckets start full: this replica alone allows the limit, then denies; nothing throws.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(rl.take("ip:1").allowed) << i;
  EXPECT_FALSE(rl.take("ip:1").allowed);
  EXPECT_TRUE(rl.degraded());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  ASSERT_TRUE(server_.start());
  std::this_thread::sleep_for(150ms);  // past the client's reconnect backoff
  auto d = rl.take("ip:2");
  EXPECT_TRUE(d.allowed);
  EXPECT_FALSE(rl.degraded());
  EXPECT_EQ(d.remaining, 4);
}

}  // namespace
}  // namespace aurixa::gateway
