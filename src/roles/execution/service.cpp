#include "roles/execution/service.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/json.hpp"
#include "roles/execution/actions.hpp"
#include "roles/execution/codec.hpp"
#include "store/database.hpp"
#include "store/idempotency.hpp"
#include "store/password.hpp"

namespace aurixa::execution {
namespace {

using detail::Env;

struct Action {
  const char* name;
  const char* description;
  const char* schema;  // JSON Schema of params
  bool writes;
  bool audit_reads;          // read actions touching patient data are audited too
  const char* audit_action;  // the audit row's action label
  ExecuteResult (*fn)(Env&);
};

// Parameter schemas. Every value travels as a string on the wire (numbers are accepted and converted).
#define AURIXA_ID R"({"type":["integer","string"],"pattern":"^[0-9]+$"})"
#define AURIXA_DATE R"({"type":"string","description":"YYYY-MM-DD, today or tomorrow"})"
#define AURIXA_TIME R"({"type":"string","pattern":"^[0-9]{1,2}:[0-9]{2}$","description":"HH:MM, 24-hour"})"

const Action kActions[] = {
    {"get_appointments", "Upcoming (future, not cancelled) appointments of a patient, soonest first (at most 10).",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID R"(},"required":["patient_id"]})", false, true,
     "Appointments Viewed", &detail::get_appointments},
    {"create_appointment",
     "Books a free availability slot for a patient. A taken or unoffered slot is refused with error_code slot_taken "
     "and up to three nearest free options.",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID R"(,"date":)" AURIXA_DATE
     R"(,"start_time":)" AURIXA_TIME
     R"(,"provider_name":{"type":"string","default":"Dr. Adams"},"reason":{"type":"string","default":"General visit","maxLength":500},"tenant_id":)" AURIXA_ID
     R"(},"required":["patient_id"]})",
     true, false, "Appointment Created", &detail::create_appointment},
    {"reschedule_appointment", "Moves an appointment to another free slot of the same provider.",
     R"({"type":"object","properties":{"appointment_id":)" AURIXA_ID R"(,"patient_id":)" AURIXA_ID
     R"(,"date":)" AURIXA_DATE R"(,"start_time":)" AURIXA_TIME
     R"(},"required":["appointment_id","date","start_time"]})",
     true, false, "Appointment Rescheduled", &detail::reschedule_appointment},
    {"cancel_appointment", "Cancels a patient's appointment (frees its slot).",
     R"({"type":"object","properties":{"appointment_id":)" AURIXA_ID R"(,"patient_id":)" AURIXA_ID
     R"(},"required":["appointment_id","patient_id"]})",
     true, false, "Appointment Cancelled", &detail::cancel_appointment},
    {"get_availability", "Free slots of a date (at most 10 listed), optionally of one provider.",
     R"({"type":"object","properties":{"date":)" AURIXA_DATE
     R"(,"provider_name":{"type":"string"},"tenant_id":)" AURIXA_ID R"(}})",
     false, false, "Availability Viewed", &detail::get_availability},
    {"check_insurance",
     "The patient's active insurance (primary first; all active policies listed). Records the check.",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID R"(},"required":["patient_id"]})", true, false,
     "Insurance Checked", &detail::check_insurance},
    {"request_prescription_refill",
     "Requests a refill: the prescription must exist, have refills left, not be a controlled substance and have no "
     "refill pending. Uses one refill and records a refill request.",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID
     R"(,"medication_name":{"type":"string"},"prescription_id":)" AURIXA_ID
     R"(,"pharmacy":{"type":"string","maxLength":255}},"required":["patient_id"]})",
     true, false, "Prescription Refill Requested", &detail::request_prescription_refill},
    {"handoff_to_staff", "Creates a staff task (hand-off to a human) shown in the hospital portal.",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID
     R"(,"reason":{"type":"string","maxLength":255},"summary":{"type":"string","maxLength":4000},"session_id":{"type":"string"},"priority":{"type":"string","enum":["low","normal","high","urgent"],"default":"normal"}},"required":["reason"]})",
     true, false, "Staff Handoff Created", &detail::handoff_to_staff},
    {"log_audit", "Appends an audit log entry.",
     R"({"type":"object","properties":{"service":{"type":"string"},"action":{"type":"string"},"user":{"type":"string"},"details":{"type":"string"},"severity":{"type":"string","enum":["info","warning","error"]}}})",
     true, false, "Custom Audit", &detail::log_audit},
    {"send_email", "Queues an e-mail as a staff task (kind email) for sending; nothing is sent by this call.",
     R"({"type":"object","properties":{"recipient":{"type":"string","format":"email"},"subject":{"type":"string"},"body":{"type":"string"},"patient_id":)" AURIXA_ID
     R"(},"required":["recipient"]})",
     true, false, "Email Queued", &detail::send_email},
    {"schedule_reminder", "Schedules a patient reminder as a staff task (kind reminder), optionally due at a time.",
     R"({"type":"object","properties":{"patient_id":)" AURIXA_ID R"(,"date":)" AURIXA_DATE R"(,"time":)" AURIXA_TIME
     R"(,"message":{"type":"string","maxLength":1000}},"required":["patient_id"]})",
     true, false, "Reminder Scheduled", &detail::schedule_reminder},
};

#undef AURIXA_ID
#undef AURIXA_DATE
#undef AURIXA_TIME

const Action* find_action(std::string_view name) {
  for (const auto& a : kActions)
    if (name == a.name) return &a;
  return nullptr;
}

std::string actor_of(const ExecuteRequest& req, const CallContext& ctx) {
  if (!ctx.principal.id.empty() && ctx.principal.id != "anonymous") return ctx.principal.id;
  return req.actor.empty() ? "system" : req.actor;
}

// Length-prefixed, so no choice of keys and values can make two different requests hash alike.
std::string request_hash(const ExecuteRequest& r) {
  std::string s = std::to_string(r.action_name.size()) + ":" + r.action_name;
  for (const auto& [k, v] : r.params)
    s += "|" + std::to_string(k.size()) + ":" + k + std::to_string(v.size()) + ":" + v;
  return store::sha256_hex(s);
}

std::string outcome_of(const std::string& code) {
  if (code == "invalid_params") return "invalid";
  if (code == "not_found" || code == "no_insurance") return "not_found";
  return "conflict";
}

ExecuteResult from_store_error(const ApiError& e) {
  ExecuteResult r;
  r.status = "error";
  r.message = std::string(e.detail());
  r.error_field = e.field();
  switch (e.errc()) {
    case Errc::not_found:
      r.error_code = "not_found";
      break;
    case Errc::conflict:
      r.error_code = "conflict";
      break;
    default:
      r.error_code = "invalid_params";
  }
  return r;
}

}  // namespace

ExecutionService::ExecutionService(store::Database& db, ExecutionOptions options)
    : db_(db), audit_log_(db), options_(std::move(options)) {
  if (!options_.clock) options_.clock = [] { return std::time(nullptr); };
}

std::vector<ActionInfo> ExecutionService::actions() {
  std::vector<ActionInfo> out;
  for (const auto& a : kActions) out.push_back({a.name, a.description, a.schema, a.writes});
  return out;
}

ExecuteResult ExecutionService::execute(const ExecuteRequest& request, const CallContext& ctx) {
  const Action* action = find_action(request.action_name);
  if (!action) throw ApiError(Errc::not_found, "Action '" + request.action_name + "' not found.");
  const std::string& key = request.idempotency_key;
  if (key.size() > 255) throw ApiError::validation("idempotency_key", "idempotency_key must be at most 255 characters");
  const std::time_t now = options_.clock();
  const std::string actor = actor_of(request, ctx);
  auto run = [&](store::Tx& tx) {
    Env env{tx, request.params, ctx, now, actor, action->audit_action};
    return action->fn(env);
  };
  auto audit_refusal = [&](const ExecuteResult& r) {
    if (!action->writes && !action->audit_reads) return;
    auto tenant = ctx.tenant_id;
    if (auto it = r.data.find("tenant_id"); it != r.data.end()) tenant = std::stoll(it->second);
    try {
      audit_log_.append(detail::audit_entry(ctx, actor, action->audit_action, tenant,
                                            "Refused " + request.action_name + ": " + r.message,
                                            outcome_of(r.error_code)));
    } catch (const std::exception&) {  // the store itself failed: the caller still gets the refusal
    }
  };

  try {
    if (!action->writes) {
      // Reads ignore idempotency keys: there is nothing to do twice.
      auto r = db_.read(run);
      if (action->audit_reads) {
        auto tenant = ctx.tenant_id;
        if (auto it = r.data.find("tenant_id"); it != r.data.end()) tenant = std::stoll(it->second);
        std::string details = request.action_name;
        if (auto it = r.data.find("patient_id"); it != r.data.end()) details += " for patient " + it->second;
        audit_log_.append(detail::audit_entry(ctx, actor, action->audit_action, tenant, details, "success"));
      }
      return r;
    }
    const auto scope = ctx.tenant_id ? store::Scope::tenant(*ctx.tenant_id) : store::Scope::platform();
    const std::string route = "execute";
    return db_.write([&](store::Tx& tx) {
      store::IdempotencyRepository keys(tx);
      std::string hash;
      if (!key.empty()) {
        hash = request_hash(request);
        if (auto stored = keys.claim(scope, route, key)) {
          if (stored->request_hash != hash)
            throw ApiError::validation("idempotency_key",
                                       "idempotency_key was already used with a different action or parameters");
          auto replay = codec::parse_result(json::parse_object(stored->body));
          replay.replayed = true;
          return replay;
        }
      }
      auto r = run(tx);
      if (!key.empty()) keys.save(scope, route, key, {hash, 200, aurixa::json::serialize(codec::to_json(r))});
      return r;
    });
  } catch (detail::Refused& refused) {
    auto r = std::move(refused.result);
    if (refused.options_for) {
      // After the rollback, from a fresh read: what is free now.
      r.options = db_.read([&](store::Tx& tx) { return detail::nearest_free_slots(tx, *refused.options_for, now); });
      r.message += r.options.empty() ? " No other free slots were found in the next two weeks."
                                     : " Available instead: " + detail::describe_options(r.options) + ".";
    }
    audit_refusal(r);
    return r;
  } catch (const ApiError& e) {
    // The store refused (constraint, foreign key, conflict): a result the caller can explain, not a 5xx.
    if (e.field() == "idempotency_key" || e.errc() == Errc::unavailable || e.errc() == Errc::internal) throw;
    if (e.errc() != Errc::conflict && e.errc() != Errc::not_found && e.errc() != Errc::validation) throw;
    auto r = from_store_error(e);
    audit_refusal(r);
    return r;
  }
}

}  // namespace aurixa::execution
