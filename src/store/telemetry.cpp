#include "store/telemetry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string_view>
#include <tuple>

#include "store/sql.hpp"

namespace aurixa::store {

namespace {

// Events are stored PACKED: one row per (service, event_type, tenant, minute) of a written batch, its
// `packed` column holding the events, one line each (migration 0011). Rows, not events, cost the store (a
// row and three index entries each): a pipeline turn's ~5 events and a batch's hundreds of turns become a
// few rows. The row's ts is its latest event's (so retention and the report's window select rows by it)
// and its service/event_type/tenant_id are every event's (so the report's filters select rows). A line is
//   seconds_before_row_ts \t name \t latency_ms \t status \t error \t cost_usd \t input_tokens \t
//   output_tokens \t model \t provider \t cache_hit \t escalated \t trace_id \n
// with an empty field for an absent optional, numbers in shortest round-trip form, and tabs/newlines in
// names replaced by spaces. Rows without `packed` (written before 0011) are one event each.
constexpr double kBucketSeconds = 60;        // a row's events all lie within one minute...
constexpr double kMaxRowSpanSeconds = 60;    // ...so at most this long before the row's ts
constexpr std::size_t kMaxEventsPerRow = 2000;

long long bucket_of(double ts) { return std::isfinite(ts) ? std::llround(std::floor(ts / kBucketSeconds)) : 0; }

void append_number(std::string& out, double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::isfinite(v) ? v : 0.0);
  if (ec != std::errc()) end = buf;
  out.append(buf, end);
}

void append_int(std::string& out, long long v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) end = buf;
  out.append(buf, end);
}

void append_text(std::string& out, const std::string& s, std::size_t max) {
  const std::size_t start = out.size();
  std::size_t n = std::min(s.size(), max);
  while (n < s.size() && n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // whole UTF-8 chars
  out.append(s, 0, n);
  for (std::size_t i = start; i < out.size(); ++i)
    if (out[i] == '\t' || out[i] == '\n' || out[i] == '\r' || out[i] == '\0') out[i] = ' ';
}

void append_flag(std::string& out, const std::optional<bool>& b) {
  if (b) out += *b ? '1' : '0';
}

// One line for `e`, or for its step `st` (the step's name, time, latency and error; the rest from `e`).
void pack_line(std::string& out, const TelemetryEvent& e, const TelemetryStep* st, double row_ts) {
  if (st) {
    append_number(out, row_ts - st->timestamp);
    out += '\t';
    append_text(out, st->name, 128);
    out += '\t';
    append_number(out, st->latency_ms);
    out += "\t\t";
    out += st->error ? '1' : '0';
    out += "\t\t0\t0\t\t\t\t\t";
    append_text(out, e.trace_id, 32);
    out += '\n';
    return;
  }
  append_number(out, row_ts - e.timestamp);
  out += '\t';
  append_text(out, e.name, 128);
  out += '\t';
  if (e.latency_ms) append_number(out, *e.latency_ms);
  out += '\t';
  if (e.status) append_int(out, *e.status);
  out += '\t';
  out += e.error ? '1' : '0';
  out += '\t';
  if (e.cost_usd) append_number(out, *e.cost_usd);
  out += '\t';
  append_int(out, e.input_tokens);
  out += '\t';
  append_int(out, e.output_tokens);
  out += '\t';
  append_text(out, e.model, 128);
  out += '\t';
  append_text(out, e.provider, 64);
  out += '\t';
  append_flag(out, e.cache_hit);
  out += '\t';
  append_flag(out, e.escalated);
  out += '\t';
  append_text(out, e.trace_id, 32);
  out += '\n';
}

template <class T>
bool parse(std::string_view s, T& v) {
  return std::from_chars(s.data(), s.data() + s.size(), v).ec == std::errc();
}

// Appends the events of a packed row (`row` holds its ts, service, event_type and tenant); malformed lines
// are skipped (a report never fails on one bad row).
void unpack_row(std::string_view text, const TelemetryEvent& row, std::vector<TelemetryEvent>& out) {
  constexpr std::size_t kFields = 13;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    std::string_view f[kFields];
    std::size_t n = 0;
    while (n < kFields) {
      const auto tab = line.find('\t');
      f[n++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    if (n != kFields) continue;
    TelemetryEvent e;
    double before = 0;
    if (!parse(f[0], before)) continue;
    e.timestamp = row.timestamp - before;
    e.service = row.service;
    e.event_type = row.event_type;
    e.tenant_id = row.tenant_id;
    e.name = f[1];
    if (double v = 0; !f[2].empty() && parse(f[2], v)) e.latency_ms = v;
    if (int v = 0; !f[3].empty() && parse(f[3], v)) e.status = v;
    e.error = f[4] == "1";
    if (double v = 0; !f[5].empty() && parse(f[5], v)) e.cost_usd = v;
    parse(f[6], e.input_tokens);
    parse(f[7], e.output_tokens);
    e.model = f[8];
    e.provider = f[9];
    if (!f[10].empty()) e.cache_hit = f[10] == "1";
    if (!f[11].empty()) e.escalated = f[11] == "1";
    e.trace_id = f[12];
    out.push_back(std::move(e));
  }
}

struct EventRow {
  double ts = 0, latency = 0, cost = 0;
  std::string service, type, name, model, provider, trace, packed;
  long long tenant = 0, in_tok = 0, out_tok = 0;
  int status = 0, error = 0, cache_hit = 0, escalated = 0;
  soci::indicator tenant_ind = soci::i_ok, latency_ind = soci::i_ok, status_ind = soci::i_ok, cost_ind = soci::i_ok,
                  cache_ind = soci::i_ok, esc_ind = soci::i_ok;
};

}  // namespace

void TelemetryRepository::insert(const std::vector<TelemetryEvent>& events) {
  tx_.require_write();
  // One statement, prepared once per connection (Tx::prepared) and executed per row (one transaction per
  // batch). A packed row fills only ts, service, event_type, tenant_id, error (any event's) and packed.
  auto& ins = tx_.prepared<EventRow>(
      "INSERT INTO telemetry_events (ts, service, event_type, name, tenant_id, latency_ms, status, error, cost_usd, "
      "input_tokens, output_tokens, model, provider, cache_hit, escalated, trace_id, packed) VALUES (:ts, :sv, :et, "
      ":nm, :tn, :lt, :st, :er, :co, :it, :ot, :mo, :pr, :ch, :es, :tr, :pk)",
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
        st.exchange(soci::use(r.packed));
      });

  // Group the batch's events (a turn's grouped steps as one event per step) by row key.
  using Key = std::tuple<std::string_view, std::string_view, std::optional<std::int64_t>, long long>;
  struct Item {
    const TelemetryEvent* e;
    const TelemetryStep* step;  // null: the event itself
    double ts() const { return step ? step->timestamp : e->timestamp; }
    bool error() const { return step ? step->error : e->error; }
  };
  std::map<Key, std::vector<Item>> rows;
  for (const auto& e : events) {
    if (e.steps.empty()) {
      rows[{e.service, e.event_type, e.tenant_id, bucket_of(e.timestamp)}].push_back({&e, nullptr});
      continue;
    }
    for (const auto& st : e.steps)
      rows[{e.service, e.event_type, e.tenant_id, bucket_of(st.timestamp)}].push_back({&e, &st});
  }

  EventRow& r = ins.row;
  r.name.clear();
  r.latency_ind = r.status_ind = r.cost_ind = r.cache_ind = r.esc_ind = soci::i_null;
  r.in_tok = r.out_tok = 0;
  r.model.clear();
  r.provider.clear();
  r.trace.clear();
  for (auto& [key, list] : rows) {
    for (std::size_t from = 0; from < list.size(); from += kMaxEventsPerRow) {
      const std::size_t to = std::min(list.size(), from + kMaxEventsPerRow);
      double ts = list[from].ts();
      int error = 0;
      for (std::size_t i = from; i < to; ++i) {
        ts = std::max(ts, list[i].ts());
        error |= list[i].error() ? 1 : 0;
      }
      r.ts = std::isfinite(ts) ? ts : 0.0;
      r.service.assign(std::get<0>(key).substr(0, 64));
      r.type.assign(std::get<1>(key).substr(0, 32));
      r.tenant = std::get<2>(key).value_or(0);
      r.tenant_ind = std::get<2>(key) ? soci::i_ok : soci::i_null;
      r.error = error;
      r.packed.clear();
      for (std::size_t i = from; i < to; ++i) pack_line(r.packed, *list[i].e, list[i].step, r.ts);
      tx_.run(ins.st);
    }
  }
}

std::vector<TelemetryEvent> TelemetryRepository::list(const TelemetryFilter& f) {
  Query q(
      "SELECT ts, service, event_type, name, tenant_id, latency_ms, status, error, cost_usd, input_tokens, "
      "output_tokens, model, provider, cache_hit, escalated, trace_id, packed FROM telemetry_events");
  // Whole seconds bound as integers (the query builder binds integers and text); the window is widened
  // to whole seconds (and at its end by a packed row's longest span: the row's ts is its latest event's)
  // and every event is trimmed exactly below.
  q.where("ts >= ?", static_cast<long long>(std::floor(f.from)));
  q.where("ts <= ?", static_cast<long long>(std::ceil(f.to + kMaxRowSpanSeconds)));
  if (f.tenant_id) q.where("tenant_id = ?", static_cast<long long>(*f.tenant_id));
  if (f.service) q.where("service = ?", *f.service);
  if (f.event_type) q.where("event_type = ?", *f.event_type);
  q.order_by("ts");
  TelemetryEvent e;
  long long tenant = 0, in_tok = 0, out_tok = 0;
  double latency = 0, cost = 0;
  int status = 0, error = 0, cache_hit = 0, escalated = 0;
  std::string packed;
  soci::indicator tenant_ind, latency_ind, status_ind, cost_ind, cache_ind, esc_ind, packed_ind;
  auto st = q.prepare(tx_, soci::into(e.timestamp), soci::into(e.service), soci::into(e.event_type), soci::into(e.name),
                      soci::into(tenant, tenant_ind), soci::into(latency, latency_ind), soci::into(status, status_ind),
                      soci::into(error), soci::into(cost, cost_ind), soci::into(in_tok), soci::into(out_tok),
                      soci::into(e.model), soci::into(e.provider), soci::into(cache_hit, cache_ind),
                      soci::into(escalated, esc_ind), soci::into(e.trace_id), soci::into(packed, packed_ind));
  std::vector<TelemetryEvent> out;
  bool is_packed = false;
  while (st.fetch()) {
    const bool many = packed_ind == soci::i_ok && !packed.empty();
    // A packed row's events all lie at or before its ts (and at most kMaxRowSpanSeconds before).
    if (e.timestamp < f.from || (!many && e.timestamp > f.to)) continue;
    TelemetryEvent row = e;
    row.tenant_id = tenant_ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(tenant);
    if (many) {
      const auto before = out.size();
      unpack_row(packed, row, out);
      out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                               [&](const TelemetryEvent& x) { return x.timestamp < f.from || x.timestamp > f.to; }),
                out.end());
      is_packed = true;
      continue;
    }
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
  if (is_packed)  // a packed row's events precede its ts
    std::stable_sort(out.begin(), out.end(),
                     [](const TelemetryEvent& a, const TelemetryEvent& b) { return a.timestamp < b.timestamp; });
  return out;
}

std::int64_t TelemetryRepository::count_all() {
  long long n = 0;
  // A packed row counts as its lines.
  tx_.sql() << "SELECT COALESCE(SUM(CASE WHEN packed = '' THEN 1 ELSE LENGTH(packed) - LENGTH(REPLACE(packed, '"
               "\n', '')) END), 0) FROM telemetry_events",
      soci::into(n);
  return n;
}

std::int64_t TelemetryRepository::delete_older_than(double before) {
  tx_.require_write();
  soci::statement st = (tx_.sql().prepare << "DELETE FROM telemetry_events WHERE ts < :b", soci::use(before));
  st.execute(true);
  return static_cast<std::int64_t>(st.get_affected_rows());
}

}  // namespace aurixa::store
