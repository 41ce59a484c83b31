// The gateway over real sockets: gateway-local routes, the prefix proxy to a role in another process
// (split mode), streaming pass-through, propagation of request id and trace, failures, filter headers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <thread>

#include "core/http_client.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

using testing::ServerProcess;

boost::json::object obj(const ClientResponse& r) { return boost::json::parse(r.body).as_object(); }

class GatewaySplit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dir = testing::make_temp_dir("aurixa-gw");
    // An upstream role process (no gateway: its routes and the debug routes are served directly).
    upstream_ = new ServerProcess({"serve", "--roles", "safety", "--port", "0"}, testing::default_test_env(dir + "/up"));
    auto env = testing::default_test_env(dir + "/gw");
    env["AURIXA_SAFETY_URL"] = upstream_->url();
    env["AURIXA_RAG_URL"] = "http://127.0.0.1:1";  // nothing listens there
    gateway_ = new ServerProcess({"serve", "--roles", "gateway", "--port", "0"}, env);
  }
  static void TearDownTestSuite() {
    delete gateway_;
    delete upstream_;
  }
  ClientResponse call(const std::string& method, const std::string& path, std::string body = {}, http::Headers h = {}) {
    ClientRequest r;
    r.method = method;
    r.url = gateway_->url(path);
    r.headers = std::move(h);
    if (!body.empty()) {
      r.body = std::move(body);
      r.headers.set("Content-Type", "application/json");
    }
    return client_.request(r);
  }
  static ServerProcess* upstream_;
  static ServerProcess* gateway_;
  HttpClient client_;
};
ServerProcess* GatewaySplit::upstream_ = nullptr;
ServerProcess* GatewaySplit::gateway_ = nullptr;

TEST_F(GatewaySplit, RootWelcomes) {
  auto r = call("GET", "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(obj(r).at("message").as_string(), "Welcome to the AURIXA API Gateway.");
}

TEST_F(GatewaySplit, ProxiesByPrefixWithUpstreamHeaders) {
  auto r = call("POST", "/api/v1/safety/__debug/echo", R"({"hello":"world"})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(obj(r).at("hello").as_string(), "world");
  EXPECT_EQ(r.headers.get("x-upstream-service"), "safety");
  EXPECT_TRUE(r.headers.get("x-upstream-latency-ms"));
}

TEST_F(GatewaySplit, KeepsQueryStringAndPropagatesIdsAndTrace) {
  http::Headers h;
  h.set("X-Request-Id", "gw-test-1");
  h.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  h.set("Idempotency-Key", "idem-1");
  auto r = call("GET", "/api/v1/safety/__debug/request?tenant_id=2&limit=5", {}, h);
  ASSERT_EQ(r.status, 200);
  auto o = obj(r);
  EXPECT_EQ(o.at("path").as_string(), "/api/v1/__debug/request");
  EXPECT_EQ(o.at("query").as_string(), "tenant_id=2&limit=5");  // D1 fixed
  EXPECT_EQ(o.at("request_id").as_string(), "gw-test-1");
  EXPECT_EQ(o.at("trace_id").as_string(), "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(o.at("Idempotency-Key").as_string(), "idem-1");
  EXPECT_EQ(r.headers.get("X-Request-Id"), "gw-test-1");
}

TEST_F(GatewaySplit, UpstreamErrorsAreRelayedVerbatim) {
  auto r = call("POST", "/api/v1/safety/__debug/echo", "{broken");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(obj(r).at("code").as_string(), "invalid_json");
  auto nf = call("GET", "/api/v1/safety/no/such/route");
  EXPECT_EQ(nf.status, 404);
}

TEST_F(GatewaySplit, StreamsPassThroughIncrementally) {
  ClientRequest r;
  r.url = gateway_->url("/api/v1/safety/__debug/stream?chunks=3&interval_ms=400");
  std::vector<std::chrono::steady_clock::time_point> at;
  int status = 0;
  std::string upstream_service;
  client_.stream_lines(
      r,
      [&](const ClientResponse& h) {
        status = h.status;
        upstream_service = std::string(h.headers.get("x-upstream-service").value_or(""));
      },
      [&](std::string_view) {
        at.push_back(std::chrono::steady_clock::now());
        return true;
      });
  EXPECT_EQ(status, 200);
  EXPECT_EQ(upstream_service, "safety");
  ASSERT_EQ(at.size(), 3u);
  EXPECT_GE(at[2] - at[0], std::chrono::milliseconds(500));
}

TEST_F(GatewaySplit, UnreachableRoleIs502InTheOriginalShape) {
  auto r = call("POST", "/api/v1/rag/retrieve", R"({"prompt":"hours"})");
  EXPECT_EQ(r.status, 502);
  auto o = obj(r);
  EXPECT_EQ(o.at("error").as_string(), "Bad Gateway");
  EXPECT_EQ(o.at("service").as_string(), "rag");
  EXPECT_TRUE(o.contains("message"));
  EXPECT_EQ(o.at("code").as_string(), "bad_gateway");
}

TEST_F(GatewaySplit, UnreachableStreamIs502Too) {
  auto r = call("POST", "/api/v1/rag/stream", R"({"prompt":"hours"})");
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(obj(r).at("service").as_string(), "rag");
}

TEST_F(GatewaySplit, HealthServicesReportsEveryRole) {
  auto r = call("GET", "/health/services");
  EXPECT_EQ(r.status, 200);
  auto o = obj(r);
  EXPECT_EQ(o.at("gateway").as_string(), "healthy");
  const auto& s = o.at("services").as_object();
  EXPECT_EQ(s.at("safety").at("status").as_string(), "healthy");
  EXPECT_EQ(s.at("rag").at("status").as_string(), "down");
  EXPECT_TRUE(s.contains("llm-router"));
}

TEST_F(GatewaySplit, SecurityAndRateLimitHeaders) {
  auto r = call("GET", "/");
  EXPECT_EQ(r.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_TRUE(r.headers.get("Content-Security-Policy"));
  EXPECT_TRUE(r.headers.get("RateLimit-Limit"));
  EXPECT_TRUE(r.headers.get("X-RateLimit-Remaining"));
}

TEST_F(GatewaySplit, DeploymentRoutesNeedAToken) {
  EXPECT_EQ(call("GET", "/api/v1/admin/deployments").status, 401);
}

TEST(GatewayRateLimit, ExactCountThen429WithRetryAfter) {
  auto dir = testing::make_temp_dir("aurixa-gw-rl");
  auto env = testing::default_test_env(dir);
  env["AURIXA_RATE_LIMIT_PER_MINUTE"] = "5";
  ServerProcess gw({"serve", "--roles", "gateway", "--port", "0"}, env);
  HttpClient c;
  ClientRequest r;
  r.url = gw.url("/");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.request(r).status, 200) << i;
  auto denied = c.request(r);
  EXPECT_EQ(denied.status, 429);
  EXPECT_TRUE(denied.headers.get("Retry-After"));
  EXPECT_EQ(denied.headers.get("RateLimit-Remaining"), "0");
  EXPECT_EQ(obj(denied).at("statusCode").as_int64(), 429);
}

}  // namespace
}  // namespace aurixa
