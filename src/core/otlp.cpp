#include "core/otlp.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "core/context.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;

// OTLP SpanKind and StatusCode values.
constexpr int kInternal = 1, kServer = 2, kClient = 3;
constexpr int kStatusError = 2;

bj::object attr(std::string_view key, bj::object value) { return {{"key", key}, {"value", std::move(value)}}; }
bj::object str_attr(std::string_view key, std::string_view v) { return attr(key, {{"stringValue", v}}); }
// int64 values are decimal strings in OTLP JSON (protobuf JSON mapping).
bj::object int_attr(std::string_view key, std::int64_t v) { return attr(key, {{"intValue", std::to_string(v)}}); }
bj::object double_attr(std::string_view key, double v) { return attr(key, {{"doubleValue", v}}); }
bj::object bool_attr(std::string_view key, bool v) { return attr(key, {{"boolValue", v}}); }

std::string unix_nanos(double epoch_seconds) {
  return std::to_string(static_cast<std::uint64_t>(std::llround(epoch_seconds * 1e6)) * 1000u);
}

bj::object span_json(const TelemetryEvent& e) {
  bj::array attrs;
  int kind = kInternal;
  std::string name = e.name.empty() ? e.event_type : e.name;
  if (e.event_type == "api_call") {
    kind = kServer;
    if (!e.http_method.empty()) {
      name = e.http_method + " " + e.name;
      attrs.push_back(str_attr("http.request.method", e.http_method));
    }
    attrs.push_back(str_attr("http.route", e.name));
    if (e.status) attrs.push_back(int_attr("http.response.status_code", *e.status));
  } else if (e.event_type == "llm_call") {
    // OpenTelemetry GenAI semantic conventions (client spans).
    kind = kClient;
    name = e.model.empty() ? "chat" : "chat " + e.model;
    attrs.push_back(str_attr("gen_ai.operation.name", "chat"));
    if (!e.provider.empty()) attrs.push_back(str_attr("gen_ai.system", e.provider));
    if (!e.model.empty()) attrs.push_back(str_attr("gen_ai.request.model", e.model));
    attrs.push_back(int_attr("gen_ai.usage.input_tokens", e.input_tokens));
    attrs.push_back(int_attr("gen_ai.usage.output_tokens", e.output_tokens));
    if (e.cost_usd) attrs.push_back(double_attr("aurixa.cost_usd", *e.cost_usd));
  }
  attrs.push_back(str_attr("aurixa.event_type", e.event_type));
  if (e.tenant_id) attrs.push_back(int_attr("aurixa.tenant_id", *e.tenant_id));
  if (e.cache_hit) attrs.push_back(bool_attr("aurixa.cache_hit", *e.cache_hit));
  if (e.escalated) attrs.push_back(bool_attr("aurixa.escalated", *e.escalated));

  const double end = e.timestamp;
  const double start = end - e.latency_ms.value_or(0.0) / 1000.0;
  bj::object s{{"traceId", e.trace_id},
               {"spanId", e.span_id.empty() ? random_hex(8) : e.span_id},
               {"name", name},
               {"kind", kind},
               {"startTimeUnixNano", unix_nanos(start)},
               {"endTimeUnixNano", unix_nanos(end)},
               {"attributes", std::move(attrs)}};
  if (!e.parent_span_id.empty()) s["parentSpanId"] = e.parent_span_id;
  if (e.error) s["status"] = bj::object{{"code", kStatusError}};
  return s;
}

}  // namespace

std::string otlp_traces_json(const std::vector<TelemetryEvent>& events) {
  // One resource per service name (all-in-one runs several roles in one process).
  std::map<std::string, bj::array> by_service;
  for (const auto& e : events) {
    if (e.trace_id.empty()) continue;
    if (e.steps.empty()) {
      by_service[e.service].push_back(span_json(e));
      continue;
    }
    // A pipeline turn's grouped steps: one INTERNAL span per step.
    auto& spans = by_service[e.service];
    for (const auto& st : e.steps) spans.push_back(span_json(step_event(e, st)));
  }
  bj::array resources;
  for (auto& [service, spans] : by_service) {
    bj::object resource{{"attributes", bj::array{str_attr("service.name", service)}}};
    bj::object scope{{"scope", {{"name", "aurixa"}}}, {"spans", std::move(spans)}};
    resources.push_back(bj::object{{"resource", std::move(resource)}, {"scopeSpans", bj::array{std::move(scope)}}});
  }
  return aurixa::json::serialize(bj::object{{"resourceSpans", std::move(resources)}});
}

OtlpSpanWriter::OtlpSpanWriter(HttpClient& http, std::string endpoint) : http_(http), url_(std::move(endpoint)) {
  while (!url_.empty() && url_.back() == '/') url_.pop_back();
  url_ += "/v1/traces";
}

void OtlpSpanWriter::write(const std::vector<TelemetryEvent>& batch) {
  ClientRequest r;
  r.method = "POST";
  r.url = url_;
  r.headers.set("Content-Type", "application/json");
  r.body = otlp_traces_json(batch);
  r.timeout = std::chrono::seconds(2);
  auto res = http_.request(r);
  if (res.status >= 300) throw ApiError::from_http(res.status, res.body);
}

SpanExportingTelemetry::SpanExportingTelemetry(TelemetrySink* events, std::shared_ptr<TelemetryWriter> spans,
                                               Metrics& metrics, std::size_t capacity)
    : events_(events),
      spans_(std::move(spans), metrics, capacity, 512, "aurixa_otlp_spans", "Trace spans for OTLP export") {}

void SpanExportingTelemetry::emit(TelemetryEvent event) {
  if (!event.trace_id.empty()) {
    if (!events_) {
      spans_.emit(std::move(event));
      return;
    }
    spans_.emit_copy(event);
  }
  if (events_) events_->emit(std::move(event));
}

void SpanExportingTelemetry::flush() {
  if (events_) events_->flush();
}

}  // namespace aurixa
