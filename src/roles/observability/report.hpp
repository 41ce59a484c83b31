#pragma once
// Performance reports computed from stored telemetry events. Percentiles are EXACT: computed from every
// event in the window (linear interpolation between closest ranks, numpy's default), not estimated
// from histogram buckets; the Prometheus histograms on /metrics are the mergeable, approximate view.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/telemetry.hpp"

namespace aurixa::observability {

struct Stats {
  std::int64_t count = 0;
  std::int64_t errors = 0;
  double error_rate = 0;
  std::int64_t with_latency = 0;
  double avg_latency_ms = 0, p50_latency_ms = 0, p95_latency_ms = 0, p99_latency_ms = 0, max_latency_ms = 0;
  std::optional<double> total_cost_usd;  // null when no event carried a cost (as the original)
  std::int64_t input_tokens = 0, output_tokens = 0;
  std::int64_t cache_lookups = 0, cache_hits = 0;
  std::int64_t escalations = 0;
};

struct SeriesPoint {
  double t = 0;  // bucket start, epoch seconds
  Stats stats;
};

struct Report {
  double generated_at = 0, from = 0, to = 0;
  Stats totals;
  std::map<std::string, Stats> by_event_type;
  std::map<std::string, std::map<std::string, Stats>> by_service;  // service -> event_type -> stats
  std::map<std::string, Stats> by_model;                           // llm_call events
  std::map<std::string, Stats> by_step;                            // pipeline_step events, by step name
  std::map<std::string, Stats> by_tenant;                          // "t-<id>" or "none"
  std::vector<SeriesPoint> series;
};

// Linear-interpolated percentile of sorted values (q in [0,1]); 0 for an empty list.
double percentile(const std::vector<double>& sorted, double q);
Stats compute_stats(const std::vector<const TelemetryEvent*>& events);
Report build_report(const std::vector<TelemetryEvent>& events, double from, double to, double bucket_seconds);

}  // namespace aurixa::observability
