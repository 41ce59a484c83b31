// Split deployment end to end: the nine roles as separate processes on one PostgreSQL database and one Redis
// (split_cluster.hpp), driven through the gateway as a client would: knowledge, booking, emergency and refill
// conversations, the response cache shared by two orchestration replicas, the rate limit shared by two
// gateways, the /ws/conversation relay; and migrations run once when replicas start together.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <future>
#include <set>

#include "split_cluster.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::SplitCluster;
using testing::SplitReply;

class SplitMode : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = new SplitCluster(); }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }
  void SetUp() override {
    if (cluster_->skipped()) {
      GTEST_SKIP() << cluster_->why();
    }
    ASSERT_TRUE(cluster_->ok()) << cluster_->why();
  }
  static std::string gw(const std::string& path, const char* gateway = "gateway") {
    return cluster_->url(gateway, path);
  }
  static bj::object turn(const bj::object& body, const char* gateway = "gateway") {
    auto r = cluster_->post(gw("/api/v1/orchestration/pipelines", gateway), body);
    EXPECT_EQ(r.status, 200) << r.body;
    auto v = r.json();
    return v.is_object() ? v.as_object() : bj::object{};
  }
  static std::string answer(const bj::object& o) {
    auto* f = o.if_contains("final_response");
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  }
  static bool has_step(const bj::object& o, const char* name) {
    if (!o.contains("steps")) return false;
    for (const auto& s : o.at("steps").as_array())
      if (s.at("name") == name) return true;
    return false;
  }
  static SplitCluster* cluster_;
};
SplitCluster* SplitMode::cluster_ = nullptr;

TEST_F(SplitMode, HealthServicesSeesEveryRole) {
  auto r = cluster_->get(gw("/health/services"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  const auto& services = body.at("services").as_object();
  EXPECT_EQ(services.size(), 8u);
  for (const auto& [name, s] : services) EXPECT_EQ(s.at("status"), "healthy") << name;
}

TEST_F(SplitMode, ConversationsThroughTheGateway) {
  {
    SCOPED_TRACE("knowledge question");
    auto o = turn({{"prompt", "What are your opening hours on weekdays?"}, {"tenant_id", "t-001"}});
    EXPECT_EQ(o.at("intent").as_string(), "clinic_info");
    EXPECT_TRUE(has_step(o, "knowledge_retrieval"));
    EXPECT_TRUE(has_step(o, "generate_response"));
    EXPECT_FALSE(answer(o).empty());
  }
  {
    SCOPED_TRACE("booking: book -> confirm -> the appointment exists");
    const auto before = cluster_->get(gw("/api/v1/admin/patients/1/appointments"));
    ASSERT_EQ(before.status, 200) << before.body;
    auto o = turn({{"prompt", "I'd like to book a checkup tomorrow at 10 with Dr. Chen"},
                   {"patient_id", 1},
                   {"session_id", "split-book-1"}});
    EXPECT_EQ(o.at("intent").as_string(), "book_appointment");
    EXPECT_NE(answer(o).find("yes or no"), std::string::npos) << answer(o);
    EXPECT_EQ(cluster_->get(gw("/api/v1/admin/patients/1/appointments")).body, before.body);  // nothing written yet
    auto yes = turn({{"prompt", "yes"}, {"patient_id", 1}, {"session_id", "split-book-1"}});
    const auto reply = answer(yes);
    const auto ref = reply.find("APT-");
    ASSERT_NE(ref, std::string::npos) << reply;
    const auto after = cluster_->get(gw("/api/v1/admin/patients/1/appointments"));
    ASSERT_EQ(after.status, 200);
    EXPECT_GT(after.json().as_array().size(), before.json().as_array().size()) << after.body;
  }
  {
    SCOPED_TRACE("emergency");
    auto o = turn({{"prompt", "my face is drooping and I can't lift my arm"}, {"patient_id", 1}});
    EXPECT_TRUE(o.at("escalated").as_bool());
    EXPECT_EQ(o.at("escalation_type").as_string(), "emergency");
    EXPECT_NE(answer(o).find("911"), std::string::npos);
    EXPECT_FALSE(has_step(o, "generate_response"));
  }
  {
    SCOPED_TRACE("refill request");
    const auto before = cluster_->get(gw("/api/v1/admin/patients/1/refill-requests"));
    ASSERT_EQ(before.status, 200) << before.body;
    turn({{"prompt", "I need a refill on my lisinopril sent to the CVS on Main Street"},
          {"patient_id", 1},
          {"session_id", "split-refill-1"}});
    turn({{"prompt", "yes"}, {"patient_id", 1}, {"session_id", "split-refill-1"}});
    const auto after = cluster_->get(gw("/api/v1/admin/patients/1/refill-requests"));
    ASSERT_EQ(after.status, 200);
    ASSERT_GT(after.json().as_array().size(), before.json().as_array().size()) << after.body;
    EXPECT_NE(bj::serialize(after.json().as_array().front()).find("isinopril"), std::string::npos) << after.body;
  }
}

TEST_F(SplitMode, ResponseCacheIsSharedByOrchestrationReplicas) {
  const std::string q = "Do you offer flu shots at the clinic?";
  auto first = turn({{"prompt", q}}, "gateway");  // orchestration A
  EXPECT_FALSE(first.at("cached").as_bool());
  auto second = turn({{"prompt", "do you offer flu shots at the clinic"}}, "gateway-b");  // orchestration B
  EXPECT_TRUE(second.at("cached").as_bool());
  EXPECT_TRUE(has_step(second, "cache_hit"));
  EXPECT_EQ(second.at("final_response"), first.at("final_response"));
  auto stats = cluster_->get(gw("/api/v1/orchestration/pipelines/cache", "gateway-b")).json();
  EXPECT_EQ(stats.at("backend"), "redis");
  EXPECT_GE(stats.at("hits").to_number<double>(), 1.0);
  EXPECT_GE(stats.at("entries").to_number<double>(), 1.0);
}

TEST_F(SplitMode, RateLimitIsSharedByGatewayReplicas) {
  // Two more gateways with a small limit, on their own Redis database so the cluster's limit is untouched.
  const std::map<std::string, std::string> limited{{"AURIXA_RATE_LIMIT_PER_MINUTE", "6"},
                                                   {"REDIS_URL", cluster_->redis().url(1)}};
  auto a = cluster_->spawn("gateway", limited);
  auto b = cluster_->spawn("gateway", limited);
  std::vector<SplitReply> replies;
  // A gateway route served on the worker pool (inline I/O-thread routes such as /api/v1/admin/health use the
  // local buckets only, so an I/O thread never waits for Redis).
  for (int i = 0; i < 8; ++i) replies.push_back(cluster_->get((i % 2 ? a : b)->url("/api/v1/auth/me")));
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(replies[i].status, 200) << i << replies[i].body;
    EXPECT_EQ(replies[i].headers.get("RateLimit-Remaining").value_or(""), std::to_string(5 - i)) << i;
  }
  for (int i = 6; i < 8; ++i) {
    EXPECT_EQ(replies[i].status, 429) << i;
    const auto retry = std::stoi(std::string(replies[i].headers.get("Retry-After").value_or("0")));
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, 10);
  }
}

// With authentication on, the caller's identity crosses every hop (gateway -> orchestration -> agents ->
// execution) as X-Aurixa-* headers trusted through the internal token: a patient books for themself and reads
// only their own record; a tenant admin cannot see another tenant's patient.
TEST_F(SplitMode, IdentityTravelsThroughEveryHopWithAuthOn) {
  auto gateway =
      cluster_->spawn("gateway", {{"AURIXA_AUTH", "on"}, {"AURIXA_JWT_SECRET", "split-test-secret-0123456789abcdef"}});
  auto as = [&](const std::string& token, const std::string& method, const std::string& path,
                const std::string& body = "") {
    http::Headers h;
    if (!token.empty()) h.set("Authorization", "Bearer " + token);
    return cluster_->call(method, gateway->url(path), body, std::chrono::seconds(60), h);
  };
  auto login = [&](const std::string& email) {
    auto r = as("", "POST", "/api/v1/auth/login", R"({"email":")" + email + R"(","password":"aurixa-demo"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(r.json().at("access_token").as_string()) : std::string();
  };
  const auto patient = login("john.doe@email.com");  // patient 1, tenant 1
  ASSERT_FALSE(patient.empty());
  EXPECT_EQ(as("", "POST", "/api/v1/orchestration/pipelines", R"({"prompt":"hi"})").status, 401);
  const auto before = as(patient, "GET", "/api/v1/admin/patients/1/appointments");
  ASSERT_EQ(before.status, 200) << before.body;
  auto ask = as(
      patient, "POST", "/api/v1/orchestration/pipelines",
      R"({"prompt":"I'd like to book a checkup the day after tomorrow at 2pm with Dr. Chen","session_id":"split-auth-1"})");
  ASSERT_EQ(ask.status, 200) << ask.body;
  EXPECT_EQ(ask.json().at("intent"), "book_appointment") << ask.body;
  auto yes = as(patient, "POST", "/api/v1/orchestration/pipelines", R"({"prompt":"yes","session_id":"split-auth-1"})");
  ASSERT_EQ(yes.status, 200) << yes.body;
  EXPECT_NE(yes.body.find("APT-"), std::string::npos) << yes.body;
  const auto after = as(patient, "GET", "/api/v1/admin/patients/1/appointments");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_GT(after.json().as_array().size(), before.json().as_array().size()) << after.body;
  EXPECT_EQ(as(patient, "GET", "/api/v1/admin/patients/3").status, 403);
  const auto admin = login("admin@generalhospital.com");  // tenant 1; patient 2 belongs to tenant 2
  const auto other = as(admin, "GET", "/api/v1/admin/patients/2");
  EXPECT_TRUE(other.status == 404 || other.status == 403) << other.status << other.body;
}

// DISABLED until the core WebSocket server's outbound path is fixed: with the tree of 2026-11-25 21:50 the
// all-in-one PipelineHttp.WebSocketConversationCarriesTheSameEvents fails the same way (corrupted frames,
// "free(): invalid pointer" in ChannelWebSocket::send on Boost 1.81 channels). The gateway's relay itself is
// covered by WsRelay.* (src/roles/gateway/ws_relay_test.cpp). Run with --gtest_also_run_disabled_tests.
TEST_F(SplitMode, WebSocketConversationRelayThroughTheGateway) {
  namespace beast = boost::beast;
  boost::asio::io_context ioc;
  beast::websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(20));  // a hang fails, with the logs
  beast::get_lowest_layer(ws).connect({boost::asio::ip::make_address("127.0.0.1"), cluster_->role("gateway").port()});
  ws.handshake("127.0.0.1", "/ws/conversation");
  ws.text(true);
  ws.write(boost::asio::buffer(std::string(R"({"prompt":"what are your hours?","session_id":"split-ws-1"})")));
  std::vector<std::string> kinds;
  for (int i = 0; i < 50; ++i) {
    beast::flat_buffer b;
    beast::error_code ec;
    ws.read(b, ec);
    ASSERT_FALSE(ec) << ec.message() << "\ngateway: " << cluster_->role("gateway").read_log()
                     << "\norchestration: " << cluster_->role("orchestration").read_log();
    auto o = bj::parse(beast::buffers_to_string(b.data())).as_object();
    kinds.emplace_back(o.at("event").as_string());
    if (kinds.back() == "done") {
      EXPECT_EQ(o.at("session_id").as_string(), "split-ws-1");
      break;
    }
  }
  ASSERT_FALSE(kinds.empty());
  EXPECT_EQ(kinds.front(), "status");
  EXPECT_EQ(kinds.back(), "done");
  beast::error_code ec;
  ws.close(beast::websocket::close_code::normal, ec);
}

// Three processes opening one empty PostgreSQL database at the same moment: the advisory lock makes one of
// them migrate and seed while the others wait; all three serve and the demo data exists once.
TEST(SplitMigrations, RunOnceWhenReplicasStartTogether) {
  store::testing::PgServer pg;
  if (!pg.available()) {
    GTEST_SKIP() << pg.error();
  }
  const auto dir = testing::make_temp_dir("aurixa-split-migrate");
  auto env = testing::default_test_env(dir);
  env["DATABASE_URL"] = pg.create_database("race");
  env["AURIXA_DB_POOL_SIZE"] = "2";
  env["AURIXA_LOG_LEVEL"] = "warn";
  std::vector<std::future<std::unique_ptr<testing::ServerProcess>>> starting;
  for (int i = 0; i < 3; ++i)
    starting.push_back(std::async(std::launch::async, [&env] {
      return std::make_unique<testing::ServerProcess>(
          std::vector<std::string>{"serve", "--roles", "orchestration", "--port", "0"}, env);
    }));
  std::vector<std::unique_ptr<testing::ServerProcess>> procs;
  for (auto& f : starting) ASSERT_NO_THROW(procs.push_back(f.get()));
  HttpClient client;
  std::set<std::string> tenant_lists;
  for (auto& p : procs) {
    ASSERT_TRUE(p->running()) << p->read_log();
    ClientRequest r;
    r.url = p->url("/api/v1/tenants");
    auto res = client.request(r);
    ASSERT_EQ(res.status, 200) << res.body;
    tenant_lists.insert(res.body);
    auto tenants = bj::parse(res.body).as_array();
    std::set<std::string> names;
    for (const auto& t : tenants) names.insert(bj::serialize(t.at("name")));
    EXPECT_EQ(names.size(), tenants.size()) << "seeded twice: " << res.body;
    EXPECT_FALSE(tenants.empty());
    EXPECT_EQ(p->read_log().find("\"level\":\"error\""), std::string::npos) << p->read_log();
  }
  EXPECT_EQ(tenant_lists.size(), 1u);
}

}  // namespace
}  // namespace aurixa
