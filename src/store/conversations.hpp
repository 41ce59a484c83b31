#pragma once
// Conversation sessions, their turns and the pipeline steps of each turn. One conversation row per
// session (the original wrote one per call under a UNIQUE session id and failed on the second turn, D5);
// a turn holds the user's text, the final (post-safety) answer, the intent and its pipeline steps.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

struct SessionStart {
  std::string session_id;
  std::optional<Id> tenant_id;
  std::optional<Id> patient_id;
  std::optional<std::string> user_id;
  std::optional<std::string> meta_data;  // JSON text
  // The caller generated session_id for this turn and nothing else has written under it: open() inserts at
  // once, without the lookup (a duplicate would still fail on the unique session_id, never merge silently).
  bool fresh = false;
};

// A turn's steps, encoded in order for conversation_turns.steps (one JSON array, read back through the
// pipeline_steps view); their conversation_id and turn_id are the turn's. Encoded before the write
// transaction: that is the caller's work, not the single writer's.
struct TurnSteps {
  std::optional<std::string> json;  // absent when the turn has no steps
};
// Each step's input and output must be JSON texts.
TurnSteps encode_steps(const std::vector<PipelineStep>& steps);

struct NewTurn {
  std::string user_text;
  std::optional<std::string> response_text;
  std::optional<std::string> intent;
  std::optional<double> confidence;
  bool escalated = false;
  std::optional<std::string> safety;  // JSON text
  TurnSteps steps;
};

class ConversationRepository {
 public:
  explicit ConversationRepository(Tx& tx) : tx_(tx) {}

  // The session's conversation, created when new. An existing session of another tenant -> ApiError 404
  // (a session id never crosses tenants).
  Conversation open(const Scope& scope, const SessionStart& start);
  std::optional<Conversation> by_session(const Scope& scope, const std::string& session_id);
  std::optional<Conversation> get(const Scope& scope, Id id);
  std::vector<Conversation> list(const Scope& scope, const Page& page);
  // The methods below take a Conversation obtained from open()/by_session()/get() in a scope, so turns and
  // steps can only be reached through a tenant-checked conversation.

  // Replaces the dialogue state (JSON text).
  void save_state(const Conversation& conversation, const std::string& state_json);

  // Appends a turn (turn_index = previous + 1).
  ConversationTurn add_turn(const Conversation& conversation, const NewTurn& turn);
  void set_turn_response(const Conversation& conversation, Id turn_id, const std::string& response_text);
  // The last `n` turns, oldest first (the dialogue history fed to the model).
  std::vector<ConversationTurn> recent_turns(const Conversation& conversation, std::int64_t n);

  // The steps of a conversation (or of one of its turns), turn by turn in order.
  std::vector<PipelineStep> steps(const Conversation& conversation, std::optional<Id> turn_id = std::nullopt);

  // Turns of conversations about a patient, newest first.
  std::vector<PatientTurn> patient_history(const Scope& scope, Id patient_id, const Page& page);
  std::int64_t count(const Scope& scope);

 private:
  Conversation insert_conversation(const Scope& scope, const SessionStart& start);
  Tx& tx_;
  // The conversation open() created in this transaction and its last turn index: add_turn then needs no
  // SELECT MAX, lock or updated_at UPDATE (no other transaction can see the row before commit).
  std::optional<std::pair<Id, std::int64_t>> created_;
};

}  // namespace aurixa::store
