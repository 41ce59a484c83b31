// RedisClient against a real throw-away redis-server (skipped with the reason when none can be started).
#include "core/redis.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/testing/redis_server.hpp"

namespace aurixa {
namespace {

using namespace std::chrono_literals;
using store::testing::RedisServer;

TEST(RedisUrl, ParsesHostPortPasswordAndDatabase) {
  auto u = parse_redis_url("redis://:s%40cret@cache.internal:6380/3");
  EXPECT_EQ(u.host, "cache.internal");
  EXPECT_EQ(u.port, 6380);
  EXPECT_EQ(u.password, "s@cret");
  EXPECT_EQ(u.user, "");
  EXPECT_EQ(u.db, 3);
  auto d = parse_redis_url("redis://localhost");
  EXPECT_EQ(d.port, 6379);
  EXPECT_EQ(d.db, 0);
  auto acl = parse_redis_url("redis://app:pw@[::1]:7000");
  EXPECT_EQ(acl.host, "::1");
  EXPECT_EQ(acl.port, 7000);
  EXPECT_EQ(acl.user, "app");
  EXPECT_EQ(acl.password, "pw");
}

TEST(RedisUrl, RejectsWhatItCannotServe) {
  EXPECT_THROW(parse_redis_url("http://localhost:6379"), std::invalid_argument);
  EXPECT_THROW(parse_redis_url("rediss://localhost:6379"), std::invalid_argument);
  EXPECT_THROW(parse_redis_url("redis://localhost:99999"), std::invalid_argument);
  EXPECT_THROW(parse_redis_url("redis://localhost:6379/x"), std::invalid_argument);
  try {
    parse_redis_url("redis://:topsecret@host:bad");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).find("topsecret"), std::string::npos);
  }
}

class RedisClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new RedisServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    if (!server_->available()) {
      GTEST_SKIP() << server_->error();
    }
    if (!server_->running()) {
      ASSERT_TRUE(server_->start());
    }
  }
  static RedisServer* server_;
};
RedisServer* RedisClientTest::server_ = nullptr;

TEST_F(RedisClientTest, GetSetWithExpiryIncrAndDel) {
  RedisClient c({.url = server_->url(1)});
  EXPECT_TRUE(c.ping());
  EXPECT_FALSE(c.get("k1"));
  c.set("k1", std::string("v\0al", 4));  // binary-safe
  EXPECT_EQ(c.get("k1").value_or(""), std::string("v\0al", 4));
  c.set("k2", "short", 50ms);
  EXPECT_TRUE(c.get("k2"));
  std::this_thread::sleep_for(120ms);
  EXPECT_FALSE(c.get("k2"));
  EXPECT_EQ(c.incr("n"), 1);
  EXPECT_EQ(c.incr("n"), 2);
  EXPECT_TRUE(c.expire("n", 60s));
  EXPECT_EQ(c.del("n"), 1);
  EXPECT_EQ(c.del("n"), 0);
}

TEST_F(RedisClientTest, SelectsTheDatabaseOfTheUrl) {
  RedisClient db2({.url = server_->url(2)});
  RedisClient db3({.url = server_->url(3)});
  db2.set("same", "two");
  EXPECT_FALSE(db3.get("same"));
  EXPECT_EQ(db2.get("same").value_or(""), "two");
}

TEST_F(RedisClientTest, ErrorRepliesThrowAndLeaveTheConnectionUsable) {
  RedisClient c({.url = server_->url(4), .max_connections = 1});
  c.set("s", "text");
  EXPECT_THROW(c.incr("s"), RedisError);
  EXPECT_EQ(c.get("s").value_or(""), "text");
  EXPECT_EQ(c.connects(), 1u);
}

TEST_F(RedisClientTest, EvalLoadsTheScriptOnceThenRunsItBySha) {
  RedisClient c({.url = server_->url(5)});
  const std::string script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
  c.command({"SCRIPT", "FLUSH"});
  EXPECT_EQ(c.eval(script, {"counter"}, {"5"}).integer, 5);  // NOSCRIPT -> EVAL
  EXPECT_EQ(c.eval(script, {"counter"}, {"2"}).integer, 7);  // EVALSHA
  auto r = c.eval("return {1, 'two', false}", {}, {});
  ASSERT_EQ(r.type, RedisReply::Type::array);
  ASSERT_EQ(r.elements.size(), 3u);
  EXPECT_EQ(r.elements[0].integer, 1);
  EXPECT_EQ(r.elements[1].str, "two");
  EXPECT_TRUE(r.elements[2].is_nil());
}

TEST_F(RedisClientTest, ConcurrentCallersShareAPoolSafely) {
  RedisClient c({.url = server_->url(6), .max_connections = 4});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) c.incr("hits");
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.get("hits").value_or(""), "1600");
  EXPECT_LE(c.connects(), 4u);
}

TEST_F(RedisClientTest, FailsFastWhileDownAndReconnectsWhenBack) {
  RedisClient c({.url = server_->url(7), .timeout = 200ms, .retry_backoff = 200ms});
  c.set("before", "1");
  server_->stop();
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(c.get("before"), RedisError);                               // the pooled connection is dead
  for (int i = 0; i < 50; ++i) EXPECT_THROW(c.get("before"), RedisError);  // backoff: no connect attempts
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  ASSERT_TRUE(server_->start());
  std::this_thread::sleep_for(250ms);  // past the backoff
  EXPECT_FALSE(c.get("before"));       // a new server (no persistence): reconnected, empty
  c.set("after", "2");
  EXPECT_EQ(c.get("after").value_or(""), "2");
}

TEST(RedisClientDown, UnreachableServerThrowsWithinTheTimeout) {
  RedisClient c({.url = "redis://127.0.0.1:1/0", .timeout = 200ms});
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_THROW(c.get("x"), RedisError);
  EXPECT_FALSE(c.ping());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
}

}  // namespace
}  // namespace aurixa
