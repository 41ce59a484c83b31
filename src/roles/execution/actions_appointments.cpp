// Appointment actions: get_appointments, get_availability, create/reschedule/cancel_appointment.
// Booking takes only slots the tenant offers (availability_slots) that are still free; the provider's
// lock is taken before the slot check, so the check and the insert see the same state on both back-ends.
#include "core/error.hpp"
#include "roles/execution/actions.hpp"
#include "store/appointments.hpp"
#include "store/availability.hpp"
#include "store/slot_booking.hpp"

namespace aurixa::execution::detail {
namespace {

std::string confirmation(store::Id id) { return "APT-" + std::to_string(id); }

void put_appointment(ExecuteResult& r, const store::Appointment& a) {
  r.data["appointment_id"] = std::to_string(a.id);
  r.data["confirmation"] = confirmation(a.id);
  r.data["date"] = a.start_time.substr(0, 10);
  r.data["time"] = a.start_time.substr(11, 5);
  r.data["provider"] = a.provider_name;
  r.data["reason"] = a.reason.value_or("");
  r.data["status"] = a.status;
  r.data["patient_id"] = std::to_string(a.patient_id);
  r.data["tenant_id"] = std::to_string(a.tenant_id);
}

// The provider's spelling as the tenant's slots have it (case-insensitive match), or the input.
std::string canonical_provider(const std::vector<store::AvailabilitySlot>& day, const std::string& provider) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const auto want = lower(provider);
  for (const auto& s : day)
    if (lower(s.provider_name) == want) return s.provider_name;
  return provider;
}

// The free slot of `provider` at date+time, under the provider's booking lock; refuses with alternatives
// when the tenant does not offer it or it is taken.
store::AvailabilitySlot take_slot(Env& env, store::Id tenant, const std::string& date, const std::string& time,
                                  const std::string& provider, bool same_provider_only) {
  if (date + " " + time <= local_minute(env.now))
    throw refuse("invalid_params", "The time " + date + " " + time + " is in the past.", "start_time");
  if (auto slot = store::lock_free_slot(env.tx, tenant, date, time, provider)) return *slot;
  ExecuteResult r;
  r.status = "error";
  r.error_code = "slot_taken";
  r.error_field = "start_time";
  r.message = provider + " is not available on " + pretty_time(date + " " + time, false) + ".";
  r.data = {{"date", date}, {"time", time}, {"provider", provider}};
  throw Refused(std::move(r), OptionQuery{tenant, date, time, provider, same_provider_only});
}

}  // namespace

ExecuteResult get_appointments(Env& env) {
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID: {}");
  auto ref = resolve_patient(env, pid);
  auto rows = store::AppointmentRepository(env.tx).upcoming_for_patient(store::Scope::tenant(ref.tenant), pid,
                                                                        utc_timestamp(env.now), 10);
  ExecuteResult r;
  r.data["patient_id"] = std::to_string(pid);
  r.data["tenant_id"] = std::to_string(ref.tenant);
  r.data["count"] = std::to_string(rows.size());
  if (rows.empty()) {
    r.message = "No upcoming appointments found.";
    return r;
  }
  r.message = "Upcoming appointments:";
  std::string ids;
  for (const auto& a : rows) {
    r.message += "\n- " + pretty_time(a.start_time, true) + ": " + a.provider_name + " (" + a.reason.value_or("Visit") +
                 ") [" + a.status + "]";
    ids += (ids.empty() ? "" : ",") + std::to_string(a.id);
  }
  r.data["appointment_ids"] = ids;
  r.data["next_appointment_id"] = std::to_string(rows.front().id);
  r.data["next_date"] = rows.front().start_time.substr(0, 10);
  r.data["next_time"] = rows.front().start_time.substr(11, 5);
  r.data["next_provider"] = rows.front().provider_name;
  return r;
}

ExecuteResult get_availability(Env& env) {
  const std::string date = date_param(env, "date", param(env, "slot_date").value_or("tomorrow"));
  const auto provider = text_param(env, "provider_name", 255);
  const store::Id tenant = resolve_tenant(env);
  auto free = store::AvailabilityRepository(env.tx).free_slots(store::Scope::tenant(tenant), date);
  const std::string now_minute = local_minute(env.now);
  ExecuteResult r;
  r.data["date"] = date;
  r.data["tenant_id"] = std::to_string(tenant);
  std::string lines;
  std::size_t shown = 0, total = 0;
  std::string provider_name = provider ? canonical_provider(free, *provider) : "";
  for (const auto& s : free) {
    if (date + " " + s.start_time <= now_minute) continue;  // already started
    if (provider && s.provider_name != provider_name) continue;
    ++total;
    if (shown < 10) {
      lines += "\n- " + s.start_time + " with " + s.provider_name;
      r.options.push_back({date, s.start_time, s.provider_name});
      ++shown;
    }
  }
  r.data["count"] = std::to_string(total);
  if (provider) r.data["provider"] = provider_name;
  if (total > 0) {
    r.message = "Available slots for " + date + ":" + lines;
    return r;
  }
  // No canned slots (the original invented some: D12): say so and offer the next free ones.
  r.message = "No available slots for " + date + (provider ? " with " + provider_name : "") + ".";
  r.options =
      nearest_free_slots(env.tx, {tenant, add_days(date, 1), "09:00", provider_name, provider.has_value()}, env.now);
  if (!r.options.empty()) r.message += " Next available: " + describe_options(r.options) + ".";
  return r;
}

ExecuteResult create_appointment(Env& env) {
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID.");
  const std::string date = date_param(env, "date", param(env, "slot_date").value_or("tomorrow"));
  const std::string time = time_param(env, "start_time", "09:00");
  const std::string reason = text_param(env, "reason", 500).value_or("General visit");
  const std::string asked_provider = text_param(env, "provider_name", 255).value_or("Dr. Adams");
  auto ref = resolve_patient(env, pid);
  const auto scope = store::Scope::tenant(ref.tenant);
  const std::string provider =
      canonical_provider(store::AvailabilityRepository(env.tx).slots(scope, date), asked_provider);
  auto slot = take_slot(env, ref.tenant, date, time, provider, false);

  store::NewAppointment n{ref.tenant, pid,   date + " " + slot.start_time + ":00", date + " " + slot.end_time + ":00",
                          provider,   reason};
  store::Appointment a;
  try {
    a = store::AppointmentRepository(env.tx).book(scope, n);
  } catch (const ApiError& e) {
    if (e.errc() != Errc::conflict) throw;
    // Only reachable if the slot check above were bypassed; handled the same way.
    throw Refused(refuse("slot_taken", provider + " is not available then.", "start_time").result,
                  OptionQuery{ref.tenant, date, time, provider, false});
  }
  audit(env, ref.tenant, "appointment", std::to_string(a.id),
        "Created appointment " + confirmation(a.id) + " for patient " + std::to_string(pid) + ": " + reason + " with " +
            provider);
  ExecuteResult r;
  r.message = "Appointment created for " + reason + ". Confirmation: " + confirmation(a.id) + ". " +
              pretty_time(a.start_time, false) + " with " + provider + ".";
  put_appointment(r, a);
  return r;
}

// The appointment, which must belong to the patient when patient_id is given; otherwise "not found".
store::Appointment appointment_for(Env& env, store::Id appointment_id, std::optional<store::Id> patient_id) {
  const auto scope = env.ctx.tenant_id ? store::Scope::tenant(*env.ctx.tenant_id) : store::Scope::platform();
  auto a = store::AppointmentRepository(env.tx).get(scope, appointment_id);
  if (!a || (patient_id && a->patient_id != *patient_id))
    throw refuse("not_found", "Appointment " + confirmation(appointment_id) + " not found.", "appointment_id");
  return *a;
}

store::Id appointment_id_param(const Env& env) {
  auto raw = param(env, "appointment_id");
  // The confirmation text ("APT-12") is accepted as well as the number.
  if (raw && (raw->starts_with("APT-") || raw->starts_with("apt-"))) {
    std::map<std::string, std::string> one{{"appointment_id", raw->substr(4)}};
    Env copy{env.tx, one, env.ctx, env.now, env.actor, env.audit_action};
    return id_param(copy, "appointment_id", "Appointment ID required.", "Invalid appointment ID: APT-{}");
  }
  return id_param(env, "appointment_id", "Appointment ID required.", "Invalid appointment ID: {}");
}

ExecuteResult reschedule_appointment(Env& env) {
  const auto id = appointment_id_param(env);
  const auto pid = optional_id_param(env, "patient_id");
  if (!param(env, "date") && !param(env, "new_date") && !param(env, "slot_date"))
    throw refuse("invalid_params", "A new date is required.", "date");
  const std::string date =
      date_param(env, param(env, "new_date") ? "new_date" : "date", param(env, "slot_date").value_or(""));
  if (!param(env, "start_time") && !param(env, "new_time"))
    throw refuse("invalid_params", "A new start time is required.", "start_time");
  const std::string time = time_param(env, param(env, "new_time") ? "new_time" : "start_time", "");
  if (pid) resolve_patient(env, *pid);
  auto current = appointment_for(env, id, pid);
  if (current.status == "completed" || current.status == "cancelled")
    throw refuse("conflict",
                 "Appointment " + confirmation(id) + " is " + current.status + " and cannot be rescheduled.",
                 "appointment_id");
  auto slot = take_slot(env, current.tenant_id, date, time, current.provider_name, true);
  const std::string old_start = current.start_time;
  std::optional<store::Appointment> moved;
  try {
    moved = store::AppointmentRepository(env.tx).reschedule(store::Scope::tenant(current.tenant_id), id,
                                                            date + " " + slot.start_time + ":00",
                                                            date + " " + slot.end_time + ":00");
  } catch (const ApiError& e) {
    if (e.errc() != Errc::conflict) throw;
    throw Refused(refuse("slot_taken", current.provider_name + " is not available then.", "start_time").result,
                  OptionQuery{current.tenant_id, date, time, current.provider_name, true});
  }
  audit(env, current.tenant_id, "appointment", std::to_string(id),
        "Rescheduled appointment " + confirmation(id) + " of patient " + std::to_string(current.patient_id) + " from " +
            old_start.substr(0, 16) + " to " + moved->start_time.substr(0, 16) + " with " + current.provider_name);
  ExecuteResult r;
  r.message = "Appointment " + confirmation(id) + " rescheduled to " + pretty_time(moved->start_time, false) +
              " with " + moved->provider_name + ".";
  put_appointment(r, *moved);
  r.data["previous_date"] = old_start.substr(0, 10);
  r.data["previous_time"] = old_start.substr(11, 5);
  return r;
}

ExecuteResult cancel_appointment(Env& env) {
  const auto id = appointment_id_param(env);
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID: {}");
  resolve_patient(env, pid);
  auto current = appointment_for(env, id, pid);
  if (current.status == "cancelled")
    throw refuse("conflict", "Appointment " + confirmation(id) + " is already cancelled.", "appointment_id");
  if (!store::appointment_transition_allowed(current.status, "cancelled"))
    throw refuse("conflict", "Appointment " + confirmation(id) + " is " + current.status + " and cannot be cancelled.",
                 "appointment_id");
  auto change =
      store::AppointmentRepository(env.tx).set_status(store::Scope::tenant(current.tenant_id), id, "cancelled");
  audit(env, current.tenant_id, "appointment", std::to_string(id),
        "Cancelled appointment " + confirmation(id) + " of patient " + std::to_string(pid) + " (" +
            current.start_time.substr(0, 16) + " with " + current.provider_name + ")");
  ExecuteResult r;
  r.message = "Appointment " + confirmation(id) + " on " + pretty_time(current.start_time, false) + " with " +
              current.provider_name + " has been cancelled.";
  put_appointment(r, change->appointment);
  return r;
}

}  // namespace aurixa::execution::detail
