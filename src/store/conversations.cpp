#include "store/conversations.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/json_write.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, session_id, tenant_id, patient_id, user_id, meta_data, state, created_at, updated_at FROM "
    "conversations";

// Bound values of the cached hot-path statements (Tx::prepared).
struct InsertConversationRow {
  std::string session_id;
  std::optional<Id> tenant_id, patient_id;
  std::optional<std::string> user_id, meta_data;
  std::string created_at;
  Id id = 0;
};
struct InsertTurnRow {
  Id conversation_id = 0;
  std::int64_t turn_index = 0;
  std::string user_text;
  std::optional<std::string> response_text, intent, safety, steps;
  std::optional<double> confidence;
  int escalated = 0;
  std::string created_at;
  Id id = 0;
};

struct BySessionRow {
  std::string session_id;
  Conversation c;
};

std::vector<Conversation> fetch(Tx& tx, Query& q) {
  Conversation c;
  auto st = q.prepare(tx, soci::into(c.id), soci::into(c.session_id), soci::into(c.tenant_id), soci::into(c.patient_id),
                      soci::into(c.user_id), soci::into(c.meta_data), soci::into(c.state), soci::into(c.created_at),
                      soci::into(c.updated_at));
  std::vector<Conversation> out;
  while (st.fetch()) out.push_back(c);
  return out;
}

}  // namespace

// Absent values are left out, so the view reads them as NULL. Written by hand: it runs for every turn.
TurnSteps encode_steps(const std::vector<PipelineStep>& steps) {
  if (steps.empty()) return {};
  std::string out = "[";
  for (const auto& s : steps) {
    if (out.size() > 1) out += ',';
    out += R"({"step_name":)";
    json::append_string(out, s.step_name);
    out += R"(,"status":)";
    json::append_string(out, s.status);
    if (s.input) out.append(R"(,"input":)").append(*s.input);
    if (s.output) out.append(R"(,"output":)").append(*s.output);
    if (s.error_message) {
      out += R"(,"error_message":)";
      json::append_string(out, *s.error_message);
    }
    if (s.start_time) {
      out += R"(,"start_time":)";
      json::append_number(out, *s.start_time);
    }
    if (s.end_time) {
      out += R"(,"end_time":)";
      json::append_number(out, *s.end_time);
    }
    out += '}';
  }
  out += ']';
  return {std::move(out)};
}
Conversation ConversationRepository::open(const Scope& scope, const SessionStart& start) {
  tx_.require_write();
  if (start.fresh) return insert_conversation(scope, start);
  // Two first turns of one new session may race; the lock makes the second find the first's row.
  tx_.lock("session:" + start.session_id);
  auto& existing = tx_.prepared<BySessionRow>(std::string(kColumns) + " WHERE session_id = :s",
                                              [](soci::statement& st, BySessionRow& r) {
                                                st.exchange(soci::into(r.c.id));
                                                st.exchange(soci::into(r.c.session_id));
                                                st.exchange(soci::into(r.c.tenant_id));
                                                st.exchange(soci::into(r.c.patient_id));
                                                st.exchange(soci::into(r.c.user_id));
                                                st.exchange(soci::into(r.c.meta_data));
                                                st.exchange(soci::into(r.c.state));
                                                st.exchange(soci::into(r.c.created_at));
                                                st.exchange(soci::into(r.c.updated_at));
                                                st.exchange(soci::use(r.session_id));
                                              });
  existing.row.session_id = start.session_id;
  tx_.run(existing.st);
  if (existing.st.got_data()) {
    Conversation c = existing.row.c;
    if (!scope.allows(c.tenant_id)) throw ApiError::not_found("Session not found");
    return c;
  }
  return insert_conversation(scope, start);
}

Conversation ConversationRepository::insert_conversation(const Scope& scope, const SessionStart& start) {
  if (start.tenant_id && !scope.allows(*start.tenant_id)) throw ApiError::not_found("Session not found");
  Conversation c;
  c.session_id = start.session_id;
  c.tenant_id = start.tenant_id ? start.tenant_id : scope.tenant_id();
  c.patient_id = start.patient_id;
  c.user_id = start.user_id;
  c.meta_data = start.meta_data;
  c.created_at = c.updated_at = tx_.now();
  static const std::string kInsert =
      "INSERT INTO conversations (session_id, tenant_id, patient_id, user_id, meta_data, created_at, "
      "updated_at) VALUES (:s, :t, :p, :u, :m, :c, :up)";
  auto& ins = tx_.prepared_insert<InsertConversationRow>(kInsert, [](soci::statement& st, InsertConversationRow& r) {
    st.exchange(soci::use(r.session_id));
    st.exchange(soci::use(r.tenant_id));
    st.exchange(soci::use(r.patient_id));
    st.exchange(soci::use(r.user_id));
    st.exchange(soci::use(r.meta_data));
    st.exchange(soci::use(r.created_at));
    st.exchange(soci::use(r.created_at));
  });
  ins.row = InsertConversationRow{c.session_id, c.tenant_id, c.patient_id, c.user_id, c.meta_data, c.created_at, 0};
  c.id = tx_.run_insert(ins);
  created_.emplace(c.id, 0);
  return c;
}

std::optional<Conversation> ConversationRepository::by_session(const Scope& scope, const std::string& session_id) {
  Query q(kColumns);
  q.where("session_id = ?", session_id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

std::optional<Conversation> ConversationRepository::get(const Scope& scope, Id id) {
  Query q(kColumns);
  q.where("id = ?", id).scope(scope, "tenant_id");
  return first_row(fetch(tx_, q));
}

std::vector<Conversation> ConversationRepository::list(const Scope& scope, const Page& page) {
  Query q(kColumns);
  q.scope(scope, "tenant_id").order_by("id DESC").page(page);
  return fetch(tx_, q);
}

void ConversationRepository::save_state(const Conversation& conversation, const std::string& state_json) {
  tx_.require_write();
  std::string now = tx_.now();
  tx_.sql() << "UPDATE conversations SET state = :s, updated_at = :u WHERE id = :id", soci::use(state_json),
      soci::use(now), soci::use(conversation.id);
}

ConversationTurn ConversationRepository::add_turn(const Conversation& conversation, const NewTurn& in) {
  tx_.require_write();
  const Id conversation_id = conversation.id;
  const bool fresh = created_ && created_->first == conversation_id;
  ConversationTurn t;
  t.conversation_id = conversation_id;
  if (fresh) {
    t.turn_index = ++created_->second;
  } else {
    tx_.lock("conversation:" + std::to_string(conversation_id));
    long long last = 0;
    soci::indicator ind = soci::i_null;
    tx_.sql() << "SELECT MAX(turn_index) FROM conversation_turns WHERE conversation_id = :c",
        soci::use(conversation_id), soci::into(last, ind);
    t.turn_index = ind == soci::i_ok ? last + 1 : 1;
  }
  t.user_text = in.user_text;
  t.response_text = in.response_text;
  t.intent = in.intent;
  t.confidence = in.confidence;
  t.escalated = in.escalated;
  t.safety = in.safety;
  t.created_at = tx_.now();
  static const std::string kInsert =
      "INSERT INTO conversation_turns (conversation_id, turn_index, user_text, response_text, intent, "
      "confidence, escalated, safety, steps, created_at, updated_at) "
      "VALUES (:c, :i, :u, :r, :in, :cf, :e, :s, :st, :ca, :ua)";
  auto& ins = tx_.prepared_insert<InsertTurnRow>(kInsert, [](soci::statement& st, InsertTurnRow& r) {
    st.exchange(soci::use(r.conversation_id));
    st.exchange(soci::use(r.turn_index));
    st.exchange(soci::use(r.user_text));
    st.exchange(soci::use(r.response_text));
    st.exchange(soci::use(r.intent));
    st.exchange(soci::use(r.confidence));
    st.exchange(soci::use(r.escalated));
    st.exchange(soci::use(r.safety));
    st.exchange(soci::use(r.steps));
    st.exchange(soci::use(r.created_at));
    st.exchange(soci::use(r.created_at));
  });
  ins.row =
      InsertTurnRow{t.conversation_id,      t.turn_index, t.user_text,         t.response_text, t.intent, t.safety,
                    in.steps.json, t.confidence, t.escalated ? 1 : 0, t.created_at,    0};
  t.id = tx_.run_insert(ins);
  // A conversation created in this transaction already carries this transaction's time.
  if (!fresh)
    tx_.sql() << "UPDATE conversations SET updated_at = :u WHERE id = :id", soci::use(t.created_at),
        soci::use(conversation_id);
  return t;
}

void ConversationRepository::set_turn_response(const Conversation& conversation, Id turn_id,
                                               const std::string& response_text) {
  tx_.require_write();
  std::string now = tx_.now();
  tx_.sql()
      << "UPDATE conversation_turns SET response_text = :r, updated_at = :u WHERE id = :id AND conversation_id = :c",
      soci::use(response_text), soci::use(now), soci::use(turn_id), soci::use(conversation.id);
}

std::vector<ConversationTurn> ConversationRepository::recent_turns(const Conversation& conversation, std::int64_t n) {
  Query q(
      "SELECT id, conversation_id, turn_index, user_text, response_text, intent, confidence, escalated, safety, "
      "created_at FROM conversation_turns");
  q.where("conversation_id = ?", conversation.id).order_by("turn_index DESC").page({n, 0});
  ConversationTurn t;
  int escalated = 0;
  auto st = q.prepare(tx_, soci::into(t.id), soci::into(t.conversation_id), soci::into(t.turn_index),
                      soci::into(t.user_text), soci::into(t.response_text), soci::into(t.intent),
                      soci::into(t.confidence), soci::into(escalated), soci::into(t.safety), soci::into(t.created_at));
  std::vector<ConversationTurn> out;
  while (st.fetch()) {
    t.escalated = as_bool(escalated);
    out.insert(out.begin(), t);
  }
  return out;
}

std::vector<PipelineStep> ConversationRepository::steps(const Conversation& conversation, std::optional<Id> turn_id) {
  Query q(
      "SELECT seq, conversation_id, turn_id, step_name, status, input, output, error_message, start_time, end_time "
      "FROM pipeline_steps");
  q.where("conversation_id = ?", conversation.id);
  if (turn_id) q.where("turn_id = ?", *turn_id);
  q.order_by("turn_id, seq");
  PipelineStep s;
  auto st = q.prepare(tx_, soci::into(s.seq), soci::into(s.conversation_id), soci::into(s.turn_id),
                      soci::into(s.step_name), soci::into(s.status), soci::into(s.input), soci::into(s.output),
                      soci::into(s.error_message), soci::into(s.start_time), soci::into(s.end_time));
  std::vector<PipelineStep> out;
  while (st.fetch()) out.push_back(s);
  return out;
}

std::vector<PatientTurn> ConversationRepository::patient_history(const Scope& scope, Id patient_id, const Page& page) {
  Query q(
      "SELECT t.id, c.id, c.session_id, t.user_text, t.response_text, t.created_at "
      "FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id");
  q.where("c.patient_id = ?", patient_id).scope(scope, "c.tenant_id").order_by("t.id DESC").page(page);
  PatientTurn p;
  std::optional<std::string> response;
  auto st = q.prepare(tx_, soci::into(p.turn_id), soci::into(p.conversation_id), soci::into(p.session_id),
                      soci::into(p.prompt), soci::into(response), soci::into(p.created_at));
  std::vector<PatientTurn> out;
  while (st.fetch()) {
    p.response = response.value_or("");
    out.push_back(p);
  }
  return out;
}

std::int64_t ConversationRepository::count(const Scope& scope) { return count_in_scope(tx_, "conversations", scope); }

}  // namespace aurixa::store
