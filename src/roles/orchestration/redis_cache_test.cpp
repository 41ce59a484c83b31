// RedisResponseCache against a real throw-away redis-server: shared between instances (replicas), TTL,
// and a Redis outage behaving as misses with a rate-limited warning.
#include "roles/orchestration/redis_cache.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "core/log.hpp"
#include "core/redis.hpp"
#include "store/testing/redis_server.hpp"

namespace aurixa::orchestration {
namespace {

using namespace std::chrono_literals;

class RedisCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!server_.available()) {
      GTEST_SKIP() << server_.error();
    }
    log_path_ = ::testing::TempDir() + "redis_cache_" + std::to_string(::getpid()) + ".log";
    std::remove(log_path_.c_str());
    log_ = std::make_unique<Log>("info", log_path_);
  }
  std::shared_ptr<RedisClient> client() {
    return std::make_shared<RedisClient>(RedisOptions{.url = server_.url(9), .timeout = 200ms, .retry_backoff = 100ms});
  }
  std::string read_log() {
    log_->flush();
    std::ifstream in(log_path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  store::testing::RedisServer server_;
  std::string log_path_;
  std::unique_ptr<Log> log_;
};

TEST_F(RedisCacheTest, AnEntryPutByOneReplicaIsAHitOnAnother) {
  RedisResponseCache a(client(), 300s, *log_), b(client(), 300s, *log_);
  const auto key = cache_key("What are your hours?", 1, std::nullopt, "clinic_info");
  EXPECT_FALSE(b.get(key));
  a.put(key, "We are open 8-18.");
  EXPECT_EQ(b.get(key).value_or(""), "We are open 8-18.");
  EXPECT_EQ(b.hits(), 1u);
  EXPECT_EQ(b.misses(), 1u);
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(a.backend(), "redis");
  // Keys are prefixed and hashed: no prompt text in Redis key names.
  const auto rk = RedisResponseCache::redis_key(key);
  EXPECT_TRUE(rk.starts_with("aurixa:cache:"));
  EXPECT_EQ(rk.find("hours"), std::string::npos);
}

TEST_F(RedisCacheTest, EntriesExpireAfterTheTtl) {
  RedisResponseCache c(client(), 1s, *log_);
  c.put("k", "v");
  auto redis = client();
  const auto pttl = redis->command({"PTTL", RedisResponseCache::redis_key("k")}).integer;
  EXPECT_GT(pttl, 0);
  EXPECT_LE(pttl, 1000);
  std::this_thread::sleep_for(1100ms);
  EXPECT_FALSE(c.get("k"));
}

TEST_F(RedisCacheTest, RedisDownIsAMissWithOneWarningAndRecovers) {
  RedisResponseCache c(client(), 300s, *log_);
  c.put("k", "v");
  server_.stop();
  for (int i = 0; i < 20; ++i) {
    EXPECT_FALSE(c.get("k"));
    EXPECT_NO_THROW(c.put("k2", "v2"));
  }
  EXPECT_EQ(c.size(), 0u);
  EXPECT_GE(c.failures(), 40u);
  const auto log = read_log();
  std::size_t warnings = 0;
  for (auto p = log.find("redis unavailable"); p != std::string::npos; p = log.find("redis unavailable", p + 1))
    ++warnings;
  EXPECT_EQ(warnings, 1u) << log;
  ASSERT_TRUE(server_.start());
  std::this_thread::sleep_for(150ms);  // past the client's reconnect backoff
  c.put("k", "again");
  EXPECT_EQ(c.get("k").value_or(""), "again");
}

}  // namespace
}  // namespace aurixa::orchestration
