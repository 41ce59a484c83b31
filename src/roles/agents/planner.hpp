#pragma once
// The deterministic dialogue planner: given the session's state, the patient's message, the orchestration's
// intent and the clinic, decide what to do this turn — fill slots, offer concrete options, ask a
// clarifying question, ask for confirmation, or (after a "yes") write through the execution engine.
// Every write is confirmed first; "no", "never mind" and "hold on" write nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "roles/agents/api.hpp"
#include "roles/agents/clinic.hpp"
#include "roles/agents/state.hpp"

namespace aurixa::agents {

struct TurnInput {
  std::string text;
  std::string intent;  // orchestration's label (may be empty)
  double confidence = 0;
  std::optional<std::int64_t> patient_id;
  std::string session_id;
  std::string standalone_intent;  // the label without dialogue context (empty = same as intent)
  double standalone_confidence = 0;
  std::string language;  // the message's language as the safety role read it: "es" or "en" (empty = en)
};

// Updates `state` in place and returns the turn's result (output, tool calls, flags).
RunResult plan_turn(DialogueState& state, const TurnInput& input, Clinic& clinic);

// The yes/no question for the pending write in `state` (stage confirming): book, reschedule, cancel, refill,
// or (proposed by a model through function calling) handoff_to_staff.
std::string confirm_question(const DialogueState& state, bool spanish = false);

// Tasks the planner runs over several turns.
bool is_task_intent(const std::string& intent);

// "2026-03-13" -> "Fri 13 Mar"; "14:00" -> "2:00 PM".
std::string date_label(const std::string& ymd);
// "2026-11-28" -> "sáb 28 nov".
std::string date_label_es(const std::string& ymd);
// "Annual checkup with Dr. Adams on Thu 12 Mar at 9:00 AM" / "Annual checkup con Dr. Adams el jue 12 mar a las
// 9:00 AM" (the default reason "General visit" reads "consulta").
std::string visit_label(const Visit& v, bool spanish = false);
std::string time_label(const std::string& hhmm);
// YYYY-MM-DD plus n days.
std::string add_days(const std::string& ymd, int n);

}  // namespace aurixa::agents
