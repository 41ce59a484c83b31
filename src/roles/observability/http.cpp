// Observability routes: the original's POST /api/v1/telemetry and GET /api/v1/reports/performance
// (now persistent, with error rates, p50/p95/p99, cost, cache hit rate, escalations, time windows and
// series), plus POST /api/v1/telemetry/batch used by the other roles in split mode.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/router.hpp"
#include "core/tenant_id.hpp"
#include "roles/observability/module.hpp"
#include "roles/observability/service.hpp"

namespace aurixa::observability {
namespace {

boost::json::object stats_json(const Stats& s) {
  boost::json::object o{{"count", s.count},
                        {"error_count", s.errors},
                        {"error_rate", s.error_rate},
                        {"avg_latency_ms", s.avg_latency_ms},
                        {"p50_latency_ms", s.p50_latency_ms},
                        {"p95_latency_ms", s.p95_latency_ms},
                        {"p99_latency_ms", s.p99_latency_ms},
                        {"max_latency_ms", s.max_latency_ms},
                        {"input_tokens", s.input_tokens},
                        {"output_tokens", s.output_tokens},
                        {"cache_hit_rate", s.cache_lookups ? static_cast<double>(s.cache_hits) / static_cast<double>(s.cache_lookups)
                                                           : 0.0},
                        {"escalations", s.escalations}};
  if (s.total_cost_usd) o["total_cost_usd"] = *s.total_cost_usd;
  else o["total_cost_usd"] = nullptr;
  return o;
}

template <class Map>
boost::json::object map_json(const Map& m) {
  boost::json::object o;
  for (const auto& [k, v] : m) o[k] = stats_json(v);
  return o;
}

boost::json::object report_json(const Report& r) {
  boost::json::object services;
  for (const auto& [svc, types] : r.by_service) services[svc] = map_json(types);
  boost::json::array series;
  for (const auto& p : r.series) {
    auto o = stats_json(p.stats);
    o["t"] = p.t;
    series.push_back(std::move(o));
  }
  return {{"generated_at", r.generated_at},
          {"window", {{"from", r.from}, {"to", r.to}}},
          {"percentiles", "exact (all events in the window, linear interpolation)"},
          {"totals", stats_json(r.totals)},
          {"overall_metrics", map_json(r.by_event_type)},
          {"service_metrics", services},
          {"model_metrics", map_json(r.by_model)},
          {"step_metrics", map_json(r.by_step)},
          {"tenant_metrics", map_json(r.by_tenant)},
          {"series", series}};
}

// Accepts the original's event types plus ours; anything else is 422 like the original.
bool known_event_type(const std::string& t) {
  for (const char* k : {"llm_call", "api_call", "pipeline_step", "tool_call", "safety_decision", "error"})
    if (t == k) return true;
  return false;
}

std::optional<std::int64_t> tenant_param(const http::Request& req) {
  auto raw = req.query_param("tenant_id");
  if (!raw || raw->empty()) return std::nullopt;
  std::string digits = *raw;
  if (digits.rfind("t-", 0) == 0) digits = digits.substr(2);
  try {
    std::size_t used = 0;
    auto v = std::stoll(digits, &used);
    if (used == digits.size() && v > 0) return v;
  } catch (...) {
  }
  throw ApiError::validation("tenant_id", "query parameter 'tenant_id' must be a tenant id like 1 or t-001");
}

// Events reported by clients and other processes: written before the 202 (these routes run on the worker
// pool), so a sender's batch is either stored or its sender counts it as dropped.
void write_events(App& app, const std::vector<TelemetryEvent>& events) {
  if (!app.db) throw ApiError(Errc::unavailable, "observability has no store");
  StoreTelemetryWriter(*app.db).write(events);
}

}  // namespace

void wire(App& app) {
  if (!app.db) return;
  // This process's own events (AURIXA_TELEMETRY=off: none) are batched to the store; events other
  // processes send are written by the ingest routes directly, so they are never exported twice as spans.
  if (app.config.telemetry) {
    auto sink = std::make_shared<AsyncTelemetry>(std::make_shared<StoreTelemetryWriter>(*app.db), app.metrics);
    app.telemetry = sink.get();
    app.owned.push_back(sink);
  }
  auto retention = std::make_shared<Retention>(*app.db, app.log, std::chrono::hours(24 * app.config.telemetry_retention_days),
                                               std::chrono::hours(1));
  app.owned.push_back(retention);
}

void register_routes(http::Router& router, App& app) {
  router.post("/api/v1/telemetry", [&app](const http::Request& req, CallContext& ctx) {
    auto o = json::parse_object(req);
    TelemetryEvent e;
    e.service = json::require_string(o, "service_name");
    e.event_type = json::require_string(o, "event_type");
    if (!known_event_type(e.event_type))
      throw ApiError::validation("event_type", "event_type must be one of llm_call, api_call, pipeline_step, tool_call, "
                                               "safety_decision, error");
    e.timestamp = json::optional_number(o, "timestamp").value_or(epoch_now());
    // Only known numeric and enumerated fields are kept from `data`: no free text reaches the store.
    if (const auto* d = json::optional_object(o, "data")) {
      e.latency_ms = json::optional_number(*d, "latency_ms");
      e.cost_usd = json::optional_number(*d, "cost_usd");
      e.model = json::optional_string(*d, "model").value_or("");
      e.provider = json::optional_string(*d, "provider").value_or("");
      e.name = json::optional_string(*d, "step_name").value_or(json::optional_string(*d, "name").value_or(""));
      e.input_tokens = json::optional_int(*d, "input_tokens").value_or(0);
      e.output_tokens = json::optional_int(*d, "output_tokens").value_or(0);
      e.error = json::optional_bool(*d, "error").value_or(false);
      e.cache_hit = json::optional_bool(*d, "cache_hit");
      e.escalated = json::optional_bool(*d, "escalated");
      e.tenant_id = json_tenant_id(d->if_contains("tenant_id"), "tenant_id",  // 1, "1" or "t-001", as elsewhere
                                   "field 'tenant_id' must be a tenant id such as 1 or t-001");
    }
    e.trace_id = ctx.trace.trace_id;
    write_events(app, {std::move(e)});
    return json::response(202, boost::json::object{{"status", "accepted"}});
  });

  router.post("/api/v1/telemetry/batch", [&app](const http::Request& req, CallContext&) {
    auto events = telemetry_from_json(req.body);
    for (auto& e : events) {
      if (!known_event_type(e.event_type)) throw ApiError::validation("event_type", "unknown event_type " + e.event_type);
    }
    const auto n = events.size();
    write_events(app, events);
    return json::response(202, boost::json::object{{"status", "accepted"}, {"count", n}});
  }, {.max_body_bytes = 8u << 20});

  router.get("/api/v1/reports/performance", [&app](const http::Request& req, CallContext&) {
    if (!app.db) throw ApiError(Errc::unavailable, "observability has no store");
    ReportQuery q;
    const auto window = json::query_int(req, "window_minutes", 60, 1, 60 * 24 * 366);
    q.to = epoch_now();
    if (auto to = req.query_param("to")) q.to = static_cast<double>(json::query_int(req, "to", 0, 0, 1LL << 40));
    q.from = q.to - static_cast<double>(window) * 60.0;
    if (req.query_param("from")) q.from = static_cast<double>(json::query_int(req, "from", 0, 0, 1LL << 40));
    if (q.from > q.to) throw ApiError::validation("from", "'from' must not be after 'to'");
    q.bucket_seconds = static_cast<double>(json::query_int(req, "bucket_seconds", std::max<std::int64_t>(60, window), 1, 86'400));
    q.tenant_id = tenant_param(req);
    if (auto s = req.query_param("service"); s && !s->empty()) q.service = *s;
    if (auto t = req.query_param("event_type"); t && !t->empty()) q.event_type = *t;
    // Make what was emitted before this request visible (the sink batches asynchronously).
    if (app.telemetry) app.telemetry->flush();
    return json::ok(report_json(query_report(*app.db, q)));
  });
}

}  // namespace aurixa::observability
