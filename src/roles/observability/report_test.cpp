#include "roles/observability/report.hpp"

#include <gtest/gtest.h>

namespace aurixa::observability {
namespace {

TelemetryEvent ev(std::string service, std::string type, double latency, double ts = 100, bool error = false) {
  TelemetryEvent e;
  e.service = std::move(service);
  e.event_type = std::move(type);
  e.latency_ms = latency;
  e.timestamp = ts;
  e.error = error;
  return e;
}

TEST(Percentile, LinearInterpolationLikeNumpy) {
  std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(percentile(v, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(percentile(v, 0.95), 9.55);
  EXPECT_DOUBLE_EQ(percentile(v, 0.99), 9.91);
  EXPECT_DOUBLE_EQ(percentile({}, 0.5), 0);
  EXPECT_DOUBLE_EQ(percentile({42}, 0.99), 42);
}

TEST(Report, CountsErrorRateAndPercentilesPerServiceAndType) {
  std::vector<TelemetryEvent> events;
  for (int i = 1; i <= 100; ++i) events.push_back(ev("orchestration-engine", "pipeline_step", i, 100, i % 10 == 0));
  events.push_back(ev("llm-router", "llm_call", 250));
  auto r = build_report(events, 0, 200, 0);
  EXPECT_EQ(r.totals.count, 101);
  const auto& s = r.by_service.at("orchestration-engine").at("pipeline_step");
  EXPECT_EQ(s.count, 100);
  EXPECT_EQ(s.errors, 10);
  EXPECT_DOUBLE_EQ(s.error_rate, 0.1);
  EXPECT_DOUBLE_EQ(s.p50_latency_ms, 50.5);
  EXPECT_DOUBLE_EQ(s.p95_latency_ms, 95.05);
  EXPECT_DOUBLE_EQ(s.max_latency_ms, 100);
  EXPECT_EQ(r.by_event_type.at("llm_call").count, 1);
}

TEST(Report, CostIsNullWithoutCostsAndSummedOtherwise) {
  std::vector<TelemetryEvent> events{ev("llm-router", "llm_call", 10)};
  EXPECT_FALSE(build_report(events, 0, 200, 0).totals.total_cost_usd);
  events[0].cost_usd = 0.25;
  events.push_back(ev("llm-router", "llm_call", 10));
  events[1].cost_usd = 0.5;
  EXPECT_DOUBLE_EQ(*build_report(events, 0, 200, 0).totals.total_cost_usd, 0.75);
}

TEST(Report, CacheHitRateAndEscalations) {
  std::vector<TelemetryEvent> events(4, ev("orchestration-engine", "pipeline_step", 1));
  events[0].cache_hit = true;
  events[1].cache_hit = false;
  events[2].cache_hit = true;
  events[3].escalated = true;
  auto s = build_report(events, 0, 200, 0).totals;
  EXPECT_EQ(s.cache_lookups, 3);
  EXPECT_EQ(s.cache_hits, 2);
  EXPECT_EQ(s.escalations, 1);
}

TEST(Report, TimeSeriesBucketsByWindow) {
  std::vector<TelemetryEvent> events{ev("a", "api_call", 1, 5), ev("a", "api_call", 2, 15), ev("a", "api_call", 3, 16)};
  auto r = build_report(events, 0, 30, 10);
  ASSERT_EQ(r.series.size(), 3u);
  EXPECT_EQ(r.series[0].stats.count, 1);
  EXPECT_EQ(r.series[1].stats.count, 2);
  EXPECT_EQ(r.series[2].stats.count, 0);
}

}  // namespace
}  // namespace aurixa::observability
