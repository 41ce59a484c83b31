#include "store/telemetry.hpp"

#include <cmath>

#include "store/sql.hpp"

namespace aurixa::store {

namespace {

struct EventRow {
  double ts = 0, latency = 0, cost = 0;
  std::string service, type, name, model, provider, trace;
  long long tenant = 0, in_tok = 0, out_tok = 0;
  int status = 0, error = 0, cache_hit = 0, escalated = 0;
  soci::indicator tenant_ind = soci::i_ok, latency_ind = soci::i_ok, status_ind = soci::i_ok, cost_ind = soci::i_ok,
                  cache_ind = soci::i_ok, esc_ind = soci::i_ok;
};

}  // namespace

void TelemetryRepository::insert(const std::vector<TelemetryEvent>& events) {
  tx_.require_write();
  // One statement, prepared once per connection (Tx::prepared) and executed per event of the batch (one
  // transaction per batch).
  auto& ins = tx_.prepared<EventRow>(
      "INSERT INTO telemetry_events (ts, service, event_type, name, tenant_id, latency_ms, status, error, cost_usd, "
      "input_tokens, output_tokens, model, provider, cache_hit, escalated, trace_id) VALUES (:ts, :sv, :et, :nm, "
      ":tn, :lt, :st, :er, :co, :it, :ot, :mo, :pr, :ch, :es, :tr)",
      [](soci::statement& st, EventRow& r) {
        st.exchange(soci::use(r.ts));
        st.exchange(soci::use(r.service));
        st.exchange(soci::use(r.type));
        st.exchange(soci::use(r.name));
        st.exchange(soci::use(r.tenant, r.tenant_ind));
        st.exchange(soci::use(r.latency, r.latency_ind));
        st.exchange(soci::use(r.status, r.status_ind));
        st.exchange(soci::use(r.error));
        st.exchange(soci::use(r.cost, r.cost_ind));
        st.exchange(soci::use(r.in_tok));
        st.exchange(soci::use(r.out_tok));
        st.exchange(soci::use(r.model));
        st.exchange(soci::use(r.provider));
        st.exchange(soci::use(r.cache_hit, r.cache_ind));
        st.exchange(soci::use(r.escalated, r.esc_ind));
        st.exchange(soci::use(r.trace));
      });
  EventRow& r = ins.row;
  for (const auto& e : events) {
    r.ts = e.timestamp;
    r.service = e.service.substr(0, 64);
    r.type = e.event_type.substr(0, 32);
    r.name = e.name.substr(0, 128);
    r.tenant = e.tenant_id.value_or(0);
    r.tenant_ind = e.tenant_id ? soci::i_ok : soci::i_null;
    r.latency = e.latency_ms.value_or(0);
    r.latency_ind = e.latency_ms ? soci::i_ok : soci::i_null;
    r.status = e.status.value_or(0);
    r.status_ind = e.status ? soci::i_ok : soci::i_null;
    r.error = e.error ? 1 : 0;
    r.cost = e.cost_usd.value_or(0);
    r.cost_ind = e.cost_usd ? soci::i_ok : soci::i_null;
    r.in_tok = e.input_tokens;
    r.out_tok = e.output_tokens;
    r.model = e.model.substr(0, 128);
    r.provider = e.provider.substr(0, 64);
    r.cache_hit = e.cache_hit.value_or(false) ? 1 : 0;
    r.cache_ind = e.cache_hit ? soci::i_ok : soci::i_null;
    r.escalated = e.escalated.value_or(false) ? 1 : 0;
    r.esc_ind = e.escalated ? soci::i_ok : soci::i_null;
    r.trace = e.trace_id.substr(0, 32);
    tx_.run(ins.st);
  }
}

std::vector<TelemetryEvent> TelemetryRepository::list(const TelemetryFilter& f) {
  Query q(
      "SELECT ts, service, event_type, name, tenant_id, latency_ms, status, error, cost_usd, input_tokens, "
      "output_tokens, model, provider, cache_hit, escalated, trace_id FROM telemetry_events");
  // Whole seconds bound as integers (the query builder binds integers and text); the window is widened
  // to whole seconds and trimmed exactly below.
  q.where("ts >= ?", static_cast<long long>(std::floor(f.from)));
  q.where("ts <= ?", static_cast<long long>(std::ceil(f.to)));
  if (f.tenant_id) q.where("tenant_id = ?", static_cast<long long>(*f.tenant_id));
  if (f.service) q.where("service = ?", *f.service);
  if (f.event_type) q.where("event_type = ?", *f.event_type);
  q.order_by("ts");
  TelemetryEvent e;
  long long tenant = 0, in_tok = 0, out_tok = 0;
  double latency = 0, cost = 0;
  int status = 0, error = 0, cache_hit = 0, escalated = 0;
  soci::indicator tenant_ind, latency_ind, status_ind, cost_ind, cache_ind, esc_ind;
  auto st = q.prepare(tx_, soci::into(e.timestamp), soci::into(e.service), soci::into(e.event_type), soci::into(e.name),
                      soci::into(tenant, tenant_ind), soci::into(latency, latency_ind), soci::into(status, status_ind),
                      soci::into(error), soci::into(cost, cost_ind), soci::into(in_tok), soci::into(out_tok),
                      soci::into(e.model), soci::into(e.provider), soci::into(cache_hit, cache_ind),
                      soci::into(escalated, esc_ind), soci::into(e.trace_id));
  std::vector<TelemetryEvent> out;
  while (st.fetch()) {
    if (e.timestamp < f.from || e.timestamp > f.to) continue;
    TelemetryEvent row = e;
    row.tenant_id = tenant_ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(tenant);
    row.latency_ms = latency_ind == soci::i_null ? std::nullopt : std::optional<double>(latency);
    row.status = status_ind == soci::i_null ? std::nullopt : std::optional<int>(status);
    row.error = error != 0;
    row.cost_usd = cost_ind == soci::i_null ? std::nullopt : std::optional<double>(cost);
    row.input_tokens = in_tok;
    row.output_tokens = out_tok;
    row.cache_hit = cache_ind == soci::i_null ? std::nullopt : std::optional<bool>(cache_hit != 0);
    row.escalated = esc_ind == soci::i_null ? std::nullopt : std::optional<bool>(escalated != 0);
    out.push_back(std::move(row));
  }
  return out;
}

std::int64_t TelemetryRepository::count_all() {
  long long n = 0;
  tx_.sql() << "SELECT COUNT(*) FROM telemetry_events", soci::into(n);
  return n;
}

std::int64_t TelemetryRepository::delete_older_than(double before) {
  tx_.require_write();
  soci::statement st = (tx_.sql().prepare << "DELETE FROM telemetry_events WHERE ts < :b", soci::use(before));
  st.execute(true);
  return static_cast<std::int64_t>(st.get_affected_rows());
}

}  // namespace aurixa::store
