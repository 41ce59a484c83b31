// Staff-facing actions: handoff_to_staff, send_email and schedule_reminder create rows in staff_tasks
// (the hospital portal's work queue; nothing claims a message was delivered), log_audit appends an audit row.
#include "roles/execution/actions.hpp"
#include "store/audit.hpp"
#include "store/tasks.hpp"

namespace aurixa::execution::detail {
namespace {

std::string task_ref(store::Id id) { return "TASK-" + std::to_string(id); }

std::string priority_param(const Env& env) {
  auto p = param(env, "priority").value_or("normal");
  for (auto& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!store::is_task_priority(p))
    throw refuse("invalid_params", "priority must be one of: low, normal, high, urgent.", "priority");
  return p;
}

bool looks_like_email(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('@', at + 1) == std::string::npos &&
         e.find('.', at) != std::string::npos && e.back() != '.' && e.find_first_of(" \t\r\n") == std::string::npos;
}

// The patient (optional) and the tenant the task belongs to.
std::pair<std::optional<store::Id>, store::Id> task_owner(Env& env) {
  if (auto pid = optional_id_param(env, "patient_id")) {
    auto ref = resolve_patient(env, *pid);
    return {*pid, ref.tenant};
  }
  return {std::nullopt, resolve_tenant(env)};
}

ExecuteResult task_result(const store::StaffTask& t, std::string message) {
  ExecuteResult r;
  r.message = std::move(message);
  r.data = {{"task_id", std::to_string(t.id)},
            {"task_ref", task_ref(t.id)},
            {"kind", t.kind},
            {"status", t.status},
            {"priority", t.priority},
            {"tenant_id", std::to_string(t.tenant_id)}};
  if (t.patient_id) r.data["patient_id"] = std::to_string(*t.patient_id);
  if (t.due_at) r.data["due_at"] = *t.due_at;
  return r;
}

store::StaffTask create_task(Env& env, store::StaffTask t) {
  t.created_by = env.actor;
  return store::StaffTaskRepository(env.tx).create(store::Scope::tenant(t.tenant_id), t);
}

}  // namespace

ExecuteResult handoff_to_staff(Env& env) {
  auto reason = text_param(env, "reason", 255);
  const auto summary = text_param(env, "summary", 4000);
  if (!reason && !summary) throw refuse("invalid_params", "A reason for the handoff is required.", "reason");
  const auto session = text_param(env, "session_id", 128);
  const auto priority = priority_param(env);
  auto [patient, tenant] = task_owner(env);
  store::StaffTask t;
  t.tenant_id = tenant;
  t.patient_id = patient;
  t.kind = "handoff";
  t.priority = priority;
  t.title = reason ? *reason : summary->substr(0, 120);
  t.details = summary;
  t.session_id = session;
  auto row = create_task(env, t);
  audit(env, tenant, "staff_task", std::to_string(row.id),
        "Handoff " + task_ref(row.id) + " (" + priority + ") created" +
            (patient ? " for patient " + std::to_string(*patient) : "") + ": " + row.title);
  auto r = task_result(row, "I've passed this to our staff (reference " + task_ref(row.id) +
                                "). A team member will follow up with you.");
  if (session) r.data["session_id"] = *session;
  return r;
}

ExecuteResult send_email(Env& env) {
  const auto recipient = text_param(env, "recipient", 320);
  if (!recipient) throw refuse("invalid_params", "Recipient required.", "recipient");
  if (!looks_like_email(*recipient))
    throw refuse("invalid_params", "Invalid recipient '" + *recipient + "'.", "recipient");
  const auto subject = text_param(env, "subject", 255).value_or("(no subject)");
  const auto body = text_param(env, "body", 20000);
  auto [patient, tenant] = task_owner(env);
  store::StaffTask t;
  t.tenant_id = tenant;
  t.patient_id = patient;
  t.kind = "email";
  t.title = subject;
  t.details = body;
  t.recipient = recipient;
  auto row = create_task(env, t);
  audit(env, tenant, "staff_task", std::to_string(row.id),
        "Email " + task_ref(row.id) + " queued with subject '" + subject + "'");
  auto r = task_result(row, "Email queued to " + *recipient + " with subject '" + subject + "'.");
  r.data["recipient"] = *recipient;
  r.data["subject"] = subject;
  return r;
}

ExecuteResult schedule_reminder(Env& env) {
  const auto pid = id_param(env, "patient_id", "Patient ID required.", "Invalid patient ID: {}");
  const auto message = text_param(env, "message", 1000);
  std::optional<std::string> due;
  if (param(env, "date") || param(env, "time")) {
    const auto date = date_param(env, "date", "tomorrow");
    const auto time = time_param(env, "time", "09:00");
    due = date + " " + time + ":00";
  }
  auto ref = resolve_patient(env, pid);
  store::StaffTask t;
  t.tenant_id = ref.tenant;
  t.patient_id = pid;
  t.kind = "reminder";
  t.title = message ? message->substr(0, 255) : "Reminder for " + ref.patient.full_name;
  t.details = message;
  t.due_at = due;
  auto row = create_task(env, t);
  audit(env, ref.tenant, "staff_task", std::to_string(row.id),
        "Reminder " + task_ref(row.id) + " scheduled for patient " + std::to_string(pid) +
            (due ? " at " + due->substr(0, 16) : ""));
  return task_result(row, "Reminder scheduled for patient " + std::to_string(pid) + ".");
}

ExecuteResult log_audit(Env& env) {
  const auto service = text_param(env, "service", 255).value_or("Execution Engine");
  const auto action = text_param(env, "action", 255).value_or("Custom Audit");
  const auto severity = param(env, "severity").value_or("info");
  if (severity != "info" && severity != "warning" && severity != "error")
    throw refuse("invalid_params", "severity must be one of: info, warning, error.", "severity");
  std::string details;
  if (auto d = text_param(env, "details", 4000)) {
    details = *d;
  } else {  // the original: str(params)
    for (const auto& [k, v] : env.params) details += (details.empty() ? "" : ", ") + k + "=" + v;
  }
  // A caller-chosen user label only for unauthenticated internal calls; never over a real principal.
  const auto user = env.actor == "system" ? param(env, "user").value_or(env.actor) : env.actor;
  auto e = audit_entry(env.ctx, user, action,
                       env.ctx.tenant_id ? env.ctx.tenant_id : optional_id_param(env, "tenant_id"), details, "success");
  e.service = service;
  e.severity = severity;
  auto id = store::AuditRepository(env.tx).record(e);
  ExecuteResult r;
  r.message = "Audit entry recorded.";
  r.data["audit_id"] = std::to_string(id);
  return r;
}

}  // namespace aurixa::execution::detail
