#include "roles/agents/service.hpp"

#include <algorithm>
#include <functional>
#include <regex>

#include "core/error.hpp"
#include "roles/agents/planner.hpp"
#include "roles/agents/state.hpp"
#include "roles/agents/store_clinic.hpp"
#include "roles/agents/tenant_cache.hpp"
#include "roles/agents/tool_agent.hpp"
#include "roles/agents/turn_party.hpp"
#include "roles/llm/api.hpp"
#include "store/conversations.hpp"
#include "store/database.hpp"

namespace aurixa::agents {

AgentService::AgentService(store::Database& db, std::function<std::shared_ptr<execution::Api>()> execution,
                           IntentFn classify, std::function<std::shared_ptr<llm::Api>()> llm, AgentOptions options)
    : db_(db),
      execution_(std::move(execution)),
      classify_(std::move(classify)),
      llm_(std::move(llm)),
      options_(std::move(options)),
      tenants_(std::make_unique<TenantCache>(options_.tenant_cache_ttl)) {}

AgentService::~AgentService() = default;

std::mutex& AgentService::session_lock(const std::string& session_id) {
  return locks_[std::hash<std::string>{}(session_id) % locks_.size()];
}

bool AgentService::model_available(llm::Api& llm) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(model_mu_);
    if (now < model_checked_ + std::chrono::seconds(5)) return model_ok_;
  }
  bool ok = false;
  try {
    ok = has_model_provider(llm);
  } catch (const std::exception&) {
    ok = false;  // the LLM role is unreachable: the planner answers
  }
  std::lock_guard lock(model_mu_);
  model_checked_ = now;
  model_ok_ = ok;
  return ok;
}

namespace {

// "cancel my Tuesday appointment and refill my lisinopril" -> the clauses that each ask for a different task,
// with their intents. Clauses are cut only at a conjunction ("and", "then", "also", "y", ...; a full stop
// alone does not cut: "Dr. Chen"); a clause that asks for no task, or for the same task again, stays with
// the one before (so "tuesday and wednesday" is not split). Fewer than two tasks -> empty.
std::vector<std::pair<std::string, std::string>> split_tasks(const std::string& text, const IntentFn& classify) {
  static const std::regex kJoin(
      R"((?:[.;!?]+\s*|,\s*|\s+)(?:and then|and also|and|then|also|plus|y luego|y también|y además|y)\s+)",
      std::regex::icase);
  std::vector<std::string> clauses;
  std::sregex_token_iterator it(text.begin(), text.end(), kJoin, -1), end;
  for (; it != end; ++it)
    if (it->length() > 0) clauses.push_back(it->str());
  if (clauses.size() < 2) return {};
  std::vector<std::pair<std::string, std::string>> groups;
  for (const auto& c : clauses) {
    const auto [intent, confidence] = classify(c);
    const bool repeated = std::any_of(groups.begin(), groups.end(), [&](const auto& g) { return g.second == intent; });
    if (is_task_intent(intent) && confidence >= 0.6 && !repeated) {
      groups.emplace_back(c, intent);
    } else if (!groups.empty()) {
      groups.back().first += " and " + c;
    } else {
      return {};  // the message opens with something else: one request, as classified as a whole
    }
  }
  return groups.size() >= 2 ? groups : std::vector<std::pair<std::string, std::string>>{};
}

// After a task ends in this turn, the next queued one starts (its first question joins the reply).
void run_queue(DialogueState& st, RunResult& r, const TurnInput& base, Clinic& clinic, bool abandoned) {
  if (abandoned) st.queued.clear();
  while (!st.active() && !st.queued.empty() && r.handled) {
    const auto [text, intent] = st.queued.front();
    st.queued.erase(st.queued.begin());
    TurnInput next{text, intent, 0.9, base.patient_id, base.session_id};
    auto more = plan_turn(st, next, clinic);
    if (!more.handled) continue;
    r.output += (r.output.empty() ? "" : "\n\nNext, your other request: ") + more.output;
    r.tool_calls.insert(r.tool_calls.end(), more.tool_calls.begin(), more.tool_calls.end());
    r.steps.push_back({"reasoning", "started queued task " + intent});
    r.steps.insert(r.steps.end(), more.steps.begin(), more.steps.end());
    r.wrote = r.wrote || more.wrote;
    r.escalated = r.escalated || more.escalated;
    if (more.escalated) r.escalation_type = more.escalation_type;
    r.task = more.task;
    r.state = more.state;
    r.missing_slots = more.missing_slots;
    r.clarification = more.clarification;
  }
  if (st.active() && !st.queued.empty() && r.handled) {
    std::string later;
    for (const auto& [text, intent] : st.queued) later += (later.empty() ? "" : "; ") + text;
    r.output += " After that I'll help with: " + later + ".";
  }
}

}  // namespace

RunResult AgentService::run(const RunRequest& req, const CallContext& ctx) {
  if (req.prompt.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::validation("prompt", "prompt must not be empty");
  const TurnParty who = resolve_turn_party(db_, req.patient_id, req.tenant_id, ctx);
  const std::string time_zone = tenants_->time_zone(db_, who.tenant);
  TurnInput in{req.prompt, req.intent, req.confidence, who.patient, req.session_id, req.standalone_intent,
               req.standalone_confidence, req.language};
  if (in.intent.empty() && classify_) std::tie(in.intent, in.confidence) = classify_(req.prompt);
  auto clinic = make_store_clinic(db_, who.tenant, time_zone, execution_ ? execution_() : nullptr, ctx, tenants_.get());
  std::shared_ptr<llm::Api> model;
  if (options_.tool_calling == "auto" && llm_) model = llm_();
  if (model && !model_available(*model)) model.reset();

  // A pending confirmation is always settled by the planner: the write happens only after an explicit yes.
  auto turn = [&](DialogueState& st) {
    const bool ask_model = model && st.stage != "confirming";
    if (ask_model) {
      ToolTurnOptions o{options_.max_tool_steps, who.tenant, time_zone};
      if (auto r = tool_turn(st, in, *clinic, *model, ctx, o)) return std::move(*r);
    }
    auto r = plan_turn(st, in, *clinic);
    if (ask_model) r.steps.insert(r.steps.begin(), Step{"reasoning", "no model answered: planner"});
    return r;
  };

  if (req.session_id.empty()) {  // one-shot: no state survives the call
    DialogueState st;
    return turn(st);
  }
  std::lock_guard lock(session_lock(req.session_id));
  const auto scope = store::Scope::tenant(who.tenant);
  // Read, not open(): a turn that leaves the dialogue state as it was (an answer that needs no task, e.g.
  // "sign in first") writes nothing; one that changes it writes once (open + state in one transaction).
  // A session the caller has just created has nothing stored yet: no read transaction.
  const auto existing = req.new_session ? std::nullopt : db_.read([&](store::Tx& tx) {
    return store::ConversationRepository(tx).by_session(scope, req.session_id);
  });
  auto st = state_from_json(existing ? existing->state.value_or("") : std::string());
  const std::string before = to_json(st);
  // Several tasks in one message (the planner only; a model handles them itself, one write at a time).
  if (!model && classify_ && !st.active() && st.queued.empty()) {
    auto tasks = split_tasks(req.prompt, classify_);
    if (!tasks.empty()) {
      in.text = tasks.front().first;
      in.intent = tasks.front().second;
      in.confidence = 0.9;
      in.standalone_intent.clear();
      st.queued.assign(tasks.begin() + 1, tasks.end());
    }
  }
  auto result = turn(st);
  if (!model) run_queue(st, result, in, *clinic, nlu::classify_act(req.prompt) == nlu::Act::abandon);
  if (model) {  // the model's context next turn
    st.remember("user", req.prompt);
    if (result.handled && !result.output.empty()) st.remember("assistant", result.output);
  }
  if (!result.wrote && to_json(st) == before) return result;  // nothing to persist (version kept: no write used it)
  ++st.version;
  const auto json = to_json(st);
  db_.write([&](store::Tx& tx) {
    store::ConversationRepository repo(tx);
    store::SessionStart start{req.session_id, who.tenant, who.patient, std::nullopt, std::nullopt};
    repo.save_state(repo.open(scope, start), json);
  });
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
    if (!st.active() && st.queued.empty()) return;
    st.clear();
    st.queued.clear();
    ++st.version;
    repo.save_state(*conv, to_json(st));
  });
}

}  // namespace aurixa::agents
