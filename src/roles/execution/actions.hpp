#pragma once
// Internal to the execution role: what an action handler receives, how it refuses, and the helpers the
// handlers share (parameter parsing, patient/tenant resolution, dates, alternative slots, audit).
//
// A handler runs inside one store transaction (a write transaction for actions that write). It returns
// the success result, or throws Refused: the transaction then rolls back, so a refused action writes
// nothing, and ExecutionService turns the refusal into a status "error" result (and audits it).
#include <ctime>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/context.hpp"
#include "roles/execution/api.hpp"
#include "store/model.hpp"

namespace aurixa::store {
class Tx;
}

namespace aurixa::execution::detail {

// Where to look for alternatives when a requested slot cannot be booked.
struct OptionQuery {
  store::Id tenant = 0;
  std::string date;      // YYYY-MM-DD
  std::string time;      // HH:MM
  std::string provider;  // preferred provider
  bool same_provider_only = false;
};

class Refused : public std::exception {
 public:
  explicit Refused(ExecuteResult r, std::optional<OptionQuery> q = std::nullopt)
      : result(std::move(r)), options_for(std::move(q)) {}
  const char* what() const noexcept override { return "action refused"; }
  ExecuteResult result;
  std::optional<OptionQuery> options_for;  // filled in after the rollback, from a fresh read
};

Refused refuse(std::string code, std::string message, std::string field = {});

struct Env {
  store::Tx& tx;
  const std::map<std::string, std::string>& params;
  const CallContext& ctx;
  std::time_t now;           // wall clock of this call
  std::string actor;         // who acts, for audit rows and created_by
  std::string audit_action;  // e.g. "Appointment Created" (the action's audit label)
};

// ---- parameters ----
// Trimmed value; nullopt when absent or blank.
std::optional<std::string> param(const Env& env, std::string_view key);
// Text of at most max_len bytes (invalid_params naming key otherwise).
std::optional<std::string> text_param(const Env& env, std::string_view key, std::size_t max_len);
// A positive integer id: missing -> refuse(missing_message); not a positive integer -> refuse(invalid_message)
// where "{}" in invalid_message is replaced by the given value.
store::Id id_param(const Env& env, std::string_view key, std::string_view missing_message,
                   std::string_view invalid_message);
std::optional<store::Id> optional_id_param(const Env& env, std::string_view key);
// "today", "tomorrow" or a real YYYY-MM-DD (server-local calendar, like the seeded slots); default when
// absent. Anything else -> invalid_params naming key (the original silently used today: D14).
std::string date_param(const Env& env, std::string_view key, std::string_view fallback);
// HH:MM (also H:MM), 00:00-23:59; default when absent.
std::string time_param(const Env& env, std::string_view key, std::string_view fallback);

// ---- who and for which tenant ----
struct PatientRef {
  store::Patient patient;
  store::Id tenant = 0;
};
// The patient, visible to the caller: ctx.tenant_id scopes the lookup (another tenant's patient is "not
// found"); without a tenant in the context the patient's own tenant is used. A tenant_id parameter must
// agree with both.
PatientRef resolve_patient(const Env& env, store::Id patient_id);
// The tenant of a call without a patient: the context's, else the tenant_id parameter, else 1 (the original).
store::Id resolve_tenant(const Env& env);

// ---- time ----
std::string local_date(std::time_t t, int days_ahead = 0);  // YYYY-MM-DD
std::string local_minute(std::time_t t);                    // YYYY-MM-DD HH:MM
std::string utc_timestamp(std::time_t t);                   // YYYY-MM-DD HH:MM:SS
std::string add_days(const std::string& date, int days);
// "YYYY-MM-DD HH:MM[:SS]" -> "Thu Aug 20, 2026 at 09:00 AM" (with_year) or "Thu Aug 20 at 09:00 AM".
std::string pretty_time(const std::string& stamp, bool with_year);

// ---- slots ----
// Up to `limit` free slots nearest to the query: the same provider first, then any provider, that day
// then the following days (up to 14), never in the past. Read-only.
std::vector<Option> nearest_free_slots(store::Tx& tx, const OptionQuery& q, std::time_t now, std::size_t limit = 3);
std::string describe_options(const std::vector<Option>& options);

// ---- audit ----
// Appends the action's audit row inside the handler's transaction (atomic with the write).
void audit(const Env& env, store::Id tenant, std::string_view resource_type, std::string_view resource_id,
           std::string details);
store::AuditEntry audit_entry(const CallContext& ctx, const std::string& actor, std::string action,
                              std::optional<store::Id> tenant, std::string details, std::string outcome);

// ---- the actions ----
ExecuteResult get_appointments(Env& env);
ExecuteResult create_appointment(Env& env);
ExecuteResult reschedule_appointment(Env& env);
ExecuteResult cancel_appointment(Env& env);
ExecuteResult get_availability(Env& env);
ExecuteResult check_insurance(Env& env);
ExecuteResult request_prescription_refill(Env& env);
ExecuteResult handoff_to_staff(Env& env);
ExecuteResult log_audit(Env& env);
ExecuteResult send_email(Env& env);
ExecuteResult schedule_reminder(Env& env);

}  // namespace aurixa::execution::detail
