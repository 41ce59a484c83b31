#include "roles/orchestration/pipeline.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/redaction_marks.hpp"
#include "core/telemetry.hpp"
#include "roles/agents/api.hpp"
#include "roles/agents/turn_party.hpp"
#include "roles/execution/api.hpp"
#include "roles/orchestration/admin_support.hpp"
#include "roles/orchestration/pipeline_steps.hpp"
#include "roles/llm/api.hpp"
#include "roles/rag/api.hpp"
#include "roles/safety/api.hpp"
#include "store/conversations.hpp"
#include "store/database.hpp"
#include "store/commit_queue.hpp"
#include "store/patients.hpp"
#include "core/json.hpp"

namespace aurixa::orchestration {

namespace {

constexpr std::size_t kMaxPromptChars = 8000;
constexpr const char* kEmptyAnswer = "I couldn't generate a response for that.";
// The original's prefix when a generated answer itself trips the emergency check.
constexpr const char* kEscalationPrefix =
    "\xE2\x9A\xA0\xEF\xB8\x8F This may require immediate attention. Please connect with a staff member as soon as possible. ";
constexpr const char* kEmergencyFallback =
    "This sounds like it could be a medical emergency. Call 911 (or your local emergency number) now, or go to the "
    "nearest emergency room. If you are thinking about harming yourself, call or text 988 (Suicide & Crisis Lifeline).";
constexpr const char* kEmergencyFallbackEs =
    "Esto podría ser una emergencia médica. Llame al 911 (o a su número local de emergencias) ahora o vaya a la sala "
    "de emergencias más cercana. Si está pensando en hacerse daño, llame o envíe un mensaje de texto al 988 (Línea de "
    "Prevención del Suicidio y Crisis; oprima 2 para español).";

const char* emergency_fallback(const safety::ValidateResult& input) {
  return input.language == "es" ? kEmergencyFallbackEs : kEmergencyFallback;
}

// Intents whose answers depend only on the clinic's knowledge base (cacheable when no personal data is involved).
bool knowledge_intent(const std::string& intent) {
  return intent == "clinic_info" || intent == "medical_question" || intent == "billing" ||
         intent == "insurance_coverage" || intent == "smalltalk";
}

// Intents the agent runtime acts on (tools), besides continuing a pending task.
bool agent_intent(const std::string& intent) {
  return intent == "book_appointment" || intent == "reschedule_appointment" || intent == "cancel_appointment" ||
         intent == "prescription_refill" || intent == "list_appointments" || intent == "check_availability" ||
         intent == "human_handoff" || intent == "insurance_coverage";
}

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The agent's pending task, read from the dialogue state it keeps in the conversation (agents/state.hpp).
struct Pending {
  std::string task, stage;
};
Pending pending_of(const std::optional<std::string>& state) {
  Pending p;
  if (!state || state->empty()) return p;
  boost::system::error_code ec;
  const auto v = bj::parse(*state, ec);
  if (ec || !v.is_object()) return p;
  const auto& o = v.as_object();
  if (const auto* t = o.if_contains("task"); t && t->is_string()) p.task = t->as_string();
  if (const auto* s = o.if_contains("stage"); s && s->is_string()) p.stage = s->as_string();
  return p;
}

double now_s() { return epoch_now(); }

// A new session's id: a UUID version 7 (RFC 9562), 48 bits of Unix milliseconds then 74 random bits. Ids
// created one after another sort together, so a new conversation's row lands at the right edge of the
// unique session index instead of on a random page of it (fewer pages written per commit, and the index's
// working set stays in the page cache however many sessions the store holds).
std::string new_session_id() {
  std::string id = new_uuid();  // version 4: random bits in the layout 8-4-4-4-12
  static constexpr char kHex[] = "0123456789abcdef";
  auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count());
  // 12 hex digits of milliseconds over "xxxxxxxx-xxxx", then the version digit.
  for (int i = 12; i-- > 0; ms >>= 4) id[i < 8 ? i : i + 1] = kHex[ms & 15];
  id[14] = '7';
  return id;
}

}  // namespace

struct PipelineService::Emitter {
  const std::function<void(const StreamEvent&)>& fn;
  void status(const std::string& message) const { fn({"status", message, nullptr}); }
  void delta(const std::string& text) const {
    if (!text.empty()) fn({"text_delta", text, nullptr});
  }
};

PipelineService::PipelineService(App& app, std::shared_ptr<const intent::Classifier> classifier,
                                 std::shared_ptr<ResponseCache> cache)
    : app_(app),
      classifier_(std::move(classifier)),
      cache_(std::move(cache)),
      commits_(app.db ? std::make_unique<store::CommitQueue>(*app.db) : nullptr),
      memo_(std::make_unique<ClassificationMemo>()),
      // Redis (a shared cache or LLM budget) and roles in other processes are network round trips.
      local_fast_path_(app.runs("safety") && app.runs("llm") && app.config.redis_url.empty() &&
                       cache_->backend() == "memory") {}

PipelineService::~PipelineService() = default;

void PipelineService::drain() {
  if (commits_) commits_->drain();
}

namespace {

bj::object safety_json(const safety::ValidateResult& v) {
  bj::array types;
  for (const auto& e : v.entities) types.push_back(bj::string(e.type));
  bj::object o{{"is_safe", v.is_safe}, {"requires_escalation", v.requires_escalation}, {"severity", v.severity},
               {"entities", std::move(types)}};
  if (v.category) o["category"] = *v.category;
  if (v.emergency_ruled_out) o["emergency_ruled_out"] = true;
  return o;
}

}  // namespace

intent::Classification PipelineService::classify(const std::string& text, const std::string& session_id,
                                                 const CallContext& ctx) {
  if (trimmed(text).empty()) throw ApiError::validation("text", "text must not be empty");
  if (text.size() > kMaxPromptChars) throw ApiError::validation("text", "text is longer than 8000 characters");
  intent::Context context;
  if (!session_id.empty() && app_.db) {
    const auto scope = ctx.tenant_id ? store::Scope::tenant(*ctx.tenant_id) : store::Scope::platform();
    app_.db->read([&](store::Tx& tx) {
      if (const auto conv = store::ConversationRepository(tx).by_session(scope, session_id)) {
        const auto p = pending_of(conv->state);
        context.pending_intent = p.task;
        context.awaiting_confirmation = p.stage == "confirming";
      }
    });
  }
  return classifier_->classify(text, context);
}

// One turn in progress: the stages' shared state, so they can run on different threads (heap-allocated and
// never moved: its StepLog refers to out.session_id and ctx.trace).
struct PipelineService::Turn {
  Turn(const PipelineRequest& r, const CallContext& c, Emitter* e) : req(r), ctx(c), emit(e) {}
  PipelineRequest req;
  CallContext ctx;
  Emitter* emit;
  agents::TurnParty who;
  PipelineResult out;
  std::optional<StepLog> log;
  Pending pending;
  std::vector<store::ConversationTurn> history;
  safety::ValidateResult input;
  std::string prompt;  // as redacted by safety
  bool has_pii = false;
  std::string answer;
  bool agent_answered = false;
  bool agent_called = false;  // the agent runtime may have stored dialogue state under the session id
  bool cache_checked = false;
  std::string cache_key;  // set by lookup_cache() when the answer may be cached
  std::vector<llm::ToolResult> tool_results;
  std::vector<llm::Passage> passages;
  std::string meta_json, safety_meta_json;  // set by seal()
};

namespace {

// CommitQueue::submit as an Asio operation: the caller's coroutine is resumed on its own executor once the
// work is durable (or with the work's exception). The pending commit counts as work of that executor.
template <class Token>
auto async_commit(store::CommitQueue& queue, store::CommitQueue::Work work, Token&& token) {
  return boost::asio::async_initiate<Token, void(std::exception_ptr)>(
      [&queue](auto handler, store::CommitQueue::Work w) {
        auto guard = boost::asio::make_work_guard(boost::asio::get_associated_executor(handler));
        using State = std::pair<decltype(handler), decltype(guard)>;
        auto state = std::make_shared<State>(std::move(handler), std::move(guard));
        auto resume = [state](std::exception_ptr e) {
          auto ex = state->second.get_executor();
          boost::asio::post(ex, [state, e]() mutable {
            std::move(state->first)(e);
            state->second.reset();  // on the executor's own thread, whoever drops `state` last
          });
        };
        try {
          queue.submit(std::move(w), resume);
        } catch (...) {
          resume(std::current_exception());
        }
      },
      token, std::move(work));
}

}  // namespace

PipelineResult PipelineService::run(const PipelineRequest& request, const CallContext& ctx) {
  return execute(request, ctx, nullptr);
}

void PipelineService::run_stream(const PipelineRequest& request, const CallContext& ctx,
                                 const std::function<void(const StreamEvent&)>& on_event) {
  Emitter emit{on_event};
  PipelineResult result;
  try {
    result = execute(request, ctx, &emit);
  } catch (const ApiError& e) {
    on_event({"error", std::string(e.detail()), nullptr});
    return;
  } catch (const std::exception& e) {
    on_event({"error", e.what(), nullptr});
    return;
  }
  on_event({"done", result.final_response, &result});
}

// GCC 12 reports Asio's coroutine frame allocator (aligned new, sized delete) as mismatched once it is
// inlined here: a known false positive (gcc PR 109224).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
boost::asio::awaitable<PipelineResult> PipelineService::run_async(PipelineRequest request, CallContext ctx,
                                                                  http::AsyncEnv env) {
  std::unique_ptr<Turn> turn;
  if (begins_on_io_thread(request, ctx)) {
    turn = begin(request, ctx, nullptr);  // CPU only: checks, safety, intent, the in-memory cache
    if (!turn->out.cached) co_await http::on_workers(env, ctx, [&] { complete(*turn); });
  } else {
    turn = co_await http::on_workers(env, ctx, [&] {
      auto t = begin(request, ctx, nullptr);
      complete(*t);
      return t;
    });
  }
  seal(*turn);
  co_await async_commit(*commits_, persist_work(*turn), boost::asio::use_awaitable);
  co_return result(*turn);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// begin() reads the store only for a patient (resolve_turn_party) or a caller's session id, and calls
// safety, the LLM router and the cache, which are in-process here unless another process or Redis serves them.
// Only a prompt seen recently (its classification memoised) is likely to be answered from the cache right
// there; any other turn goes to a worker at once instead of hopping there after begin().
bool PipelineService::begins_on_io_thread(const PipelineRequest& req, const CallContext& ctx) const {
  return local_fast_path_ && req.session_id.empty() && !req.patient_id && ctx.principal.role != "patient" &&
         memo_->contains(req.prompt);
}

std::unique_ptr<PipelineService::Turn> PipelineService::begin(const PipelineRequest& req, const CallContext& in_ctx,
                                                              Emitter* emit) {
  if (trimmed(req.prompt).empty()) throw ApiError::validation("prompt", "prompt must not be empty");
  if (req.prompt.size() > kMaxPromptChars) throw ApiError::validation("prompt", "prompt is longer than 8000 characters");
  if (req.session_id.size() > 128) throw ApiError::validation("session_id", "session_id is longer than 128 characters");
  if (!app_.db) throw ApiError(Errc::unavailable, "The conversation store is not available");
  auto safety = app_.apis.safety;
  if (!safety) throw ApiError(Errc::unavailable, "The safety role is not available");

  auto t = std::make_unique<Turn>(req, in_ctx, emit);
  auto& ctx = t->ctx;
  auto& out = t->out;
  const auto budget = std::chrono::steady_clock::now() + std::chrono::milliseconds(app_.config.pipeline_timeout_ms);
  ctx.deadline = std::min(ctx.deadline, budget);
  // The pipeline's public API refuses a request for another tenant (403) and reads the store only for a patient.
  const auto who = t->who = agents::resolve_turn_party(
      *app_.db, req.patient_id, req.tenant_id, ctx,
      {.reject_tenant_mismatch = true, .other_patient_detail = "A patient may only converse as themselves"});
  ctx.tenant_id = who.tenant;

  out.session_id = req.session_id.empty() ? new_session_id() : req.session_id;
  out.request = req;
  out.request.session_id = out.session_id;
  out.request.tenant_id = who.tenant;
  out.request.patient_id = who.patient;
  out.created_at = now_s();
  auto& log = t->log.emplace(app_, out.session_id, who.tenant, ctx.trace);

  // Session context: the agent's pending task and the recent turns (model context).
  // A session id generated for this request (a random UUID) cannot have a stored conversation yet: no read.
  if (!req.session_id.empty()) {
    app_.db->read([&](store::Tx& tx) {
      store::ConversationRepository repo(tx);
      if (const auto conv = repo.by_session(store::Scope::tenant(who.tenant), out.session_id)) {
        t->pending = pending_of(conv->state);
        t->history = repo.recent_turns(*conv, app_.config.history_turns);
      }
    });
  }

  if (emit) emit->status("Classifying intent...");
  // 1. The patient's own words: emergencies first, personal data redacted before anything leaves the process.
  safety::ValidateRequest in_check;
  in_check.text = req.prompt;
  in_check.stage = safety::Stage::input;
  in_check.emergency_model = false;  // the classifier below reads the message; the two are combined there
  in_check.tenant_id = std::to_string(who.tenant);
  t->input = log.run("validate_input", bj::object{{"stage", "input"}}, [&](bj::value& o) {
    auto v = safety->validate(in_check);
    o = safety_json(v);
    return v;
  });
  t->prompt = t->input.validated_text.empty() ? req.prompt : t->input.validated_text;
  t->has_pii = !t->input.entities.empty();
  const auto& prompt = t->prompt;

  if (t->input.requires_escalation) {
    out.intent = "emergency";
    out.confidence = 1.0;
    out.escalated = true;
    out.escalation_type = "emergency";
    t->answer = t->input.escalation_message.value_or(emergency_fallback(t->input));
    return t;
  }
  // 2. Intent, in the context of a pending task ("yes", "Thursday" continue it).
  intent::Context context{t->pending.task, t->pending.stage == "confirming"};
  const auto cls = log.run("classify_intent", bj::object{{"prompt", prompt}}, [&](bj::value& o) {
    // Personal data never enters the memo (as it never enters the response cache).
    auto c = context.pending_intent.empty() && !context.awaiting_confirmation && !t->has_pii
                 ? memo_->classify(*classifier_, prompt)
                 : classifier_->classify(prompt, context);
    bj::array alts;
    for (const auto& a : c.alternatives) alts.push_back(bj::object{{"intent", a.intent}, {"confidence", a.confidence}});
    bj::object obj{{"intent", c.intent}, {"confidence", c.confidence}, {"alternatives", std::move(alts)}};
    if (auto llm = app_.apis.llm) {
      llm::RouteRequest rr;
      rr.prompt = prompt;
      rr.tenant_id = std::to_string(who.tenant);
      rr.session_id = out.session_id;
      rr.user_id = req.user_id;
      const auto d = llm->route(rr, ctx);
      obj["model"] = d.model;
      obj["provider"] = d.provider;
      obj["metadata"] = bj::object{{"reason", d.reason}, {"rule", d.rule}};
    }
    o = std::move(obj);
    return c;
  });
  out.intent = cls.intent;
  out.confidence = cls.confidence;

  if (cls.intent == "emergency" && cls.confidence >= safety::kEmergencyModelThreshold &&
      !t->input.emergency_ruled_out) {
    // The classifier recognised an emergency the safety lexicon did not: escalate rather than risk it. Not when
    // the triage saw the emergency words and ruled them out ("he's not choking"): it reads the context.
    out.escalated = true;
    out.escalation_type = "emergency";
    t->answer = emergency_fallback(t->input);
    return t;
  }
  // 3. (in complete()) agent tools: a task in progress, or an intent that needs the patient's records or a write.
  if (app_.apis.agents && (!t->pending.task.empty() || agent_intent(cls.intent))) return t;
  // 4. A cached knowledge answer.
  lookup_cache(*t);
  return t;
}

// Only safe, non-personal knowledge answers are cached (never after a tool ran or inside a pending task): the
// key is kept for the answer the turn generates (validate_output stores it when it is safe).
void PipelineService::lookup_cache(Turn& t) {
  t.cache_checked = true;
  if (!cache_->enabled() || !knowledge_intent(t.out.intent) || t.has_pii || !t.tool_results.empty() ||
      !t.pending.task.empty())
    return;
  t.cache_key = cache_key(t.prompt, t.who.tenant, t.who.patient, t.out.intent);
  if (auto hit = cache_->get(t.cache_key)) {
    StepRecord rec{"cache_hit", "success", "", R"({"cached":true})", "", now_s(), now_s()};
    t.log->add(rec);
    t.answer = *hit;
    t.out.cached = true;
    if (t.emit) t.emit->delta(t.answer);
  }
}

void PipelineService::complete(Turn& t) {
  if (t.out.cached) return;
  auto& out = t.out;
  auto& log = *t.log;
  auto& ctx = t.ctx;
  const auto& req = t.req;
  const auto& who = t.who;
  const auto& prompt = t.prompt;
  auto* emit = t.emit;
  auto safety = app_.apis.safety;
  auto& answer = t.answer;
  auto& passages = t.passages;

  // 3. Agent tools: a task in progress, or an intent that needs the patient's records or a write.
  auto agents = app_.apis.agents;
  if (!out.escalated && agents && (!t.pending.task.empty() || agent_intent(out.intent))) {
    if (emit) emit->status("Running agent...");
    t.agent_called = true;
    agents::RunRequest ar;
    ar.prompt = req.prompt;  // the agent is our own role: it needs the names and dates to fill slots
    ar.session_id = out.session_id;
    ar.new_session = req.session_id.empty();  // our own fresh id: the agent need not look up its state
    ar.patient_id = who.patient;
    ar.tenant_id = who.tenant;
    ar.intent = out.intent;
    ar.confidence = out.confidence;
    ar.language = t.input.language;
    if (!t.pending.task.empty()) {  // what the message says on its own: a side question or a new request?
      const auto alone = classifier_->classify(prompt, {});
      ar.standalone_intent = alone.intent;
      ar.standalone_confidence = alone.confidence;
    }
    bj::object in_json{{"prompt", prompt}, {"intent", out.intent}};
    if (who.patient) in_json["patient_id"] = *who.patient;
    try {
      const auto r = log.run("agent_execution", std::move(in_json), [&](bj::value& o) {
        auto res = agents->run(ar, ctx);
        bj::array calls;
        for (const auto& c : res.tool_calls)
          calls.push_back(bj::object{{"tool_name", c.tool_name}, {"arguments", c.arguments}, {"result", c.result}, {"ok", c.ok}});
        o = bj::object{{"output", res.output},  {"tool_calls", std::move(calls)}, {"handled", res.handled},
                       {"task", res.task},      {"state", res.state},           {"wrote", res.wrote},
                       {"clarification", res.clarification}};
        return res;
      });
      if (r.handled) {
        answer = r.output;
        t.agent_answered = true;
        if (r.escalated) out.escalated = true, out.escalation_type = r.escalation_type;
        if (!r.task.empty() && r.state != "done") out.intent = r.task;
      } else {
        for (const auto& c : r.tool_calls) t.tool_results.push_back({c.tool_name, c.ok, c.result, {}, c.ok ? "" : c.result});
      }
    } catch (const ApiError& e) {
      if (e.status() < 500) throw;  // the request itself is wrong (unknown patient, forbidden)
      answer = "I'm sorry, I couldn't complete that right now. Please try again in a moment or call the front desk.";
      t.agent_answered = true;
    }
  }

  // 4. Knowledge: cached answer, or retrieval + generation.
  if (!out.escalated && !t.agent_answered) {
    // The output check of our own answer (not a patient's message, so no emergency model); the passages it
    // quotes are the clinic's published text, whose phone numbers stay.
    const auto output_check = [&](std::string text) {
      safety::ValidateRequest vr;
      vr.text = std::move(text);
      vr.stage = safety::Stage::output;
      vr.tenant_id = std::to_string(who.tenant);
      vr.emergency_model = false;
      for (const auto& p : passages) vr.public_text.push_back(p.content);
      return vr;
    };
    if (!t.cache_checked) lookup_cache(t);
    if (!out.cached) {
      auto llm = app_.apis.llm;
      if (!llm) throw ApiError(Errc::unavailable, "The LLM role is not available");
      if (out.intent != "smalltalk" && out.intent != "out_of_scope" && app_.apis.rag) {
        if (emit) emit->status("Searching knowledge base...");
        try {
          log.run("knowledge_retrieval", bj::object{{"prompt", prompt}, {"intent", out.intent}}, [&](bj::value& o) {
            rag::RetrieveRequest rr;
            rr.prompt = without_redaction_marks(prompt);  // search on the words, not on "[REDACTED-PERSON]"
            rr.intent = out.intent;
            rr.top_k = 5;
            rr.tenant_id = who.tenant;
            const auto res = app_.apis.rag->retrieve(rr, ctx);
            bj::array snippets;
            for (const auto& s : res.snippets) {
              passages.push_back({s.title, s.content, s.source, std::to_string(s.article_id)});
              snippets.push_back(bj::object{{"source", s.source}, {"title", s.title}, {"score", s.score}});
            }
            o = bj::object{{"snippets", std::move(snippets)}, {"query_time_ms", res.query_time_ms}};
          });
        } catch (const ApiError& e) {
          if (e.status() < 500) throw;  // retrieval down: answer without passages rather than fail the turn
        }
      }
      if (emit) emit->status("Generating response...");
      llm::ChatRequest cr;
      for (const auto& h : t.history) {
        cr.messages.push_back({"user", h.user_text});
        if (h.response_text) cr.messages.push_back({"assistant", *h.response_text});
      }
      cr.messages.push_back({"user", prompt});
      cr.passages = passages;
      cr.tool_results = t.tool_results;
      cr.intent = out.intent;
      cr.language = t.input.language;
      cr.tenant_id = std::to_string(who.tenant);
      cr.max_tokens = 512;
      cr.temperature = 0.3;
      // Streamed answers are checked sentence by sentence before they are sent (the original streamed
      // unchecked text and redacted only the final record).
      std::string pending_text, sent;
      auto flush = [&](bool all) {
        std::size_t cut = std::string::npos;
        if (all) {
          cut = pending_text.size();
        } else {
          for (std::size_t i = pending_text.size(); i-- > 0;)
            if ((pending_text[i] == '.' || pending_text[i] == '!' || pending_text[i] == '?' || pending_text[i] == '\n') &&
                i + 1 < pending_text.size() && (pending_text[i + 1] == ' ' || pending_text[i + 1] == '\n')) {
              cut = i + 1;
              break;
            }
        }
        if (cut == std::string::npos || cut == 0) return;
        const auto v = safety->validate(output_check(pending_text.substr(0, cut)));
        emit->delta(v.validated_text);
        sent += v.validated_text;
        pending_text.erase(0, cut);
      };
      const auto gen = log.run("generate_response", bj::object{{"intent", out.intent}, {"passages", passages.size()}},
                               [&](bj::value& o) {
                                 llm::ChatResponse r;
                                 if (emit) {
                                   r = llm->generate_stream(cr, ctx, [&](std::string_view d) {
                                     pending_text.append(d);
                                     flush(false);
                                     return true;
                                   });
                                   flush(true);
                                 } else {
                                   r = llm->generate(cr, ctx);
                                 }
                                 o = bj::object{{"content", r.text},
                                                {"model", r.model},
                                                {"provider", r.provider},
                                                {"finish_reason", r.finish_reason},
                                                {"latency_ms", r.latency_ms},
                                                {"usage", bj::object{{"prompt_tokens", r.input_tokens},
                                                                     {"completion_tokens", r.output_tokens},
                                                                     {"estimated_cost_usd", r.cost_usd}}}};
                                 if (r.finish_reason == "error" && !r.error.empty())
                                   throw ApiError(Errc::bad_gateway, r.error);
                                 return r;
                               });
      answer = gen.text;
      std::set<std::string> seen;
      for (const auto& p : passages)
        if (out.citations.size() < 3 && seen.insert(p.article_id).second)
          out.citations.push_back({p.source, p.title, p.article_id});
    }
    // 5. Output check, then the cache (only safe, non-personal knowledge answers).
    if (!out.cached) {
      if (emit) emit->status("Validating...");
      const auto vr = output_check(trimmed(answer).empty() ? std::string(kEmptyAnswer) : answer);
      const auto v = log.run("validate_output", bj::object{{"text", vr.text}}, [&](bj::value& o) {
        auto r = safety->validate(vr);
        o = safety_json(r);
        o.as_object()["validated_text"] = r.validated_text;
        return r;
      });
      answer = v.validated_text;
      if (v.requires_escalation) answer = kEscalationPrefix + answer;
      if (!t.cache_key.empty() && v.is_safe && !v.requires_escalation) cache_->put(t.cache_key, answer);
    }
  }
  if (t.agent_answered && emit) {
    emit->status("Validating...");
    emit->delta(answer);
  }
  if (out.escalated && out.escalation_type == "emergency" && emit) emit->delta(answer);
  if (out.escalated && out.escalation_type == "emergency") {
    if (app_.apis.agents) {
      try {
        app_.apis.agents->reset(out.session_id, ctx);  // an emergency ends whatever task was in progress
      } catch (const std::exception&) {
      }
    }
    // Staff see the emergency in their queue at once (the patient already has the 911/988 guidance).
    if (auto execution = app_.apis.execution) {
      execution::ExecuteRequest er;
      er.action_name = "handoff_to_staff";
      er.params = {{"reason", "Emergency: " + t.input.category.value_or("reported by the patient")},
                   {"summary", admin::truncate_utf8(prompt, 4000)},
                   {"priority", "urgent"},
                   {"session_id", out.session_id},
                   {"tenant_id", std::to_string(who.tenant)}};
      if (who.patient) er.params["patient_id"] = std::to_string(*who.patient);
      er.idempotency_key = "emergency:" + out.session_id + ":" + std::to_string(t.history.size());
      er.actor = "orchestration";
      try {
        log.run("escalate_to_staff", bj::object{{"priority", "urgent"}}, [&](bj::value& o) {
          const auto r = execution->execute(er, ctx);
          o = bj::object{{"status", r.status}, {"task_id", r.data.count("task_id") ? r.data.at("task_id") : ""}};
        });
      } catch (const std::exception& e) {
        app_.log.warn("emergency task not created", {{"session_id", std::string_view(out.session_id)}, {"error", std::string_view(e.what())}});
      }
    }
  }

}

// The final answer, and the turn's metadata for its rows.
void PipelineService::seal(Turn& t) {
  if (trimmed(t.answer).empty()) t.answer = kEmptyAnswer;
  t.out.final_response = t.answer;
  bj::object safety_meta = safety_json(t.input);
  safety_meta["escalation_type"] = t.out.escalation_type;
  t.safety_meta_json = aurixa::json::serialize(safety_meta);
  bj::object meta{{"user_id", t.req.user_id.empty() ? bj::value(nullptr) : bj::value(t.req.user_id)},
                  {"tenant_id", t.who.tenant}};
  if (t.who.patient) meta["patient_id"] = *t.who.patient;
  t.meta_json = aurixa::json::serialize(meta);
}

// 6. The turn and its steps, in one transaction (the prompt as redacted by safety). The commit queue
// batches concurrent turns into one transaction (one fsync).
store::CommitQueue::Work PipelineService::persist_work(Turn& t) {
  // The turn's row, steps encoded, is built here on the caller's thread: the committer is the one thread every
  // turn shares.
  store::NewTurn turn{t.prompt,         t.out.final_response, t.out.intent,
                      t.out.confidence, t.out.escalated,      t.safety_meta_json};
  std::vector<store::PipelineStep> steps;
  steps.reserve(t.log->steps().size());
  for (const auto& s : t.log->steps()) {
    auto& r = steps.emplace_back();
    r.step_name = s.name;
    r.status = s.status;
    if (!s.input_json.empty()) r.input = s.input_json;
    if (!s.output_json.empty()) r.output = s.output_json;
    if (!s.error_message.empty()) r.error_message = s.error_message;
    if (s.start_time > 0) r.start_time = s.start_time;
    if (s.end_time > 0) r.end_time = s.end_time;
  }
  turn.steps = store::encode_steps(steps);
  return [&t, turn = std::move(turn)](store::Tx& tx) {
    store::ConversationRepository repo(tx);
    store::SessionStart start{t.out.session_id, t.who.tenant, t.who.patient,
                              t.req.user_id.empty() ? std::nullopt : std::optional<std::string>(t.req.user_id),
                              t.meta_json};
    start.fresh = t.req.session_id.empty() && !t.agent_called;  // our own new id, and no agent stored state under it
    const auto conv = repo.open(store::Scope::tenant(t.who.tenant), start);
    repo.add_turn(conv, turn);  // the steps go in the turn's row
  };
}

// The whole turn on the calling thread, which waits for its commit.
PipelineResult PipelineService::execute(const PipelineRequest& request, const CallContext& ctx, Emitter* emit) {
  auto turn = begin(request, ctx, emit);
  complete(*turn);
  seal(*turn);
  commits_->run(persist_work(*turn));
  return result(*turn);
}

PipelineResult PipelineService::result(Turn& t) {
  t.out.steps = std::move(t.log->steps());  // written already; the log's telemetry keeps its own copy
  t.out.updated_at = now_s();
  return std::move(t.out);
}

}  // namespace aurixa::orchestration
