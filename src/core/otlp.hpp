#pragma once
// OpenTelemetry trace export (OTLP/HTTP JSON, https://opentelemetry.io/docs/specs/otlp/): the telemetry
// events a process emits become spans, batched asynchronously and POSTed to <endpoint>/v1/traces.
//   api_call      -> SERVER span "METHOD /route/pattern" (http.request.method, http.route,
//                    http.response.status_code), span and parent ids from the request's W3C traceparent
//   llm_call      -> CLIENT span "chat <model>" (gen_ai.operation.name, gen_ai.system, gen_ai.request.model,
//                    gen_ai.usage.input_tokens / output_tokens)
//   anything else -> INTERNAL span named after the event (pipeline steps, tool calls, ...)
// Only events that carry a trace id become spans. service.name (resource) is the event's service.
// Attributes are route patterns, step names and model names only: no ids from paths, no user text.
#include <memory>
#include <string>
#include <vector>

#include "core/telemetry.hpp"

namespace aurixa {

class HttpClient;
class Metrics;

// The OTLP JSON body (ExportTraceServiceRequest) for a batch of events; span ids are generated for events
// that have none. Events without a trace id are skipped.
std::string otlp_traces_json(const std::vector<TelemetryEvent>& events);

// POSTs batches to <endpoint>/v1/traces (Content-Type application/json, 2 s deadline); throws on failure.
class OtlpSpanWriter final : public TelemetryWriter {
 public:
  OtlpSpanWriter(HttpClient& http, std::string endpoint);
  void write(const std::vector<TelemetryEvent>& batch) override;

 private:
  HttpClient& http_;
  std::string url_;
};

// The process's telemetry front when spans are exported: every event goes on to `events` (store or
// observability role) and, when it carries a trace id, a copy is queued for OTLP export (its own bounded
// queue and thread; metrics aurixa_otlp_spans_{dropped,written}_total, aurixa_otlp_spans_queue_depth).
// emit() never blocks on the network. flush() flushes the events side only.
class SpanExportingTelemetry final : public TelemetrySink {
 public:
  SpanExportingTelemetry(TelemetrySink* events, std::shared_ptr<TelemetryWriter> spans, Metrics& metrics,
                         std::size_t capacity = 10'000);
  void emit(TelemetryEvent event) override;
  void flush() override;
  void flush_spans() { spans_.flush(); }

 private:
  TelemetrySink* events_;  // may be null (spans only)
  AsyncTelemetry spans_;
};

}  // namespace aurixa
