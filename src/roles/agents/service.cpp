#include "roles/agents/service.hpp"

#include <functional>

#include "core/error.hpp"
#include "roles/agents/planner.hpp"
#include "roles/agents/state.hpp"
#include "roles/agents/store_clinic.hpp"
#include "store/conversations.hpp"
#include "store/database.hpp"
#include "store/patients.hpp"
#include "store/tenants.hpp"

namespace aurixa::agents {

AgentService::AgentService(store::Database& db, std::function<std::shared_ptr<execution::Api>()> execution,
                           IntentFn classify)
    : db_(db), execution_(std::move(execution)), classify_(std::move(classify)) {}

std::mutex& AgentService::session_lock(const std::string& session_id) {
  return locks_[std::hash<std::string>{}(session_id) % locks_.size()];
}

namespace {

struct Who {
  std::int64_t tenant = 1;
  std::optional<std::int64_t> patient;
  std::string time_zone = "UTC";
};

// The tenant and patient a turn acts for. A patient principal always acts for itself; a tenant-bound
// caller only within its tenant; an open (auth off) caller for the patient's own tenant.
Who resolve(store::Database& db, const RunRequest& req, const CallContext& ctx) {
  Who w;
  w.patient = req.patient_id;
  if (ctx.principal.role == "patient") {
    if (!ctx.principal.patient_id) throw ApiError(Errc::forbidden, "This account is not linked to a patient record");
    if (req.patient_id && *req.patient_id != *ctx.principal.patient_id)
      throw ApiError(Errc::forbidden, "A patient may only act for their own record", "patient_id");
    w.patient = ctx.principal.patient_id;
  }
  db.read([&](store::Tx& tx) {
    std::optional<std::int64_t> tenant = ctx.tenant_id ? ctx.tenant_id : req.tenant_id;
    if (w.patient) {
      const auto scope = tenant ? store::Scope::tenant(*tenant) : store::Scope::platform();
      const auto p = store::PatientRepository(tx).get(scope, *w.patient);
      if (!p) throw ApiError(Errc::not_found, "Patient " + std::to_string(*w.patient) + " not found", "patient_id");
      if (!tenant) tenant = p->tenant_id;
    }
    w.tenant = tenant.value_or(1);
    if (const auto t = store::TenantRepository(tx).get(store::Scope::platform(), w.tenant)) w.time_zone = t->time_zone;
  });
  return w;
}

}  // namespace

RunResult AgentService::run(const RunRequest& req, const CallContext& ctx) {
  if (req.prompt.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::validation("prompt", "prompt must not be empty");
  const Who who = resolve(db_, req, ctx);
  TurnInput in{req.prompt, req.intent, req.confidence, who.patient, req.session_id, req.standalone_intent,
               req.standalone_confidence};
  if (in.intent.empty() && classify_) std::tie(in.intent, in.confidence) = classify_(req.prompt);
  auto clinic = make_store_clinic(db_, who.tenant, who.time_zone, execution_ ? execution_() : nullptr, ctx);

  if (req.session_id.empty()) {  // one-shot: no state survives the call
    DialogueState st;
    return plan_turn(st, in, *clinic);
  }
  std::lock_guard lock(session_lock(req.session_id));
  const auto scope = store::Scope::tenant(who.tenant);
  const auto conv = db_.write([&](store::Tx& tx) {
    store::SessionStart start{req.session_id, who.tenant, who.patient, std::nullopt, std::nullopt};
    return store::ConversationRepository(tx).open(scope, start);
  });
  auto st = state_from_json(conv.state.value_or(""));
  auto result = plan_turn(st, in, *clinic);
  ++st.version;
  const auto json = to_json(st);
  db_.write([&](store::Tx& tx) { store::ConversationRepository(tx).save_state(conv, json); });
  return result;
}

void AgentService::reset(const std::string& session_id, const CallContext& ctx) {
  if (session_id.empty()) return;
  std::lock_guard lock(session_lock(session_id));
  const auto scope = ctx.tenant_id ? store::Scope::tenant(*ctx.tenant_id) : store::Scope::platform();
  db_.write([&](store::Tx& tx) {
    store::ConversationRepository repo(tx);
    const auto conv = repo.by_session(scope, session_id);
    if (!conv || !conv->state) return;
    auto st = state_from_json(*conv->state);
    if (!st.active()) return;
    st.clear();
    ++st.version;
    repo.save_state(*conv, to_json(st));
  });
}

}  // namespace aurixa::agents
