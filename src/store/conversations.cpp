#include "store/conversations.hpp"

#include <algorithm>

#include "core/error.hpp"
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
  std::optional<std::string> response_text, intent, safety;
  std::optional<double> confidence;
  int escalated = 0;
  std::string created_at;
  Id id = 0;
};
struct InsertStepRow {
  Id conversation_id = 0;
  std::optional<Id> turn_id;
  std::string step_name, status;
  std::optional<std::string> input, output, error_message;
  std::optional<double> start_time, end_time;
  std::string now;
  Id id = 0;
};
// One multi-row step INSERT: `rows` is sized once when the statement is prepared.
struct InsertStepRows {
  std::vector<InsertStepRow> rows;
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
      "confidence, escalated, safety, created_at, updated_at) "
      "VALUES (:c, :i, :u, :r, :in, :cf, :e, :s, :ca, :ua)";
  auto& ins = tx_.prepared_insert<InsertTurnRow>(kInsert, [](soci::statement& st, InsertTurnRow& r) {
    st.exchange(soci::use(r.conversation_id));
    st.exchange(soci::use(r.turn_index));
    st.exchange(soci::use(r.user_text));
    st.exchange(soci::use(r.response_text));
    st.exchange(soci::use(r.intent));
    st.exchange(soci::use(r.confidence));
    st.exchange(soci::use(r.escalated));
    st.exchange(soci::use(r.safety));
    st.exchange(soci::use(r.created_at));
    st.exchange(soci::use(r.created_at));
  });
  ins.row = InsertTurnRow{t.conversation_id, t.turn_index, t.user_text,         t.response_text, t.intent,
                          t.safety,          t.confidence, t.escalated ? 1 : 0, t.created_at,    0};
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

namespace {
// A step row's 11 values, in the column order of the INSERTs below.
void bind_step_values(soci::statement& st, InsertStepRow& r) {
  st.exchange(soci::use(r.conversation_id));
  st.exchange(soci::use(r.turn_id));
  st.exchange(soci::use(r.step_name));
  st.exchange(soci::use(r.status));
  st.exchange(soci::use(r.input));
  st.exchange(soci::use(r.output));
  st.exchange(soci::use(r.error_message));
  st.exchange(soci::use(r.start_time));
  st.exchange(soci::use(r.end_time));
  st.exchange(soci::use(r.now));
  st.exchange(soci::use(r.now));
}
}  // namespace

Id ConversationRepository::add_step(const Conversation& conversation, const PipelineStep& s) {
  tx_.require_write();
  // One cached statement executed once per step (a turn's steps share the transaction).
  auto& ins = tx_.prepared<InsertStepRow>(
      "INSERT INTO pipeline_steps (conversation_id, turn_id, step_name, status, input, output, error_message, "
      "start_time, end_time, created_at, updated_at) "
      "VALUES (:c, :t, :n, :s, :i, :o, :e, :st, :et, :ca, :ua) RETURNING id",
      [](soci::statement& st, InsertStepRow& r) {
        bind_step_values(st, r);
        st.exchange(soci::into(r.id));
      });
  ins.row = InsertStepRow{conversation.id, s.turn_id,    s.step_name, s.status,  s.input, s.output,
                          s.error_message, s.start_time, s.end_time,  tx_.now(), 0};
  tx_.run(ins.st);
  return ins.row.id;
}

void ConversationRepository::add_steps(const Conversation& conversation, const std::vector<PipelineStep>& steps) {
  tx_.require_write();
  constexpr std::size_t kChunk = 8;  // 8 x 11 parameters, well under SQLite's limit of 999
  for (std::size_t at = 0; at < steps.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, steps.size() - at);
    std::string sql =
        "INSERT INTO pipeline_steps (conversation_id, turn_id, step_name, status, input, output, error_message, "
        "start_time, end_time, created_at, updated_at) VALUES ";
    for (std::size_t i = 0; i < n; ++i) {
      const std::string k = std::to_string(i);
      sql += (i ? ", (:c" : "(:c") + k + ", :t" + k + ", :n" + k + ", :s" + k + ", :i" + k + ", :o" + k + ", :e" + k +
             ", :st" + k + ", :et" + k + ", :ca" + k + ", :ua" + k + ")";
    }
    auto& ins = tx_.prepared<InsertStepRows>(sql, [n](soci::statement& st, InsertStepRows& rows) {
      rows.rows.resize(n);  // never resized again: SOCI binds the members' addresses
      for (auto& r : rows.rows) bind_step_values(st, r);
    });
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = steps[at + i];
      ins.row.rows[i] = InsertStepRow{conversation.id, s.turn_id,    s.step_name, s.status,  s.input, s.output,
                                      s.error_message, s.start_time, s.end_time,  tx_.now(), 0};
    }
    tx_.run(ins.st);
  }
}

void ConversationRepository::finish_step(const Conversation& conversation, Id step_id, const std::string& status,
                                         const std::optional<std::string>& output,
                                         const std::optional<std::string>& error_message, double end_time) {
  tx_.require_write();
  std::string now = tx_.now();
  tx_.sql() << "UPDATE pipeline_steps SET status = :s, output = :o, error_message = :e, end_time = :t, updated_at = :u "
               "WHERE id = :id AND conversation_id = :c",
      soci::use(status), soci::use(output), soci::use(error_message), soci::use(end_time), soci::use(now),
      soci::use(step_id), soci::use(conversation.id);
}

std::vector<PipelineStep> ConversationRepository::steps(const Conversation& conversation, std::optional<Id> turn_id) {
  Query q(
      "SELECT id, conversation_id, turn_id, step_name, status, input, output, error_message, start_time, end_time "
      "FROM pipeline_steps");
  q.where("conversation_id = ?", conversation.id);
  if (turn_id) q.where("turn_id = ?", *turn_id);
  q.order_by("id");
  PipelineStep s;
  auto st = q.prepare(tx_, soci::into(s.id), soci::into(s.conversation_id), soci::into(s.turn_id),
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
