#pragma once
// Agent runtime interface: runs one patient turn of a task (booking, rescheduling, cancelling, refills,
// insurance checks, availability, hand-off) with tools that read through the store and write only through
// the execution engine. Keeps the dialogue state per session (persisted in the store), so a conversation
// survives restarts and works across replicas. Plain C++ (no Boost).
//
// Wire contract: POST /api/v1/run {"task":{"prompt","session_id"?,"metadata":{patient_id,tenant_id,intent,
// confidence}}} -> {"result":{"output","tool_calls","cost","steps", + state, handled, escalated, ...}}.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace aurixa::agents {

struct RunRequest {
  std::string prompt;  // required
  std::string session_id;  // empty = stateless (one-shot, the original's behaviour)
  // The caller created session_id for this turn (a fresh random id): nothing is stored under it yet, so the
  // dialogue state is not read. Over HTTP: task.metadata.new_session.
  bool new_session = false;
  std::optional<std::int64_t> patient_id;
  std::optional<std::int64_t> tenant_id;  // nullopt = the CallContext's tenant, else 1
  std::string intent;      // the orchestration's label for this message (empty = decide yourself)
  double confidence = 0;   // the classifier's confidence in `intent`
  // The label without the dialogue context (the contextual one leans towards the pending task): tells a side
  // question or a new request apart from an answer. Empty = same as `intent`.
  std::string standalone_intent;
  double standalone_confidence = 0;
  // The message's language as the safety role read it ("es" or "en"; empty = en): the planner replies in it.
  // Over HTTP: task.metadata.language.
  std::string language;
};

struct ToolCall {
  std::string tool_name;
  std::string arguments;  // JSON text
  std::string result;     // the tool's text result
  bool ok = true;
};

struct Step {
  std::string step;  // reasoning | tool | confirm | clarify
  std::string details;
};

struct RunResult {
  std::string output;  // the reply to show the patient ("" when !handled)
  std::vector<ToolCall> tool_calls;
  std::vector<Step> steps;
  double cost = 0;
  // false: this message is not (or no longer) an agent task; the caller answers it another way (knowledge,
  // small talk). A pending task is kept, so the patient can return to it after a side question.
  bool handled = false;
  std::string task;   // the task's intent (book_appointment, ...), empty when none
  std::string state;  // idle | collecting | confirming | done | cancelled | failed
  std::vector<std::string> missing_slots;  // what the agent still asks for (date, time, provider, ...)
  bool clarification = false;              // the output asks the patient to choose or give details
  bool wrote = false;                      // a record was written this turn
  bool escalated = false;                  // handed to a human (handoff_to_staff ran)
  std::string escalation_type;             // human | empty
};

// Thread-safety: every method may be called concurrently (turns of one session are serialised).
class Api {
 public:
  virtual ~Api() = default;
  virtual RunResult run(const RunRequest& request, const CallContext& ctx) = 0;
  // Drops the session's pending task (e.g. after an emergency escalation). No-op when there is none.
  virtual void reset(const std::string& session_id, const CallContext& ctx) = 0;
};

}  // namespace aurixa::agents
