#include "core/otlp.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>

#include "core/metrics.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;

const char* kTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

TelemetryEvent server_event() {
  TelemetryEvent e;
  e.timestamp = 1'700'000'000.5;
  e.service = "api-gateway";
  e.event_type = "api_call";
  e.name = "/api/v1/admin/patients/{id}";
  e.http_method = "GET";
  e.status = 503;
  e.error = true;
  e.latency_ms = 250;
  e.tenant_id = 1;
  e.trace_id = kTrace;
  e.span_id = "1111111111111111";
  e.parent_span_id = "00f067aa0ba902b7";
  return e;
}

std::string attr(const bj::object& span, std::string_view key) {
  for (const auto& a : span.at("attributes").as_array())
    if (a.at("key").as_string() == key) return bj::serialize(a.at("value"));
  return {};
}

bj::array spans_of(const bj::value& body, std::string_view service) {
  for (const auto& rs : body.at("resourceSpans").as_array()) {
    const auto& attrs = rs.at("resource").at("attributes").as_array();
    if (attrs.at(0).at("key") == "service.name" && attrs.at(0).at("value").at("stringValue").as_string() == service)
      return rs.at("scopeSpans").at(0).at("spans").as_array();
  }
  return {};
}

TEST(Otlp, ApiCallIsAServerSpanNamedByMethodAndRoutePattern) {
  auto body = bj::parse(otlp_traces_json({server_event()}));
  auto spans = spans_of(body, "api-gateway");
  ASSERT_EQ(spans.size(), 1u);
  const auto& s = spans[0].as_object();
  EXPECT_EQ(s.at("name"), "GET /api/v1/admin/patients/{id}");
  EXPECT_EQ(s.at("kind"), 2);
  EXPECT_EQ(s.at("traceId"), kTrace);
  EXPECT_EQ(s.at("spanId"), "1111111111111111");
  EXPECT_EQ(s.at("parentSpanId"), "00f067aa0ba902b7");
  EXPECT_EQ(s.at("startTimeUnixNano"), "1700000000250000000");
  EXPECT_EQ(s.at("endTimeUnixNano"), "1700000000500000000");
  EXPECT_EQ(attr(s, "http.request.method"), R"({"stringValue":"GET"})");
  EXPECT_EQ(attr(s, "http.route"), R"({"stringValue":"/api/v1/admin/patients/{id}"})");
  EXPECT_EQ(attr(s, "http.response.status_code"), R"({"intValue":"503"})");
  EXPECT_EQ(s.at("status").at("code"), 2);
}

TEST(Otlp, LlmCallIsAClientSpanWithGenAiAttributes) {
  TelemetryEvent e;
  e.timestamp = 1'700'000'001;
  e.service = "llm-router";
  e.event_type = "llm_call";
  e.name = "chat";
  e.model = "builtin-grounded";
  e.provider = "builtin";
  e.input_tokens = 120;
  e.output_tokens = 40;
  e.cost_usd = 0.0;
  e.latency_ms = 3;
  e.trace_id = kTrace;
  e.parent_span_id = "1111111111111111";
  auto spans = spans_of(bj::parse(otlp_traces_json({e})), "llm-router");
  ASSERT_EQ(spans.size(), 1u);
  const auto& s = spans[0].as_object();
  EXPECT_EQ(s.at("name"), "chat builtin-grounded");
  EXPECT_EQ(s.at("kind"), 3);
  EXPECT_EQ(s.at("parentSpanId"), "1111111111111111");
  EXPECT_EQ(s.at("spanId").as_string().size(), 16u);  // generated
  EXPECT_NE(s.at("spanId"), "1111111111111111");
  EXPECT_FALSE(s.contains("status"));
  EXPECT_EQ(attr(s, "gen_ai.system"), R"({"stringValue":"builtin"})");
  EXPECT_EQ(attr(s, "gen_ai.request.model"), R"({"stringValue":"builtin-grounded"})");
  EXPECT_EQ(attr(s, "gen_ai.usage.input_tokens"), R"({"intValue":"120"})");
  EXPECT_EQ(attr(s, "gen_ai.usage.output_tokens"), R"({"intValue":"40"})");
}

TEST(Otlp, OneResourcePerServiceAndUntracedEventsAreSkipped) {
  TelemetryEvent step;
  step.timestamp = 1'700'000'002;
  step.service = "orchestration-engine";
  step.event_type = "pipeline_step";
  step.name = "classify_intent";
  step.latency_ms = 1;
  step.trace_id = kTrace;
  step.parent_span_id = "1111111111111111";
  TelemetryEvent untraced = step;
  untraced.trace_id.clear();
  auto body = bj::parse(otlp_traces_json({server_event(), step, untraced}));
  EXPECT_EQ(body.at("resourceSpans").as_array().size(), 2u);
  auto spans = spans_of(body, "orchestration-engine");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].at("name"), "classify_intent");
  EXPECT_EQ(spans[0].at("kind"), 1);
}

class Recording final : public TelemetrySink {
 public:
  void emit(TelemetryEvent e) override {
    std::lock_guard lock(mu);
    events.push_back(std::move(e));
  }
  std::mutex mu;
  std::vector<TelemetryEvent> events;
};

class FailingWriter final : public TelemetryWriter {
 public:
  void write(const std::vector<TelemetryEvent>&) override { throw std::runtime_error("collector down"); }
};

TEST(Otlp, FailedExportsAreCountedAsDroppedAndEventsStillFlow) {
  Metrics metrics;
  Recording events;
  {
    SpanExportingTelemetry sink(&events, std::make_shared<FailingWriter>(), metrics);
    for (int i = 0; i < 3; ++i) sink.emit(server_event());
    TelemetryEvent untraced = server_event();
    untraced.trace_id.clear();
    sink.emit(untraced);
    sink.flush_spans();
  }
  EXPECT_EQ(events.events.size(), 4u);
  EXPECT_NE(metrics.render().find("aurixa_otlp_spans_dropped_total 3"), std::string::npos) << metrics.render();
}

}  // namespace
}  // namespace aurixa
