// Appointments: GET/POST /api/v1/appointments, PATCH /api/v1/appointments/{id} (spec/API.md §3.5).
// Booking is checked against existing visits (409 when the provider's slot is taken, on both back-ends
// and under concurrency); statuses follow a forward-only lifecycle (D13); bad times are 422, never 500.
#include <cstdio>
#include <ctime>

#include "roles/orchestration/admin_routes.hpp"
#include "store/appointments.hpp"
#include "store/patients.hpp"

namespace aurixa::orchestration::admin {
namespace {

std::string lower_trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "HH:MM", "H:MM", "HH:MM:SS", optionally followed by "am"/"pm" -> minutes after midnight.
int parse_time_of_day(const std::string& raw) {
  std::string s = lower_trim(raw);
  int offset_hours = -1;  // -1: 24-hour clock
  for (const char* suffix : {"am", "pm"}) {
    if (s.size() > 2 && s.ends_with(suffix)) {
      offset_hours = suffix[0] == 'p' ? 12 : 0;
      s = lower_trim(s.substr(0, s.size() - 2));
    }
  }
  int h = -1, m = -1, sec = 0;
  char tail = 0;
  int n = std::sscanf(s.c_str(), "%d:%d:%d%c", &h, &m, &sec, &tail);
  bool ok = (n == 2 || n == 3) && s.size() >= 4 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59;
  if (ok && offset_hours >= 0) {
    ok = h >= 1 && h <= 12;
    h = h % 12 + offset_hours;
  }
  ok = ok && h >= 0 && h <= 23;
  if (!ok) throw ApiError::validation("start_time", "field 'start_time' must be a time of day like 09:30");
  return h * 60 + m;
}

std::string local_date(int days_ahead) {
  std::time_t t = std::time(nullptr) + days_ahead * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Seconds since the epoch of "<YYYY-MM-DD> 00:00" + minutes (naive UTC, as the store keeps visit times).
std::time_t epoch_of(const std::string& date, int minutes) {
  std::tm tm{};
  tm.tm_year = std::stoi(date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(date.substr(8, 2));
  tm.tm_min = minutes;
  return timegm(&tm);
}

// "<date> 00:00:00" + minutes, normalised across midnight.
std::string timestamp(const std::string& date, int minutes) {
  const std::time_t t = epoch_of(date, minutes);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string require_date(const bj::object& body) {
  auto date = optional_text(body, "date", 10);
  if (!date) return local_date(1);  // the original's default: tomorrow (server-local)
  if (!is_date(*date)) throw ApiError::validation("date", "field 'date' must be a calendar date YYYY-MM-DD");
  return *date;
}

// Minutes after midnight of a stored "YYYY-MM-DD HH:MM:SS" time.
int minute_of_day(const std::string& ts) { return std::stoi(ts.substr(11, 2)) * 60 + std::stoi(ts.substr(14, 2)); }

// The length of a stored visit in minutes (30, the booking default, when the end is missing or not after the start).
int minutes_between(const std::string& start, const std::string& end) {
  const auto epoch = [](const std::string& ts) { return epoch_of(ts, minute_of_day(ts)); };
  if (start.size() < 16 || end.size() < 16) return 30;
  const auto minutes = (epoch(end) - epoch(start)) / 60;
  return minutes > 0 ? static_cast<int>(minutes) : 30;
}

int duration_of(const bj::object& body) {
  auto d = json::optional_int(body, "duration_minutes");
  return static_cast<int>(d ? json::in_range(*d, 5, 480, "duration_minutes") : 30);
}

std::optional<std::string> query_date(const http::Request& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::string d = v->substr(0, 10);  // the original used the first 10 characters
  if (!is_date(d))
    throw ApiError::validation(std::string(name), "query parameter '" + std::string(name) + "' must be YYYY-MM-DD");
  return d;
}

}  // namespace

void register_appointment_routes(http::Router& router, const Deps& deps) {
  router.get("/api/v1/appointments", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "staff");
    auto page = page_of(req, 100);
    auto scope = list_scope(req, ctx);
    store::AppointmentFilter f;
    f.date_from = query_date(req, "date_from");
    f.date_to = query_date(req, "date_to");
    if (auto pid = json::query_int(req, "patient_id", 0, 0, INT64_MAX); pid > 0) f.patient_id = pid;
    if (auto s = req.query_param("status"); s && !s->empty()) {
      if (!store::is_appointment_status(*s))
        throw ApiError::validation("status", "query parameter 'status' is not an appointment status");
      f.status = *s;
    }
    if (auto p = req.query_param("provider_name"); p && !p->empty()) f.provider_name = *p;
    AuditEvent ev{"Appointments Listed", "", "appointment", "", scope.tenant_id()};
    return audited(deps, actor, ev, true, [&] {
      auto rows = deps.db->read([&](store::Tx& tx) { return store::AppointmentRepository(tx).list(scope, f, page); });
      ev.details = "Listed " + std::to_string(rows.size()) + " appointments";
      bj::array out;
      for (const auto& a : rows) out.push_back(appointment_json(a));
      return json::ok(out);
    });
  });

  router.post("/api/v1/appointments", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "staff");
    AuditEvent ev{"Appointment Created", "", "appointment", "", ctx.tenant_id};
    return audited(deps, actor, ev, false, [&] {
      auto body = json::parse_object(req);
      const Id patient_id = json::in_range(json::require_int(body, "patient_id"), 1, INT64_MAX, "patient_id");
      auto tenant_id = json::optional_int(body, "tenant_id");
      if (tenant_id) json::in_range(*tenant_id, 1, INT64_MAX, "tenant_id");
      const std::string provider = optional_text(body, "provider_name", 255).value_or("Dr. Adams");
      const std::string reason = optional_text(body, "reason", 500).value_or("General visit");
      const std::string date = require_date(body);
      const int start = parse_time_of_day(optional_text(body, "start_time", 16).value_or("09:00"));
      const int duration = duration_of(body);
      ev.details = "Booking for patient " + std::to_string(patient_id) + " with " + provider;
      const auto scope = caller_scope(ctx);
      return idempotent_write(*deps.db, req, scope, "POST /api/v1/appointments", [&](store::Tx& tx) {
        auto patient = store::PatientRepository(tx).get(scope, patient_id);
        if (!patient) throw ApiError::not_found("Patient not found");
        store::NewAppointment a;
        a.patient_id = patient_id;
        a.tenant_id = tenant_id ? *tenant_id : patient->tenant_id.value_or(ctx.tenant_id.value_or(1));
        a.start_time = timestamp(date, start);
        a.end_time = timestamp(date, start + duration);
        a.provider_name = provider;
        a.reason = reason;
        ev.tenant = a.tenant_id;
        auto booked = store::AppointmentRepository(tx).book(scope, a);
        ev.resource_id = std::to_string(booked.id);
        ev.details = "Created appointment APT-" + ev.resource_id + " for patient " + std::to_string(patient_id) + ": " +
                     reason + " with " + provider;
        audit(tx, actor, ev);
        return json::ok(appointment_json(booked));
      });
    });
  });

  router.patch("/api/v1/appointments/{id}", [deps](const http::Request& req, CallContext& ctx) {
    auto actor = actor_of(ctx, "staff");
    AuditEvent ev{"Appointment Updated", "", "appointment", req.param("id"), ctx.tenant_id};
    return audited(deps, actor, ev, false, [&] {
      const Id id = path_id(req, "id", "appointment_id");
      auto body = json::parse_object(req);
      auto status = json::optional_string(body, "status");
      if (status) *status = lower_trim(*status);
      // A reschedule changes only what it names: a new time keeps the day, a new day keeps the time, and both
      // keep the visit's length unless duration_minutes is given.
      const bool reschedule = body.contains("date") || body.contains("start_time") || body.contains("duration_minutes");
      if (!status && !reschedule) throw ApiError::validation("status", "field 'status' is required");
      std::optional<std::string> new_date;
      if (body.contains("date")) new_date = require_date(body);
      std::optional<int> new_start;
      if (auto t = optional_text(body, "start_time", 16)) new_start = parse_time_of_day(*t);
      std::optional<int> new_duration;
      if (body.contains("duration_minutes")) new_duration = duration_of(body);
      const auto scope = caller_scope(ctx);
      return idempotent_write(
          *deps.db, req, scope, "PATCH /api/v1/appointments/" + std::to_string(id), [&](store::Tx& tx) {
            store::AppointmentRepository appointments(tx);
            std::optional<store::Appointment> current = appointments.get(scope, id);
            if (!current) throw ApiError::not_found("Appointment not found");
            ev.tenant = current->tenant_id;
            std::string details;
            if (reschedule) {
              // What the body leaves out comes from the stored visit ("YYYY-MM-DD HH:MM:SS").
              const bool stored_ok = current->start_time.size() >= 16;
              const std::string date = new_date ? *new_date : stored_ok ? current->start_time.substr(0, 10) : local_date(1);
              const int start = new_start ? *new_start : stored_ok ? minute_of_day(current->start_time) : 9 * 60;
              const int duration = new_duration ? *new_duration : minutes_between(current->start_time, current->end_time);
              current = appointments.reschedule(scope, id, timestamp(date, start), timestamp(date, start + duration));
              details = "Rescheduled appointment " + std::to_string(id) + " to " + current->start_time.substr(0, 16);
            }
            if (status) {
              auto change = appointments.set_status(scope, id, *status);
              current = change->appointment;
              details += std::string(details.empty() ? "" : "; ") + "Updated appointment " + std::to_string(id) +
                         " status to " + *status;
            }
            ev.details = details;
            audit(tx, actor, ev);
            return json::ok(appointment_json(*current));
          });
    });
  });
}

}  // namespace aurixa::orchestration::admin
