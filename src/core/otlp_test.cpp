#include "core/otlp.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <condition_variable>
#include <mutex>

#include "core/error.hpp"
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

TelemetryEvent turn_event() {
  TelemetryEvent e;
  e.timestamp = 1'700'000'000.3;
  e.service = "orchestration-engine";
  e.event_type = "pipeline_step";
  e.tenant_id = 2;
  e.trace_id = kTrace;
  e.parent_span_id = "1111111111111111";
  e.steps = {{"validate_input", 1'700'000'000.1, 0.5, false},
             {"classify_intent", 1'700'000'000.2, 2, false},
             {"generate_response", 1'700'000'000.3, 100, true}};
  return e;
}

TEST(Otlp, AGroupedTurnIsOneInternalSpanPerStep) {
  auto body = bj::parse(otlp_traces_json({turn_event()}));
  auto spans = spans_of(body, "orchestration-engine");
  ASSERT_EQ(spans.size(), 3u);
  const char* names[] = {"validate_input", "classify_intent", "generate_response"};
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& s = spans[i].as_object();
    EXPECT_EQ(s.at("name"), names[i]);
    EXPECT_EQ(s.at("kind"), 1);
    EXPECT_EQ(s.at("traceId"), kTrace);
    EXPECT_EQ(s.at("parentSpanId"), "1111111111111111");
    EXPECT_EQ(s.at("spanId").as_string().size(), 16u);
    EXPECT_EQ(attr(s, "aurixa.event_type"), "{\"stringValue\":\"pipeline_step\"}");
  }
  EXPECT_NE(spans[0].at("spanId"), spans[1].at("spanId"));
  EXPECT_EQ(spans[1].at("startTimeUnixNano"), "1700000000198000000");
  EXPECT_EQ(spans[1].at("endTimeUnixNano"), "1700000000200000000");
  EXPECT_FALSE(spans[1].as_object().contains("status"));
  EXPECT_EQ(spans[2].at("status").at("code"), 2);
}

TEST(Telemetry, GroupedStepsExpandToOneEventPerStep) {
  std::vector<TelemetryEvent> events{server_event(), turn_event()};
  expand_steps(events);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event_type, "api_call");
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(events[i].event_type, "pipeline_step");
    EXPECT_EQ(events[i].service, "orchestration-engine");
    EXPECT_EQ(events[i].tenant_id, 2);
    EXPECT_EQ(events[i].trace_id, kTrace);
    EXPECT_TRUE(events[i].steps.empty());
  }
  EXPECT_EQ(events[2].name, "classify_intent");
  EXPECT_DOUBLE_EQ(events[2].timestamp, 1'700'000'000.2);
  EXPECT_EQ(events[2].latency_ms, 2);
  EXPECT_FALSE(events[2].error);
  EXPECT_TRUE(events[3].error);
}

TEST(Telemetry, StepsSurviveTheBatchJsonOfSplitMode) {
  auto back = telemetry_from_json(telemetry_to_json({turn_event()}));
  ASSERT_EQ(back.size(), 1u);
  ASSERT_EQ(back[0].steps.size(), 3u);
  EXPECT_EQ(back[0].steps[2].name, "generate_response");
  EXPECT_DOUBLE_EQ(back[0].steps[2].timestamp, 1'700'000'000.3);
  EXPECT_EQ(back[0].steps[2].latency_ms, 100);
  EXPECT_TRUE(back[0].steps[2].error);
  EXPECT_EQ(back[0].tenant_id, 2);
  // Only pipeline_step events may carry steps.
  EXPECT_THROW(telemetry_from_json(R"({"events":[{"service_name":"s","event_type":"api_call","steps":[{"name":"x"}]}]})"),
               ApiError);
  EXPECT_THROW(telemetry_from_json(R"({"events":[{"service_name":"s","event_type":"pipeline_step","steps":[{}]}]})"),
               ApiError);
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

struct Capturing final : TelemetryWriter {
  std::mutex mu;
  std::vector<TelemetryEvent> got;
  std::vector<std::size_t> batches;
  void write(const std::vector<TelemetryEvent>& batch) override {
    std::lock_guard lock(mu);
    got.insert(got.end(), batch.begin(), batch.end());
    batches.push_back(batch.size());
  }
};

TEST(Telemetry, TheQueueHandsOverEveryFieldInBatches) {
  Metrics metrics;
  auto writer = std::make_shared<Capturing>();
  TelemetryEvent llm;
  llm.timestamp = 12.5;
  llm.service = "llm-router";
  llm.event_type = "llm_call";
  llm.cost_usd = 0.25;
  llm.input_tokens = 7;
  llm.output_tokens = 9;
  llm.model = "gpt-4o-mini";
  llm.provider = "openai";
  llm.cache_hit = false;
  llm.escalated = true;
  {
    AsyncTelemetry sink(writer, metrics, 100, 4);
    for (int i = 0; i < 3; ++i) {
      sink.emit(server_event());
      sink.emit(turn_event());
      sink.emit_copy(llm);
    }
    sink.flush();
    ASSERT_EQ(writer->got.size(), 9u);
  }
  for (std::size_t n : writer->batches) EXPECT_LE(n, 4u);
  const auto& a = writer->got[0];
  const auto want = server_event();
  EXPECT_EQ(a.timestamp, want.timestamp);
  EXPECT_EQ(a.service, want.service);
  EXPECT_EQ(a.event_type, want.event_type);
  EXPECT_EQ(a.name, want.name);
  EXPECT_EQ(a.http_method, "GET");
  EXPECT_EQ(a.status, 503);
  EXPECT_TRUE(a.error);
  EXPECT_EQ(a.latency_ms, 250);
  EXPECT_EQ(a.tenant_id, 1);
  EXPECT_EQ(a.trace_id, kTrace);
  EXPECT_EQ(a.span_id, want.span_id);
  EXPECT_EQ(a.parent_span_id, want.parent_span_id);
  EXPECT_FALSE(a.cost_usd);
  EXPECT_FALSE(a.cache_hit);
  EXPECT_TRUE(a.steps.empty());
  const auto& t = writer->got[1];
  ASSERT_EQ(t.steps.size(), 3u);
  EXPECT_EQ(t.steps[1].name, "classify_intent");
  EXPECT_EQ(t.steps[1].timestamp, 1'700'000'000.2);
  EXPECT_EQ(t.steps[1].latency_ms, 2);
  EXPECT_TRUE(t.steps[2].error);
  EXPECT_FALSE(t.latency_ms);
  EXPECT_FALSE(t.status);
  const auto& l = writer->got[2];
  EXPECT_EQ(l.cost_usd, 0.25);
  EXPECT_EQ(l.input_tokens, 7);
  EXPECT_EQ(l.output_tokens, 9);
  EXPECT_EQ(l.model, "gpt-4o-mini");
  EXPECT_EQ(l.provider, "openai");
  EXPECT_EQ(l.cache_hit, false);
  EXPECT_EQ(l.escalated, true);
  EXPECT_FALSE(l.tenant_id);
  EXPECT_EQ(writer->got[3].name, want.name);
  EXPECT_EQ(writer->got[4].steps.size(), 3u);
  EXPECT_EQ(writer->got[8].model, "gpt-4o-mini");
}

struct Blocking final : TelemetryWriter {
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, release = false;
  std::size_t written = 0;
  void write(const std::vector<TelemetryEvent>& batch) override {
    std::unique_lock lock(mu);
    entered = true;
    cv.notify_all();
    cv.wait(lock, [this] { return release; });
    written += batch.size();
  }
};

TEST(Telemetry, AFullQueueDropsAndCountsInsteadOfBlocking) {
  Metrics metrics;
  auto writer = std::make_shared<Blocking>();
  {
    AsyncTelemetry sink(writer, metrics, 5, 1);
    sink.emit(server_event());  // a full batch: the writer takes it and blocks in write()
    {
      std::unique_lock lock(writer->mu);
      writer->cv.wait(lock, [&] { return writer->entered; });
    }
    for (int i = 0; i < 8; ++i) sink.emit(turn_event());  // 5 fit, 3 are dropped
    EXPECT_NE(metrics.render().find("aurixa_telemetry_dropped_total 3"), std::string::npos) << metrics.render();
    EXPECT_NE(metrics.render().find("aurixa_telemetry_queue_depth 5"), std::string::npos) << metrics.render();
    {
      std::lock_guard lock(writer->mu);
      writer->release = true;
    }
    writer->cv.notify_all();
    sink.flush();
  }
  EXPECT_EQ(writer->written, 6u);
}

}  // namespace
}  // namespace aurixa
