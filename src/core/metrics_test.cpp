#include "core/metrics.hpp"

#include <gtest/gtest.h>

namespace aurixa {
namespace {

TEST(Metrics, CounterRendersWithLabels) {
  Metrics m;
  m.counter("http_requests_total", "Requests.", {"route", "status"}, {"/health", "200"}).inc();
  m.counter("http_requests_total", "Requests.", {"route", "status"}, {"/health", "200"}).inc(2);
  auto text = m.render();
  EXPECT_NE(text.find("# TYPE http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("http_requests_total{route=\"/health\",status=\"200\"} 3"), std::string::npos);
}

TEST(Metrics, HistogramBucketsAreCumulative) {
  Metrics m;
  auto& h = m.histogram("lat_seconds", "Latency.", {}, {}, {0.1, 1.0});
  h.observe(0.05);
  h.observe(0.5);
  h.observe(5);
  auto text = m.render();
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.10000000000000001\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"1\"} 2"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"+Inf\"} 3"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_count 3"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_sum 5.5"), std::string::npos);
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics m;
  m.counter("c_total", "C.", {"v"}, {"a\"b\\c\nd"}).inc();
  EXPECT_NE(m.render().find(R"(c_total{v="a\"b\\c\nd"} 1)"), std::string::npos);
}

TEST(Metrics, ProcessMetricsAreReal) {
  Metrics m;
  auto text = m.render();
  EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
  EXPECT_GT(process_rss_bytes(), 1000000u);
}

TEST(Metrics, ShapeMismatchThrows) {
  Metrics m;
  m.counter("x_total", "X.", {"a"}, {"1"});
  EXPECT_THROW(m.gauge("x_total", "X.", {"a"}, {"1"}), std::logic_error);
}

}  // namespace
}  // namespace aurixa
