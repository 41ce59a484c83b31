#include "core/telemetry.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <chrono>
#include <cstring>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/metrics.hpp"

namespace aurixa {

double epoch_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

TelemetryEvent step_event(const TelemetryEvent& g, const TelemetryStep& step) {
  TelemetryEvent e;
  e.timestamp = step.timestamp;
  e.service = g.service;
  e.event_type = g.event_type;
  e.name = step.name;
  e.tenant_id = g.tenant_id;
  e.latency_ms = step.latency_ms;
  e.error = step.error;
  e.trace_id = g.trace_id;
  e.parent_span_id = g.parent_span_id;
  return e;
}

void expand_steps(std::vector<TelemetryEvent>& events) {
  std::size_t n = 0;
  bool any = false;
  for (const auto& e : events) {
    n += e.steps.empty() ? 1 : e.steps.size();
    any = any || !e.steps.empty();
  }
  if (!any) return;
  std::vector<TelemetryEvent> out;
  out.reserve(n);
  for (auto& e : events) {
    if (e.steps.empty()) {
      out.push_back(std::move(e));
      continue;
    }
    for (const auto& st : e.steps) out.push_back(step_event(e, st));
  }
  events = std::move(out);
}

namespace {

// Packed events (AsyncTelemetry's queue): fixed-width numbers and length-prefixed strings, in one order.
enum : std::uint16_t {
  kTenant = 1, kLatency = 2, kStatus = 4, kError = 8, kCost = 16, kHasCache = 32, kCacheHit = 64, kHasEscalated = 128,
  kEscalated = 256
};

template <class T>
void put(std::vector<char>& b, T v) {
  const auto n = b.size();
  b.resize(n + sizeof v);
  std::memcpy(b.data() + n, &v, sizeof v);
}

void put(std::vector<char>& b, const std::string& s) {
  put(b, static_cast<std::uint32_t>(s.size()));
  b.insert(b.end(), s.begin(), s.end());
}

void pack(std::vector<char>& b, const TelemetryEvent& e) {
  std::uint16_t f = 0;
  if (e.tenant_id) f |= kTenant;
  if (e.latency_ms) f |= kLatency;
  if (e.status) f |= kStatus;
  if (e.error) f |= kError;
  if (e.cost_usd) f |= kCost;
  if (e.cache_hit) f |= kHasCache | (*e.cache_hit ? kCacheHit : 0);
  if (e.escalated) f |= kHasEscalated | (*e.escalated ? kEscalated : 0);
  put(b, f);
  put(b, e.timestamp);
  if (e.tenant_id) put(b, *e.tenant_id);
  if (e.latency_ms) put(b, *e.latency_ms);
  if (e.status) put(b, *e.status);
  if (e.cost_usd) put(b, *e.cost_usd);
  put(b, e.input_tokens);
  put(b, e.output_tokens);
  for (const std::string* str : {&e.service, &e.event_type, &e.name, &e.model, &e.provider, &e.trace_id, &e.span_id,
                                 &e.parent_span_id, &e.http_method})
    put(b, *str);
  put(b, static_cast<std::uint32_t>(e.steps.size()));
  for (const auto& st : e.steps) {
    put(b, st.name);
    put(b, st.timestamp);
    put(b, st.latency_ms);
    put(b, static_cast<std::uint8_t>(st.error));
  }
}

struct Reader {
  const char* p;
  template <class T>
  T get() {
    T v;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
  }
  void get(std::string& s) {
    const auto n = get<std::uint32_t>();
    s.assign(p, n);
    p += n;
  }
};

void unpack(Reader& r, TelemetryEvent& e) {
  const auto f = r.get<std::uint16_t>();
  e.timestamp = r.get<double>();
  // Every field is assigned (a reused event keeps only its strings' capacity).
  e.tenant_id = f & kTenant ? std::optional(r.get<std::int64_t>()) : std::nullopt;
  e.latency_ms = f & kLatency ? std::optional(r.get<double>()) : std::nullopt;
  e.status = f & kStatus ? std::optional(r.get<int>()) : std::nullopt;
  e.error = (f & kError) != 0;
  e.cost_usd = f & kCost ? std::optional(r.get<double>()) : std::nullopt;
  e.cache_hit = f & kHasCache ? std::optional((f & kCacheHit) != 0) : std::nullopt;
  e.escalated = f & kHasEscalated ? std::optional((f & kEscalated) != 0) : std::nullopt;
  e.input_tokens = r.get<std::int64_t>();
  e.output_tokens = r.get<std::int64_t>();
  for (std::string* str : {&e.service, &e.event_type, &e.name, &e.model, &e.provider, &e.trace_id, &e.span_id,
                           &e.parent_span_id, &e.http_method})
    r.get(*str);
  e.steps.resize(r.get<std::uint32_t>());
  for (auto& st : e.steps) {
    r.get(st.name);
    st.timestamp = r.get<double>();
    st.latency_ms = r.get<double>();
    st.error = r.get<std::uint8_t>() != 0;
  }
}

}  // namespace

AsyncTelemetry::AsyncTelemetry(std::shared_ptr<TelemetryWriter> writer, Metrics& metrics, std::size_t capacity,
                               std::size_t batch_size, const std::string& metric_prefix, const std::string& what)
    : writer_(std::move(writer)),
      capacity_(capacity),
      batch_size_(batch_size),
      dropped_(metrics.counter(metric_prefix + "_dropped_total", what + " dropped (queue full or write failed).", {}, {})),
      written_(metrics.counter(metric_prefix + "_written_total", what + " written.", {}, {})),
      depth_(metrics.gauge(metric_prefix + "_queue_depth", what + " waiting to be written.", {}, {})),
      max_bytes_(capacity * 2048) {
  pending_.reserve(std::min<std::size_t>(max_bytes_, batch_size * 512));
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

void AsyncTelemetry::emit(TelemetryEvent event) { emit_copy(event); }

void AsyncTelemetry::emit_copy(const TelemetryEvent& event) {
  {
    std::lock_guard lock(mu_);
    if (queued_ >= capacity_ || pending_.size() >= max_bytes_) {
      dropped_.inc();
      return;
    }
    pack(pending_, event);
    ++queued_;
    depth_.set(static_cast<double>(queued_));
    // Wake the writer only for a full batch (otherwise it wakes by itself within 200 ms): a wake-up per
    // event cost a futex call and a context switch per event.
    if (queued_ != batch_size_) return;
  }
  cv_.notify_one();
}

void AsyncTelemetry::flush() {
  std::unique_lock lock(mu_);
  ++flush_waiters_;
  cv_.notify_one();
  idle_cv_.wait(lock, [this] { return queued_ == 0 && !writing_; });
  --flush_waiters_;
}

void AsyncTelemetry::run() {
  std::vector<TelemetryEvent> batch;  // reused: the decoded strings are allocated and freed on this thread
  std::unique_lock lock(mu_);
  for (;;) {
    // Wait for a full batch or 200 ms, so events are written in few transactions.
    cv_.wait_for(lock, std::chrono::milliseconds(200), [this] {
      return stop_ || queued_ >= batch_size_ || (flush_waiters_ > 0 && queued_ > 0);
    });
    if (queued_ == 0) {
      idle_cv_.notify_all();
      if (stop_) return;
      continue;
    }
    // Take everything queued (the two buffers swap: no allocation once they have grown).
    draining_.swap(pending_);
    const std::size_t n = queued_;
    queued_ = 0;
    depth_.set(0);
    writing_ = true;
    lock.unlock();
    Reader r{draining_.data()};
    for (std::size_t done = 0; done < n;) {
      const std::size_t k = std::min(batch_size_, n - done);
      batch.resize(k);
      for (auto& e : batch) unpack(r, e);
      done += k;
      try {
        writer_->write(batch);
        written_.inc(static_cast<double>(k));
      } catch (...) {
        dropped_.inc(static_cast<double>(k));
      }
    }
    draining_.clear();
    lock.lock();
    writing_ = false;
    if (queued_ == 0) idle_cv_.notify_all();
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
    if (!e.steps.empty()) {
      boost::json::array steps;
      for (const auto& st : e.steps)
        steps.push_back(boost::json::object{
            {"name", st.name}, {"timestamp", st.timestamp}, {"latency_ms", st.latency_ms}, {"error", st.error}});
      o["steps"] = std::move(steps);
    }
    arr.push_back(std::move(o));
  }
  return aurixa::json::serialize(boost::json::object{{"events", arr}});
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
    if (const auto* steps = json::optional_array(o, "steps"); steps && !steps->empty()) {
      if (e.event_type != "pipeline_step") throw ApiError::validation("steps", "only pipeline_step events carry steps");
      if (steps->size() > 1000) throw ApiError::validation("steps", "at most 1000 steps per event");
      for (const auto& sv : *steps) {
        if (!sv.is_object()) throw ApiError::validation("steps", "each step must be an object");
        const auto& so = sv.as_object();
        TelemetryStep st;
        st.name = json::require_string(so, "name");
        st.timestamp = json::optional_number(so, "timestamp").value_or(e.timestamp);
        st.latency_ms = json::optional_number(so, "latency_ms").value_or(0);
        st.error = json::optional_bool(so, "error").value_or(false);
        e.steps.push_back(std::move(st));
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace aurixa
