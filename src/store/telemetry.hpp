#pragma once
// Persistence of telemetry events (table telemetry_events). Platform-level data: reports filter by
// tenant explicitly (TelemetryFilter::tenant_id) because events of one request may span tenants' roles.
// Events are stored packed, many per row (one row per service, event type, tenant and minute of a written
// batch; see telemetry.cpp); list() returns them one by one, a pipeline turn's grouped steps as one
// pipeline_step event per step.
#include <optional>
#include <string>
#include <vector>

#include "core/telemetry.hpp"
#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct TelemetryFilter {
  double from = 0, to = 0;  // epoch seconds, inclusive
  std::optional<Id> tenant_id;
  std::optional<std::string> service;
  std::optional<std::string> event_type;
};

class TelemetryRepository {
 public:
  explicit TelemetryRepository(Tx& tx) : tx_(tx) {}
  void insert(const std::vector<TelemetryEvent>& events);
  std::vector<TelemetryEvent> list(const TelemetryFilter& filter);
  std::int64_t count_all();
  // Deletes rows whose latest event is older than `before` (epoch seconds); returns how many rows.
  std::int64_t delete_older_than(double before);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
