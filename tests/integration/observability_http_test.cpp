// Observability over real sockets: events reported through the gateway are persisted, reports match
// what the test itself sent (exact percentiles), survive a restart, and arrive from other processes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <thread>

#include "core/http_client.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

using testing::ServerProcess;

ClientResponse post(HttpClient& c, const std::string& url, const std::string& body) {
  ClientRequest r;
  r.method = "POST";
  r.url = url;
  r.body = body;
  r.headers.set("Content-Type", "application/json");
  return c.request(r);
}

boost::json::object get_json(HttpClient& c, const std::string& url) {
  ClientRequest r;
  r.url = url;
  auto res = c.request(r);
  EXPECT_EQ(res.status, 200) << res.body;
  return boost::json::parse(res.body).as_object();
}

TEST(Observability, ReportMatchesSentEventsAndSurvivesRestart) {
  auto dir = testing::make_temp_dir("aurixa-obs");
  auto env = testing::default_test_env(dir);
  HttpClient c;
  {
    ServerProcess s({"serve", "--port", "0"}, env);
    for (int i = 1; i <= 40; ++i) {
      auto body = "{\"service_name\":\"test-svc\",\"event_type\":\"llm_call\",\"data\":{\"latency_ms\":" + std::to_string(i) +
                  ",\"cost_usd\":0.5,\"model\":\"m1\",\"error\":" + (i % 8 == 0 ? "true" : "false") + "}}";
      ASSERT_EQ(post(c, s.url("/api/v1/observe/telemetry"), body).status, 202);
    }
    auto r = get_json(c, s.url("/api/v1/observe/reports/performance?service=test-svc&window_minutes=10"));
    const auto& m = r.at("service_metrics").at("test-svc").at("llm_call").as_object();
    EXPECT_EQ(m.at("count").as_int64(), 40);
    EXPECT_EQ(m.at("error_count").as_int64(), 5);
    EXPECT_DOUBLE_EQ(m.at("error_rate").as_double(), 5.0 / 40.0);
    EXPECT_DOUBLE_EQ(m.at("p50_latency_ms").as_double(), 20.5);   // values 1..40, linear interpolation
    EXPECT_NEAR(m.at("p95_latency_ms").as_double(), 38.05, 1e-9);
    EXPECT_NEAR(m.at("p99_latency_ms").as_double(), 39.61, 1e-9);
    EXPECT_DOUBLE_EQ(m.at("total_cost_usd").as_double(), 20.0);
    EXPECT_EQ(r.at("model_metrics").at("m1").at("count").as_int64(), 40);
    EXPECT_EQ(s.stop(), 0);
  }
  ServerProcess again({"serve", "--port", "0"}, env);
  auto r = get_json(c, again.url("/api/v1/observe/reports/performance?service=test-svc&window_minutes=10"));
  EXPECT_EQ(r.at("service_metrics").at("test-svc").at("llm_call").at("count").as_int64(), 40);
}

TEST(Observability, RequestsAreRecordedAsApiCalls) {
  auto dir = testing::make_temp_dir("aurixa-obs-req");
  ServerProcess s({"serve", "--port", "0"}, testing::default_test_env(dir));
  HttpClient c;
  for (int i = 0; i < 15; ++i) {
    ClientRequest r;
    r.url = s.url("/");
    c.request(r);
  }
  auto r = get_json(c, s.url("/api/v1/observe/reports/performance?service=api-gateway&event_type=api_call&window_minutes=5"));
  EXPECT_GE(r.at("overall_metrics").at("api_call").at("count").as_int64(), 15);
  EXPECT_FALSE(r.at("series").as_array().empty());
}

// A pipeline turn reports its steps as one grouped event (one queue entry, stored packed); the report
// still counts one pipeline_step per step, per step name, service and tenant.
TEST(Observability, PipelineStepsAreReportedOnePerStep) {
  auto dir = testing::make_temp_dir("aurixa-obs-steps");
  ServerProcess s({"serve", "--port", "0"}, testing::default_test_env(dir));
  HttpClient c;
  std::map<std::string, std::int64_t> sent;
  std::int64_t total = 0;
  for (int i = 0; i < 3; ++i) {  // the 2nd and 3rd turns are response-cache hits: fewer steps
    auto res = post(c, s.url("/api/v1/orchestration/pipelines"), R"({"prompt":"What are your opening hours?","tenant_id":"t-001"})");
    ASSERT_EQ(res.status, 200) << res.body;
    const auto turn = boost::json::parse(res.body);
    for (const auto& st : turn.at("steps").as_array()) {
      if (st.at("name") == "cache_hit") continue;  // a marker in the response, not a step that ran (no event)
      ++sent[std::string(st.at("name").as_string())];
      ++total;
    }
  }
  ASSERT_GE(total, 6);
  ASSERT_TRUE(sent.count("classify_intent"));
  auto r = get_json(c, s.url("/api/v1/observe/reports/performance?service=orchestration-engine&event_type=pipeline_step"
                             "&window_minutes=5"));
  EXPECT_EQ(r.at("overall_metrics").at("pipeline_step").at("count").as_int64(), total);
  EXPECT_EQ(r.at("service_metrics").at("orchestration-engine").at("pipeline_step").at("count").as_int64(), total);
  EXPECT_EQ(r.at("tenant_metrics").at("t-1").at("count").as_int64(), total);
  const auto& steps = r.at("step_metrics").as_object();
  EXPECT_EQ(steps.size(), sent.size());
  for (const auto& [name, n] : sent) {
    ASSERT_TRUE(steps.contains(name)) << name;
    EXPECT_EQ(steps.at(name).at("count").as_int64(), n) << name;
    EXPECT_GT(steps.at(name).at("max_latency_ms").as_double(), 0) << name;
  }
  // The same turns, unfiltered: the api calls and the steps side by side.
  auto all = get_json(c, s.url("/api/v1/observe/reports/performance?window_minutes=5"));
  EXPECT_EQ(all.at("overall_metrics").at("pipeline_step").at("count").as_int64(), total);
  EXPECT_GE(all.at("overall_metrics").at("api_call").at("count").as_int64(), 3);
}

TEST(Observability, UnknownEventTypeIs422NamingIt) {
  auto dir = testing::make_temp_dir("aurixa-obs-bad");
  ServerProcess s({"serve", "--port", "0"}, testing::default_test_env(dir));
  HttpClient c;
  auto r = post(c, s.url("/api/v1/observe/telemetry"), R"({"service_name":"x","event_type":"gossip"})");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(boost::json::parse(r.body).at("field").as_string(), "event_type");
  auto missing = post(c, s.url("/api/v1/observe/telemetry"), R"({"event_type":"api_call"})");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(boost::json::parse(missing.body).at("field").as_string(), "service_name");
  // data.tenant_id is written as anywhere else (1, "1", "t-001"); anything else names the field.
  const auto with_tenant = [&](const std::string& tenant) {
    return post(c, s.url("/api/v1/observe/telemetry"),
                R"({"service_name":"tenant-svc","event_type":"api_call","data":{"tenant_id":)" + tenant + "}}");
  };
  EXPECT_EQ(with_tenant(R"("t-001")").status, 202);
  EXPECT_EQ(with_tenant("1").status, 202);
  auto bad = with_tenant(R"("abc")");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(boost::json::parse(bad.body).at("field").as_string(), "tenant_id");
  auto r1 = get_json(c, s.url("/api/v1/observe/reports/performance?service=tenant-svc&tenant_id=1&window_minutes=10"));
  EXPECT_EQ(r1.at("service_metrics").at("tenant-svc").at("api_call").at("count").as_int64(), 2);
}

TEST(Observability, SplitModeRolesSendBatchesOverHttp) {
  auto dir = testing::make_temp_dir("aurixa-obs-split");
  ServerProcess obs({"serve", "--roles", "observability", "--port", "0"}, testing::default_test_env(dir + "/obs"));
  auto env = testing::default_test_env(dir + "/gw");
  env["AURIXA_OBSERVABILITY_URL"] = obs.url();
  ServerProcess gw({"serve", "--roles", "gateway", "--port", "0"}, env);
  HttpClient c;
  for (int i = 0; i < 10; ++i) {
    ClientRequest r;
    r.url = gw.url("/");
    ASSERT_EQ(c.request(r).status, 200);
  }
  // The gateway batches every 200 ms; poll with a deadline instead of sleeping a fixed time.
  std::int64_t seen = 0;
  for (int i = 0; i < 100 && seen < 10; ++i) {
    auto r = get_json(c, obs.url("/api/v1/reports/performance?service=api-gateway&window_minutes=5"));
    if (auto* m = r.at("overall_metrics").as_object().if_contains("api_call")) seen = m->at("count").as_int64();
    if (seen < 10) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GE(seen, 10);
}

}  // namespace
}  // namespace aurixa
