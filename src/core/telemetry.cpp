#include "core/telemetry.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/metrics.hpp"

namespace aurixa {

double epoch_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

AsyncTelemetry::AsyncTelemetry(std::shared_ptr<TelemetryWriter> writer, Metrics& metrics, std::size_t capacity,
                               std::size_t batch_size, const std::string& metric_prefix, const std::string& what)
    : writer_(std::move(writer)),
      capacity_(capacity),
      batch_size_(batch_size),
      dropped_(metrics.counter(metric_prefix + "_dropped_total", what + " dropped (queue full or write failed).", {}, {})),
      written_(metrics.counter(metric_prefix + "_written_total", what + " written.", {}, {})),
      depth_(metrics.gauge(metric_prefix + "_queue_depth", what + " waiting to be written.", {}, {})) {
  thread_ = std::thread([this] { run(); });
}

AsyncTelemetry::~AsyncTelemetry() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void AsyncTelemetry::emit(TelemetryEvent event) {
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= capacity_) {
      dropped_.inc();
      return;
    }
    queue_.push_back(std::move(event));
    depth_.set(static_cast<double>(queue_.size()));
    // Wake the writer only for a full batch (otherwise it wakes by itself within 200 ms): a wake-up per
    // event cost a futex call and a context switch per event, most of telemetry's overhead.
    if (queue_.size() != batch_size_) return;
  }
  cv_.notify_one();
}

void AsyncTelemetry::flush() {
  std::unique_lock lock(mu_);
  ++flush_waiters_;
  cv_.notify_one();
  idle_cv_.wait(lock, [this] { return queue_.empty() && !writing_; });
  --flush_waiters_;
}

void AsyncTelemetry::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    // Wait for a full batch or 200 ms, so events are written in few transactions.
    cv_.wait_for(lock, std::chrono::milliseconds(200), [this] {
      return stop_ || queue_.size() >= batch_size_ || (flush_waiters_ > 0 && !queue_.empty());
    });
    if (queue_.empty()) {
      idle_cv_.notify_all();
      if (stop_) return;
      continue;
    }
    std::vector<TelemetryEvent> batch;
    while (!queue_.empty() && batch.size() < batch_size_) {
      batch.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    depth_.set(static_cast<double>(queue_.size()));
    writing_ = true;
    lock.unlock();
    try {
      writer_->write(batch);
      written_.inc(static_cast<double>(batch.size()));
    } catch (...) {
      dropped_.inc(static_cast<double>(batch.size()));
    }
    lock.lock();
    writing_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
}

void HttpTelemetryWriter::write(const std::vector<TelemetryEvent>& batch) {
  ClientRequest r;
  r.method = "POST";
  r.url = base_url_ + "/api/v1/telemetry/batch";
  r.headers.set("Content-Type", "application/json");
  r.body = telemetry_to_json(batch);
  r.timeout = std::chrono::seconds(2);
  auto res = http_.request(r);
  if (res.status >= 300) throw ApiError::from_http(res.status, res.body);
}

std::string telemetry_to_json(const std::vector<TelemetryEvent>& events) {
  boost::json::array arr;
  for (const auto& e : events) {
    boost::json::object o{{"timestamp", e.timestamp}, {"service_name", e.service}, {"event_type", e.event_type},
                          {"name", e.name},           {"error", e.error},           {"input_tokens", e.input_tokens},
                          {"output_tokens", e.output_tokens}};
    if (e.tenant_id) o["tenant_id"] = *e.tenant_id;
    if (e.latency_ms) o["latency_ms"] = *e.latency_ms;
    if (e.status) o["status"] = *e.status;
    if (e.cost_usd) o["cost_usd"] = *e.cost_usd;
    if (!e.model.empty()) o["model"] = e.model;
    if (!e.provider.empty()) o["provider"] = e.provider;
    if (e.cache_hit) o["cache_hit"] = *e.cache_hit;
    if (e.escalated) o["escalated"] = *e.escalated;
    if (!e.trace_id.empty()) o["trace_id"] = e.trace_id;
    arr.push_back(std::move(o));
  }
  return boost::json::serialize(boost::json::object{{"events", arr}});
}

std::vector<TelemetryEvent> telemetry_from_json(std::string_view text) {
  auto root = json::parse_object(text);
  const auto* arr = json::optional_array(root, "events");
  if (!arr) throw ApiError::validation("events", "field 'events' is required");
  std::vector<TelemetryEvent> out;
  for (const auto& v : *arr) {
    if (!v.is_object()) throw ApiError::validation("events", "each event must be an object");
    const auto& o = v.as_object();
    TelemetryEvent e;
    e.timestamp = json::optional_number(o, "timestamp").value_or(epoch_now());
    e.service = json::require_string(o, "service_name");
    e.event_type = json::require_string(o, "event_type");
    e.name = json::optional_string(o, "name").value_or("");
    e.tenant_id = json::optional_int(o, "tenant_id");
    e.latency_ms = json::optional_number(o, "latency_ms");
    if (auto s = json::optional_int(o, "status")) e.status = static_cast<int>(*s);
    e.error = json::optional_bool(o, "error").value_or(false);
    e.cost_usd = json::optional_number(o, "cost_usd");
    e.input_tokens = json::optional_int(o, "input_tokens").value_or(0);
    e.output_tokens = json::optional_int(o, "output_tokens").value_or(0);
    e.model = json::optional_string(o, "model").value_or("");
    e.provider = json::optional_string(o, "provider").value_or("");
    e.cache_hit = json::optional_bool(o, "cache_hit");
    e.escalated = json::optional_bool(o, "escalated");
    e.trace_id = json::optional_string(o, "trace_id").value_or("");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace aurixa
