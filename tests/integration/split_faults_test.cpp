// Split deployment under faults (split_cluster.hpp): a role killed with SIGKILL under load, Redis stopped,
// PostgreSQL restarted. The gateway must answer quickly (502/503, never hang), nothing may crash, and every
// piece must recover on its own when the dependency is back.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdio>
#include <thread>

#include "split_cluster.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;
using testing::SplitCluster;
using testing::SplitReply;

class SplitFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<SplitCluster>();
    if (cluster_->skipped()) {
      GTEST_SKIP() << cluster_->why();
    }
    ASSERT_TRUE(cluster_->ok()) << cluster_->why();
  }
  void TearDown() override { cluster_.reset(); }
  std::string gw(const std::string& path, const char* gateway = "gateway") { return cluster_->url(gateway, path); }
  SplitReply turn(const bj::object& body, const char* gateway = "gateway") {
    return cluster_->post(gw("/api/v1/orchestration/pipelines", gateway), body);
  }
  void expect_all_running() {
    for (const char* name : {"observability", "safety", "rag", "llm", "execution", "agents", "orchestration",
                             "orchestration-b", "voice", "gateway", "gateway-b"})
      EXPECT_TRUE(cluster_->role(name).running()) << name << " crashed: " << cluster_->role(name).read_log();
  }
  // Polls until `ok` holds for a fresh reply (deadline), returning the last reply.
  template <class Call, class Ok>
  SplitReply eventually(Call call, Ok ok, std::chrono::seconds deadline = 20s) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    SplitReply r;
    do {
      r = call();
      if (ok(r)) return r;
      std::this_thread::sleep_for(100ms);
    } while (std::chrono::steady_clock::now() < until);
    return r;
  }
  std::unique_ptr<SplitCluster> cluster_;
};

TEST_F(SplitFaults, AgentsKilledUnderLoadThenRestarted) {
  const std::string reset = "/api/v1/agents/sessions/load-1/reset";
  ASSERT_EQ(cluster_->post(gw(reset), bj::object{}).status, 200);
  // Load: two clients calling the agents role through the gateway, recording status and latency.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed_fast{0}, slow{0}, odd{0};
  std::vector<std::thread> load;
  for (int t = 0; t < 2; ++t)
    load.emplace_back([&] {
      SplitCluster* c = cluster_.get();
      while (!stop) {
        auto r = c->call("POST", c->url("gateway", "/api/v1/agents/sessions/load-1/reset"), "{}", 10s);
        if (r.ms > 2000) ++slow;
        if (r.status == 200)
          ++ok;
        else if (r.status == 502 || r.status == 503 || r.status == 504)
          ++failed_fast;
        else
          ++odd;
      }
    });
  std::this_thread::sleep_for(300ms);
  cluster_->kill("agents");
  std::this_thread::sleep_for(1s);
  // While the role is down: the gateway's proxy and the pipeline answer at once, without hanging.
  auto down = cluster_->post(gw(reset), bj::object{});
  EXPECT_TRUE(down.status == 502 || down.status == 503) << down.status << " " << down.body;
  EXPECT_LT(down.ms, 1000);
  EXPECT_NE(down.body.find("agent-runtime"), std::string::npos) << down.body;  // the original's 502 shape
  auto booking = turn({{"prompt", "I'd like to book a checkup tomorrow at 10 with Dr. Chen"},
                       {"patient_id", 1},
                       {"session_id", "fault-book-1"}});
  EXPECT_LT(booking.ms, 5000);
  EXPECT_TRUE(booking.status == 200 || booking.status == 502 || booking.status == 503) << booking.body;
  std::printf("agents down: gateway proxy %d in %.1f ms; pipeline booking turn %d in %.1f ms\n", down.status, down.ms,
              booking.status, booking.ms);
  const auto restarted = std::chrono::steady_clock::now();
  cluster_->restart("agents");
  auto back = eventually([&] { return cluster_->post(gw(reset), bj::object{}); },
                         [](const SplitReply& r) { return r.status == 200; });
  EXPECT_EQ(back.status, 200) << back.body;
  std::printf("agents restarted: serving through the gateway after %.0f ms\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - restarted).count());
  stop = true;
  for (auto& t : load) t.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_GT(failed_fast.load(), 0);
  EXPECT_EQ(slow.load(), 0);
  EXPECT_EQ(odd.load(), 0);
  std::printf("load during the kill: %d ok, %d 502/503/504, %d slower than 2 s\n", ok.load(), failed_fast.load(),
              slow.load());
  // And a booking dialogue works again end to end.
  auto again = turn({{"prompt", "I'd like to book a checkup tomorrow at 11 with Dr. Chen"},
                     {"patient_id", 1},
                     {"session_id", "fault-book-2"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("intent"), "book_appointment");
  expect_all_running();
}

TEST_F(SplitFaults, RedisStoppedDegradesCacheAndRateLimitsThenRecovers) {
  const bj::object q{{"prompt", "Do you offer flu shots at the clinic?"}};
  ASSERT_EQ(turn(q).status, 200);
  cluster_->redis().stop();
  // Cache: a miss, not an error; rate limits: local buckets, headers still sent; both gateways serve.
  for (const char* g : {"gateway", "gateway-b"}) {
    auto r = turn(q, g);
    ASSERT_EQ(r.status, 200) << g << r.body;
    EXPECT_LT(r.ms, 5000);
    std::printf("redis down: pipeline turn via %s %d in %.1f ms\n", g, r.status, r.ms);
    EXPECT_TRUE(r.headers.get("RateLimit-Remaining").has_value());
  }
  auto stats = cluster_->get(gw("/api/v1/orchestration/pipelines/cache"));
  EXPECT_EQ(stats.status, 200);
  EXPECT_NE(cluster_->role("gateway").read_log().find("redis unavailable"), std::string::npos);
  ASSERT_TRUE(cluster_->redis().start());
  std::this_thread::sleep_for(1200ms);  // the clients' reconnect backoff
  const bj::object fresh{{"prompt", "Can I get my flu shot without an appointment?"}};
  auto first = turn(fresh);
  auto second = turn(fresh, "gateway-b");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_TRUE(second.json().at("cached").as_bool()) << first.body << "\n" << second.body;
  expect_all_running();
}

TEST_F(SplitFaults, PostgresRestartFailsFastThenThePoolReconnects) {
  ASSERT_EQ(cluster_->get(gw("/api/v1/admin/tenants")).status, 200);
  cluster_->pg().stop();
  auto down = cluster_->get(gw("/api/v1/admin/tenants"));
  EXPECT_GE(down.status, 500) << down.body;
  EXPECT_LT(down.ms, 10000);
  std::printf("postgres down: admin read %d in %.1f ms\n", down.status, down.ms);
  const auto restarted = std::chrono::steady_clock::now();
  ASSERT_TRUE(cluster_->pg().start());
  auto back = eventually([&] { return cluster_->get(gw("/api/v1/admin/tenants")); },
                         [](const SplitReply& r) { return r.status == 200; });
  EXPECT_EQ(back.status, 200) << back.body;
  std::printf("postgres restarted: admin reads succeed after %.0f ms\n",
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - restarted).count());
  // Writes too: a conversation turn persists again.
  auto t = turn({{"prompt", "What are your opening hours?"}, {"session_id", "after-pg-restart"}});
  EXPECT_EQ(t.status, 200) << t.body;
  expect_all_running();
}

}  // namespace
}  // namespace aurixa
