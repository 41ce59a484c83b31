// Circuit breaker and tenant limiter: pure state machines driven by a test clock.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "roles/llm/breaker.hpp"
#include "roles/llm/limits.hpp"

namespace aurixa::llm {
namespace {

using namespace std::chrono_literals;
using State = CircuitBreaker::State;

TEST(LlmCircuitBreaker, OpensAfterConsecutiveFailures) {
  CircuitBreaker b({3, 1000ms});
  auto t = CircuitBreaker::Clock::now();
  b.on_failure(t);
  b.on_failure(t);
  EXPECT_EQ(b.state(t), State::closed);
  b.on_success();  // a success resets the count: failures must be consecutive
  b.on_failure(t);
  b.on_failure(t);
  EXPECT_TRUE(b.allow(t));
  b.on_failure(t);
  EXPECT_EQ(b.state(t), State::open);
  EXPECT_FALSE(b.allow(t + 999ms));
}

TEST(LlmCircuitBreaker, HalfOpenAdmitsOneProbe) {
  CircuitBreaker b({1, 1000ms});
  auto t = CircuitBreaker::Clock::now();
  b.on_failure(t);
  EXPECT_EQ(b.state(t + 1000ms), State::half_open);
  EXPECT_TRUE(b.allow(t + 1000ms));   // the probe
  EXPECT_FALSE(b.allow(t + 1001ms));  // others wait for it
  b.on_success();
  EXPECT_EQ(b.state(t + 1002ms), State::closed);
  EXPECT_TRUE(b.allow(t + 1002ms));
}

TEST(LlmCircuitBreaker, FailedProbeReopens) {
  CircuitBreaker b({1, 1000ms});
  auto t = CircuitBreaker::Clock::now();
  b.on_failure(t);
  ASSERT_TRUE(b.allow(t + 1500ms));
  b.on_failure(t + 1500ms);
  EXPECT_EQ(b.state(t + 1600ms), State::open);
  EXPECT_FALSE(b.allow(t + 2400ms));
  EXPECT_TRUE(b.allow(t + 2500ms));
}

class LlmLimiter : public ::testing::Test {
 protected:
  TenantLimiter::Clock::time_point now = TenantLimiter::Clock::time_point(std::chrono::hours(1000));
  TenantLimiter::Now clock = [this] { return now; };
};

TEST_F(LlmLimiter, RequestsPerMinute) {
  TenantLimiter l({2, 0, 0}, {}, clock);
  l.admit("7");
  l.admit("7");
  try {
    l.admit("7");
    FAIL() << "third request admitted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 429);
    EXPECT_NE(std::string(e.what()).find("2 LLM requests per minute"), std::string::npos);
  }
  l.admit("8");  // other tenants are unaffected
  now += 61s;
  EXPECT_NO_THROW(l.admit("7"));  // the window slid
}

TEST_F(LlmLimiter, TokensPerMinute) {
  TenantLimiter l({0, 1000, 0}, {}, clock);
  l.admit("t");
  l.record("t", 1200, 0);
  EXPECT_THROW(l.check("t"), ApiError);
  now += 30s;
  EXPECT_THROW(l.check("t"), ApiError);
  now += 31s;
  EXPECT_NO_THROW(l.check("t"));
}

TEST_F(LlmLimiter, DailyBudgetAndPerTenantOverride) {
  TenantLimiter l({0, 0, 1.0}, {{"vip", {0, 0, 100.0}}}, clock);
  l.record("a", 10, 0.6);
  EXPECT_NEAR(l.remaining_budget("a"), 0.4, 1e-9);
  l.record("a", 10, 0.5);
  EXPECT_THROW(l.admit("a"), ApiError);
  l.record("vip", 10, 50);
  EXPECT_NO_THROW(l.admit("vip"));
  EXPECT_DOUBLE_EQ(l.remaining_budget("other"), 1.0);  // the default budget applies to everyone else
}

TEST_F(LlmLimiter, CheckDoesNotCount) {
  TenantLimiter l({1, 0, 0}, {}, clock);
  l.check("t");
  l.check("t");
  EXPECT_NO_THROW(l.admit("t"));
  EXPECT_THROW(l.check("t"), ApiError);
}

}  // namespace
}  // namespace aurixa::llm
