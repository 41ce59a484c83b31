// Helpers shared by the action handlers: parameters, patient/tenant resolution, dates, alternatives, audit.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "roles/execution/actions.hpp"
#include "store/audit.hpp"
#include "store/availability.hpp"
#include "store/patients.hpp"

namespace aurixa::execution::detail {
namespace {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::optional<store::Id> parse_positive(std::string_view s) {
  store::Id v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

bool is_calendar_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) || !parse_int(s.substr(8, 2), d)) return false;
  if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string format(std::time_t t, bool local, const char* fmt) {
  std::tm tm{};
  if (local)
    localtime_r(&t, &tm);
  else
    gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

// Minutes between two HH:MM times.
int minutes(std::string_view hhmm) {
  int h = 0, m = 0;
  if (hhmm.size() < 5 || !parse_int(hhmm.substr(0, 2), h) || !parse_int(hhmm.substr(3, 2), m)) return 0;
  return h * 60 + m;
}

}  // namespace

Refused refuse(std::string code, std::string message, std::string field) {
  ExecuteResult r;
  r.status = "error";
  r.error_code = std::move(code);
  r.message = std::move(message);
  r.error_field = std::move(field);
  return Refused(std::move(r));
}

std::optional<std::string> param(const Env& env, std::string_view key) {
  auto it = env.params.find(std::string(key));
  if (it == env.params.end()) return std::nullopt;
  auto v = trim(it->second);
  if (v.empty()) return std::nullopt;
  return v;
}

std::optional<std::string> text_param(const Env& env, std::string_view key, std::size_t max_len) {
  auto v = param(env, key);
  if (v && v->size() > max_len)
    throw refuse("invalid_params", std::string(key) + " must be at most " + std::to_string(max_len) + " characters.",
                 std::string(key));
  return v;
}

store::Id id_param(const Env& env, std::string_view key, std::string_view missing_message,
                   std::string_view invalid_message) {
  auto v = param(env, key);
  if (!v) throw refuse("invalid_params", std::string(missing_message), std::string(key));
  auto id = parse_positive(*v);
  if (!id) {
    std::string msg(invalid_message);
    if (auto at = msg.find("{}"); at != std::string::npos) msg.replace(at, 2, *v);
    throw refuse("invalid_params", msg, std::string(key));
  }
  return *id;
}

std::optional<store::Id> optional_id_param(const Env& env, std::string_view key) {
  if (!param(env, key)) return std::nullopt;
  const std::string k(key);
  return id_param(env, key, k + " required.", "Invalid " + k + ": {}");
}

std::string date_param(const Env& env, std::string_view key, std::string_view fallback) {
  std::string v = param(env, key).value_or(std::string(fallback));
  std::string lower = v;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "today") return local_date(env.now);
  if (lower == "tomorrow") return local_date(env.now, 1);
  if (!is_calendar_date(v))
    throw refuse("invalid_params", "Invalid date '" + v + "'. Use YYYY-MM-DD, today or tomorrow.", std::string(key));
  return v;
}

std::string time_param(const Env& env, std::string_view key, std::string_view fallback) {
  std::string v = param(env, key).value_or(std::string(fallback));
  auto colon = v.find(':');
  int h = -1, m = -1;
  bool ok = colon != std::string::npos && colon >= 1 && colon <= 2 && v.size() - colon - 1 == 2 &&
            parse_int(std::string_view(v).substr(0, colon), h) && parse_int(std::string_view(v).substr(colon + 1), m) &&
            h >= 0 && h <= 23 && m >= 0 && m <= 59;
  if (!ok) throw refuse("invalid_params", "Invalid time '" + v + "'. Use HH:MM (24-hour).", std::string(key));
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  return buf;
}

PatientRef resolve_patient(const Env& env, store::Id patient_id) {
  const auto tenant_param = optional_id_param(env, "tenant_id");
  const auto scope = env.ctx.tenant_id ? store::Scope::tenant(*env.ctx.tenant_id) : store::Scope::platform();
  auto p = store::PatientRepository(env.tx).get(scope, patient_id);
  const std::string not_found = "Patient " + std::to_string(patient_id) + " not found.";
  if (!p) throw refuse("not_found", not_found, "patient_id");
  const store::Id tenant = p->tenant_id.value_or(env.ctx.tenant_id.value_or(tenant_param.value_or(1)));
  // Asking for the patient under another tenant is the same as asking for an unknown patient.
  if (tenant_param && *tenant_param != tenant) throw refuse("not_found", not_found, "patient_id");
  return {std::move(*p), tenant};
}

store::Id resolve_tenant(const Env& env) {
  const auto tenant_param = optional_id_param(env, "tenant_id");
  if (env.ctx.tenant_id) {
    if (tenant_param && *tenant_param != *env.ctx.tenant_id)
      throw refuse("invalid_params", "tenant_id does not match the caller's tenant.", "tenant_id");
    return *env.ctx.tenant_id;
  }
  return tenant_param.value_or(1);
}

std::string local_date(std::time_t t, int days_ahead) {
  return format(t + static_cast<std::time_t>(days_ahead) * 86400, true, "%Y-%m-%d");
}

std::string local_minute(std::time_t t) { return format(t, true, "%Y-%m-%d %H:%M"); }

std::string utc_timestamp(std::time_t t) { return format(t, false, "%Y-%m-%d %H:%M:%S"); }

std::string add_days(const std::string& date, int days) {
  std::tm tm{};
  int y = 0, m = 0, d = 0;
  if (!is_calendar_date(date)) return date;
  parse_int(std::string_view(date).substr(0, 4), y);
  parse_int(std::string_view(date).substr(5, 2), m);
  parse_int(std::string_view(date).substr(8, 2), d);
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d + days;
  tm.tm_hour = 12;  // clear of any DST edge
  std::time_t t = timegm(&tm);
  return format(t, false, "%Y-%m-%d");
}

std::string pretty_time(const std::string& stamp, bool with_year) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  if (stamp.size() < 16 || !parse_int(std::string_view(stamp).substr(0, 4), y) ||
      !parse_int(std::string_view(stamp).substr(5, 2), mo) || !parse_int(std::string_view(stamp).substr(8, 2), d) ||
      !parse_int(std::string_view(stamp).substr(11, 2), h) || !parse_int(std::string_view(stamp).substr(14, 2), mi))
    return stamp;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  std::time_t t = timegm(&tm);  // normalises and fills in the weekday
  return format(t, false, with_year ? "%a %b %d, %Y at %I:%M %p" : "%a %b %d at %I:%M %p");
}

std::vector<Option> nearest_free_slots(store::Tx& tx, const OptionQuery& q, std::time_t now, std::size_t limit) {
  const std::string now_minute = local_minute(now);
  const int wanted = minutes(q.time);
  std::vector<Option> out;
  store::AvailabilityRepository slots(tx);
  for (int day = 0; day < 14 && out.size() < limit; ++day) {
    const std::string date = add_days(q.date, day);
    if (date < now_minute.substr(0, 10)) continue;
    struct Candidate {
      bool other_provider;
      int distance;
      store::AvailabilitySlot slot;
    };
    std::vector<Candidate> found;
    for (auto& s : slots.free_slots(store::Scope::tenant(q.tenant), date)) {
      if (date + " " + s.start_time <= now_minute) continue;
      const bool other = s.provider_name != q.provider;
      if (other && q.same_provider_only) continue;
      if (day == 0 && !other && s.start_time == q.time) continue;  // the slot that was asked for
      found.push_back({other, std::abs(minutes(s.start_time) - wanted), std::move(s)});
    }
    std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
      if (a.other_provider != b.other_provider) return !a.other_provider;
      return a.distance < b.distance;
    });
    for (auto& c : found) {
      if (out.size() >= limit) break;
      out.push_back({date, c.slot.start_time, c.slot.provider_name});
    }
  }
  return out;
}

std::string describe_options(const std::vector<Option>& options) {
  std::string out;
  for (const auto& o : options) {
    if (!out.empty()) out += "; ";
    out += pretty_time(o.date + " " + o.time, false) + " with " + o.provider;
  }
  return out;
}

store::AuditEntry audit_entry(const CallContext& ctx, const std::string& actor, std::string action,
                              std::optional<store::Id> tenant, std::string details, std::string outcome) {
  store::AuditEntry e;
  e.service = "Execution Engine";
  e.action = std::move(action);
  e.user = actor;
  e.details = std::move(details);
  e.severity = outcome == "success" ? "info" : "warning";
  e.tenant_id = tenant ? tenant : ctx.tenant_id;
  if (!ctx.principal.role.empty() && ctx.principal.role != "anonymous") e.principal_role = ctx.principal.role;
  e.outcome = std::move(outcome);
  if (!ctx.request_id.empty()) e.request_id = ctx.request_id;
  return e;
}

void audit(const Env& env, store::Id tenant, std::string_view resource_type, std::string_view resource_id,
           std::string details) {
  auto e = audit_entry(env.ctx, env.actor, env.audit_action, tenant, std::move(details), "success");
  if (!resource_type.empty()) e.resource_type = std::string(resource_type);
  if (!resource_id.empty()) e.resource_id = std::string(resource_id);
  store::AuditRepository(env.tx).record(e);
}

}  // namespace aurixa::execution::detail
