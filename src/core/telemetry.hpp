#pragma once
// Telemetry events: every role reports what it did (request, pipeline step, LLM call, tool call, safety
// decision, error) through one TelemetrySink. emit() never blocks a request: events go into a bounded
// queue that a background thread drains in batches to a TelemetryWriter (the store when observability
// runs in this process, else HTTP to the observability role). When the queue is full the event is
// dropped and counted (aurixa_telemetry_dropped_total). Events carry no free text from users.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/context.hpp"

namespace aurixa {

class Metrics;
class Counter;
class Gauge;

// One pipeline step of a grouped event (TelemetryEvent::steps).
struct TelemetryStep {
  std::string name;       // step name (validate_input, classify_intent, ...)
  double timestamp = 0;   // when the step ended, epoch seconds
  double latency_ms = 0;
  bool error = false;
};

struct TelemetryEvent {
  double timestamp = 0;       // epoch seconds
  std::string service;        // orchestration-engine, llm-router, api-gateway, ...
  std::string event_type;     // api_call, pipeline_step, llm_call, tool_call, safety_decision, error
  std::string name;           // route pattern, step name, tool name, ...
  std::optional<std::int64_t> tenant_id;
  std::optional<double> latency_ms;
  std::optional<int> status;  // HTTP status for api_call
  bool error = false;
  std::optional<double> cost_usd;
  std::int64_t input_tokens = 0, output_tokens = 0;
  std::string model, provider;
  std::optional<bool> cache_hit, escalated;
  std::string trace_id;
  // Trace spans (OTLP export): this event's span and its parent, both 16 hex. An api_call is the request's
  // server span (CallContext::trace.span_id, parent = the caller's span); other events set only
  // parent_span_id (the span they ran under) and the exporter gives them a span id.
  std::string span_id, parent_span_id;
  std::string http_method;  // api_call only
  // A pipeline turn reports its steps as ONE event (event_type pipeline_step, `steps` non-empty) that stands
  // for one pipeline_step event per step: this event's fields with the step's name, timestamp, latency and
  // error (its own name, timestamp and latency are not used). One queue entry and one stored row per turn
  // instead of one per step keeps telemetry's cost per turn low; reports and OTLP spans see the steps
  // (expand_steps).
  std::vector<TelemetryStep> steps;

  // Ties the event to the request it ran for: same trace, and the request's span as its parent.
  void within(const TraceParent& t) {
    trace_id = t.trace_id;
    parent_span_id = t.span_id;
  }
};

double epoch_now();

// The pipeline_step event a grouped event stands for at one of its steps.
TelemetryEvent step_event(const TelemetryEvent& group, const TelemetryStep& step);
// Replaces every grouped event by its steps' events (in place, order otherwise kept).
void expand_steps(std::vector<TelemetryEvent>& events);

class TelemetrySink {
 public:
  virtual ~TelemetrySink() = default;
  virtual void emit(TelemetryEvent event) = 0;
  // Blocks until what was emitted so far is written (reports read their own writes; tests). May be a no-op.
  virtual void flush() {}
};

class TelemetryWriter {
 public:
  virtual ~TelemetryWriter() = default;
  // Persists or forwards a batch; may block; throws on failure (the batch is then counted as dropped).
  virtual void write(const std::vector<TelemetryEvent>& batch) = 0;
};

class AsyncTelemetry final : public TelemetrySink {
 public:
  // Metrics are <metric_prefix>_dropped_total, _written_total and _queue_depth.
  AsyncTelemetry(std::shared_ptr<TelemetryWriter> writer, Metrics& metrics, std::size_t capacity = 10'000,
                 std::size_t batch_size = 500, const std::string& metric_prefix = "aurixa_telemetry",
                 const std::string& what = "Telemetry events");
  ~AsyncTelemetry() override;  // flushes what is queued, then stops

  void emit(TelemetryEvent event) override;
  void emit_copy(const TelemetryEvent& event);  // same as emit, without a copy of the event
  void flush() override;  // blocks until everything emitted so far is written (tests, shutdown)

 private:
  void run();

  std::shared_ptr<TelemetryWriter> writer_;
  std::size_t capacity_, batch_size_;
  Counter& dropped_;
  Counter& written_;
  Gauge& depth_;
  std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  // The queue holds events packed into bytes (appended to `pending_`, `queued_` of them): emitting costs
  // no allocation, and every string of an event is allocated and freed on one thread (the emitting thread
  // its own, the writer the decoded copies). Strings malloc'd by request threads and freed by the writer
  // made glibc's arenas contend; that was much of telemetry's cost per request.
  std::vector<char> pending_, draining_;
  std::size_t queued_ = 0, max_bytes_;
  bool stop_ = false;
  bool writing_ = false;
  int flush_waiters_ = 0;
  std::thread thread_;
};

class HttpClient;
// Sends batches to the observability role (split mode): POST <base_url>/api/v1/telemetry/batch, 2 s deadline.
class HttpTelemetryWriter final : public TelemetryWriter {
 public:
  HttpTelemetryWriter(HttpClient& http, std::string base_url) : http_(http), base_url_(std::move(base_url)) {}
  void write(const std::vector<TelemetryEvent>& batch) override;

 private:
  HttpClient& http_;
  std::string base_url_;
};

// A sink that drops everything (tests, or when telemetry is switched off).
class NullTelemetry final : public TelemetrySink {
 public:
  void emit(TelemetryEvent) override {}
};

// JSON encoding shared by the HTTP writer and the observability role's batch route.
std::string telemetry_to_json(const std::vector<TelemetryEvent>& events);
std::vector<TelemetryEvent> telemetry_from_json(std::string_view json);  // throws ApiError (422) on bad input

}  // namespace aurixa
