#include "roles/observability/report.hpp"

#include <algorithm>
#include <cmath>

namespace aurixa::observability {

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = static_cast<std::size_t>(std::ceil(pos));
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

Stats compute_stats(const std::vector<const TelemetryEvent*>& events) {
  Stats s;
  std::vector<double> lat;
  double cost = 0;
  bool any_cost = false;
  for (const auto* e : events) {
    ++s.count;
    if (e->error) ++s.errors;
    if (e->latency_ms && std::isfinite(*e->latency_ms)) lat.push_back(*e->latency_ms);
    if (e->cost_usd) {
      cost += *e->cost_usd;
      any_cost = true;
    }
    s.input_tokens += e->input_tokens;
    s.output_tokens += e->output_tokens;
    if (e->cache_hit) {
      ++s.cache_lookups;
      if (*e->cache_hit) ++s.cache_hits;
    }
    if (e->escalated && *e->escalated) ++s.escalations;
  }
  s.error_rate = s.count ? static_cast<double>(s.errors) / static_cast<double>(s.count) : 0;
  std::sort(lat.begin(), lat.end());
  s.with_latency = static_cast<std::int64_t>(lat.size());
  if (!lat.empty()) {
    double sum = 0;
    for (double v : lat) sum += v;
    s.avg_latency_ms = sum / static_cast<double>(lat.size());
    s.p50_latency_ms = percentile(lat, 0.50);
    s.p95_latency_ms = percentile(lat, 0.95);
    s.p99_latency_ms = percentile(lat, 0.99);
    s.max_latency_ms = lat.back();
  }
  if (any_cost) s.total_cost_usd = cost;
  return s;
}

Report build_report(const std::vector<TelemetryEvent>& events, double from, double to, double bucket_seconds) {
  Report r;
  r.from = from;
  r.to = to;
  std::vector<const TelemetryEvent*> all;
  std::map<std::string, std::vector<const TelemetryEvent*>> type, model, step, tenant;
  std::map<std::string, std::map<std::string, std::vector<const TelemetryEvent*>>> service;
  std::map<std::int64_t, std::vector<const TelemetryEvent*>> buckets;
  for (const auto& e : events) {
    all.push_back(&e);
    type[e.event_type].push_back(&e);
    service[e.service][e.event_type].push_back(&e);
    if (e.event_type == "llm_call") model[e.model.empty() ? "unknown" : e.model].push_back(&e);
    if (e.event_type == "pipeline_step") step[e.name].push_back(&e);
    tenant[e.tenant_id ? "t-" + std::to_string(*e.tenant_id) : "none"].push_back(&e);
    if (bucket_seconds > 0)
      buckets[static_cast<std::int64_t>(std::floor((e.timestamp - from) / bucket_seconds))].push_back(&e);
  }
  r.totals = compute_stats(all);
  for (auto& [k, v] : type) r.by_event_type[k] = compute_stats(v);
  for (auto& [k, v] : model) r.by_model[k] = compute_stats(v);
  for (auto& [k, v] : step) r.by_step[k] = compute_stats(v);
  for (auto& [k, v] : tenant) r.by_tenant[k] = compute_stats(v);
  for (auto& [svc, types] : service)
    for (auto& [t, v] : types) r.by_service[svc][t] = compute_stats(v);
  if (bucket_seconds > 0) {
    const auto n = static_cast<std::int64_t>(std::ceil((to - from) / bucket_seconds));
    for (std::int64_t i = 0; i < n && i < 10'000; ++i) {
      SeriesPoint p;
      p.t = from + static_cast<double>(i) * bucket_seconds;
      if (auto it = buckets.find(i); it != buckets.end()) p.stats = compute_stats(it->second);
      r.series.push_back(std::move(p));
    }
  }
  return r;
}

}  // namespace aurixa::observability
