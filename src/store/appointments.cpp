#include "store/appointments.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "store/patients.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, patient_id, start_time, end_time, provider_name, reason, status, created_at "
    "FROM appointments";

std::vector<Appointment> fetch(Tx& tx, Query& q) {
  Appointment a;
  auto st = q.prepare(tx, soci::into(a.id), soci::into(a.tenant_id), soci::into(a.patient_id), soci::into(a.start_time),
                      soci::into(a.end_time), soci::into(a.provider_name), soci::into(a.reason), soci::into(a.status),
                      soci::into(a.created_at));
  std::vector<Appointment> out;
  while (st.fetch()) out.push_back(a);
  return out;
}

int stage(std::string_view s) {
  const auto& all = appointment_statuses();  // confirmed, checked_in, in_room, completed, cancelled
  return static_cast<int>(std::find(all.begin(), all.end(), s) - all.begin());
}

}  // namespace

const std::vector<std::string>& appointment_statuses() {
  static const std::vector<std::string> kStatuses = {"confirmed", "checked_in", "in_room", "completed", "cancelled"};
  return kStatuses;
}

bool is_appointment_status(std::string_view s) { return stage(s) < static_cast<int>(appointment_statuses().size()); }

bool appointment_transition_allowed(std::string_view from, std::string_view to) {
  if (!is_appointment_status(from) || !is_appointment_status(to)) return false;
  if (from == to) return true;
  if (from == "completed" || from == "cancelled") return false;
  if (to == "cancelled") return from == "confirmed" || from == "checked_in";
  return stage(to) > stage(from);  // forward along confirmed -> checked_in -> in_room -> completed
}

std::vector<Appointment> AppointmentRepository::list(const Scope& scope, const AppointmentFilter& f, const Page& page) {
  Query q(kColumns);
  q.scope(scope, "tenant_id");
  if (f.date_from) q.where("start_time >= ?", *f.date_from + " 00:00:00");
  if (f.date_to) q.where("start_time <= ?", *f.date_to + " 23:59:59");
  if (f.patient_id) q.where("patient_id = ?", *f.patient_id);
  if (f.status) q.where("status = ?", *f.status);
  if (f.provider_name) q.where("provider_name = ?", *f.provider_name);
  q.order_by("start_time DESC, id DESC").page(page);
  return fetch(tx_, q);
}

std::vector<Appointment> AppointmentRepository::for_patient(const Scope& scope, Id patient_id, const Page& page) {
  Query q(kColumns);
  q.where("patient_id = ?", patient_id).scope(scope, "tenant_id").order_by("start_time DESC, id DESC").page(page);
  return fetch(tx_, q);
}

std::vector<Appointment> AppointmentRepository::upcoming_for_patient(const Scope& scope, Id patient_id,
                                                                     const std::string& from, std::int64_t limit) {
  Query q(kColumns);
  q.where("patient_id = ?", patient_id)
      .where("status <> ?", "cancelled")
      .where("start_time >= ?", from)
      .scope(scope, "tenant_id")
      .order_by("start_time, id")
      .page({limit, 0});
  return fetch(tx_, q);
}

std::optional<Appointment> AppointmentRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

void AppointmentRepository::ensure_free(Id tenant_id, const std::string& provider, const std::string& start,
                                        const std::string& end, Id except) {
  // Bookings of one provider queue here (PostgreSQL advisory lock; SQLite's writer is already exclusive), so
  // the overlap check below sees every committed visit and no two transactions pass it for the same time.
  tx_.lock("appointments:" + std::to_string(tenant_id) + ":" + provider);
  Query q("SELECT COUNT(*) FROM appointments");
  q.where("tenant_id = ?", tenant_id)
      .where("provider_name = ?", provider)
      .where("status <> ?", "cancelled")
      .where("start_time < ?", end)
      .where("end_time > ?", start)
      .where("id <> ?", except);
  if (q.count(tx_) > 0)
    throw ApiError(Errc::conflict, provider + " is already booked at " + start.substr(0, 16), "start_time");
}

Appointment AppointmentRepository::book(const Scope& scope, const NewAppointment& in) {
  tx_.require_write();
  auto patient = PatientRepository(tx_).get(scope, in.patient_id);
  if (!patient) throw ApiError::not_found("Patient not found");
  if (!scope.allows(in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  if (patient->tenant_id && *patient->tenant_id != in.tenant_id)
    throw ApiError::validation("tenant_id", "patient " + std::to_string(in.patient_id) + " does not belong to tenant " +
                                                std::to_string(in.tenant_id));
  if (!(in.start_time < in.end_time)) throw ApiError::validation("end_time", "end_time must be after start_time");
  ensure_free(in.tenant_id, in.provider_name, in.start_time, in.end_time, 0);
  Appointment a;
  a.tenant_id = in.tenant_id;
  a.patient_id = in.patient_id;
  a.start_time = in.start_time;
  a.end_time = in.end_time;
  a.provider_name = in.provider_name;
  a.reason = in.reason;
  a.status = "confirmed";
  a.created_at = tx_.now();
  tx_.sql() << "INSERT INTO appointments (tenant_id, patient_id, start_time, end_time, provider_name, reason, status, "
               "created_at, updated_at) VALUES (:t, :p, :s, :e, :prov, :r, :st, :c, :u) RETURNING id",
      soci::use(a.tenant_id), soci::use(a.patient_id), soci::use(a.start_time), soci::use(a.end_time),
      soci::use(a.provider_name), soci::use(a.reason), soci::use(a.status), soci::use(a.created_at),
      soci::use(a.created_at), soci::into(a.id);
  return a;
}

std::optional<StatusChange> AppointmentRepository::set_status(const Scope& scope, Id id, const std::string& status) {
  tx_.require_write();
  if (!is_appointment_status(status))
    throw ApiError::validation("status",
                               "Unsupported appointment status. Allowed: cancelled, checked_in, completed, confirmed, "
                               "in_room");
  auto current = get(scope, id);
  if (!current) return std::nullopt;
  StatusChange change{*current, current->status};
  if (!appointment_transition_allowed(current->status, status))
    throw ApiError(Errc::conflict, "cannot change appointment status from " + current->status + " to " + status,
                   "status");
  if (current->status == status) return change;
  // Re-activating is impossible (cancelled is final), so a status change never needs the slot check.
  std::string now = tx_.now();
  tx_.sql() << "UPDATE appointments SET status = :s, updated_at = :u WHERE id = :id", soci::use(status), soci::use(now),
      soci::use(id);
  change.appointment.status = status;
  return change;
}

std::optional<Appointment> AppointmentRepository::reschedule(const Scope& scope, Id id, const std::string& start_time,
                                                             const std::string& end_time) {
  tx_.require_write();
  auto current = get(scope, id);
  if (!current) return std::nullopt;
  if (current->status == "completed" || current->status == "cancelled")
    throw ApiError(Errc::conflict, "a " + current->status + " appointment cannot be rescheduled", "status");
  if (!(start_time < end_time)) throw ApiError::validation("end_time", "end_time must be after start_time");
  ensure_free(current->tenant_id, current->provider_name, start_time, end_time, id);
  std::string now = tx_.now();
  tx_.sql() << "UPDATE appointments SET start_time = :s, end_time = :e, updated_at = :u WHERE id = :id",
      soci::use(start_time), soci::use(end_time), soci::use(now), soci::use(id);
  current->start_time = start_time;
  current->end_time = end_time;
  return current;
}

std::int64_t AppointmentRepository::count(const Scope& scope) { return count_in_scope(tx_, "appointments", scope); }

}  // namespace aurixa::store
