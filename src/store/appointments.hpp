#pragma once
// Appointments. Booking is the one place where concurrency matters: book() checks and inserts in the
// caller's write transaction under a per-provider lock, and the unique index on (tenant, provider,
// start_time) of active visits is the backstop, so one slot is booked at most once on either back-end.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct NewAppointment {
  Id tenant_id = 0;
  Id patient_id = 0;
  std::string start_time;  // YYYY-MM-DD HH:MM:SS
  std::string end_time;    // after start_time
  std::string provider_name;
  std::optional<std::string> reason;
};

struct AppointmentFilter {
  std::optional<std::string> date_from;  // YYYY-MM-DD, inclusive
  std::optional<std::string> date_to;    // YYYY-MM-DD, inclusive (to 23:59:59)
  std::optional<Id> patient_id;
  std::optional<std::string> status;
  std::optional<std::string> provider_name;
};

struct StatusChange {
  Appointment appointment;  // after the change
  std::string previous_status;
};

// confirmed, checked_in, in_room, completed, cancelled (the original's set).
const std::vector<std::string>& appointment_statuses();
bool is_appointment_status(std::string_view s);
// Visits move forward (confirmed -> checked_in -> in_room -> completed) or are cancelled before the
// patient is in the room; completed and cancelled are final. Same-status "changes" are allowed no-ops.
bool appointment_transition_allowed(std::string_view from, std::string_view to);

class AppointmentRepository {
 public:
  explicit AppointmentRepository(Tx& tx) : tx_(tx) {}

  // Newest start first.
  std::vector<Appointment> list(const Scope& scope, const AppointmentFilter& filter, const Page& page);
  // A patient's appointments, all statuses, newest start first.
  std::vector<Appointment> for_patient(const Scope& scope, Id patient_id, const Page& page);
  // Not cancelled and starting at or after `from`, soonest first.
  std::vector<Appointment> upcoming_for_patient(const Scope& scope, Id patient_id, const std::string& from,
                                                std::int64_t limit);
  std::optional<Appointment> get(const Scope& scope, Id id);

  // Errors (ApiError): patient not visible in scope -> 404; appointment tenant differs from the patient's
  // -> 422 tenant_id; the provider already has an active visit overlapping [start, end) -> 409.
  Appointment book(const Scope& scope, const NewAppointment& a);
  // nullopt when not visible. Disallowed transition -> ApiError 409; unknown status -> 422.
  std::optional<StatusChange> set_status(const Scope& scope, Id id, const std::string& status);
  // Moves a visit to a new time (same provider); 409 when the new time overlaps another active visit.
  std::optional<Appointment> reschedule(const Scope& scope, Id id, const std::string& start_time,
                                        const std::string& end_time);
  std::int64_t count(const Scope& scope);

 private:
  // Throws 409 when the provider has an active visit overlapping [start, end), ignoring `except`.
  void ensure_free(Id tenant_id, const std::string& provider, const std::string& start, const std::string& end,
                   Id except);
  Tx& tx_;
};

}  // namespace aurixa::store
