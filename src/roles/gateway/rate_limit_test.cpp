#include "roles/gateway/rate_limit.hpp"

#include <gtest/gtest.h>

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
