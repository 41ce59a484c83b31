#pragma once
// Dialogue state of one session: the task in progress, the slots filled so far, what was offered and what
// awaits the patient's yes/no. Persisted as JSON in the conversation row (conversations.state, key "agent"),
// so a conversation survives a restart and continues on another replica.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "roles/agents/clinic.hpp"

namespace aurixa::agents {

struct TaskSlots {
  std::string date_first, date_last, date_phrase;  // requested date or range
  int time_start = -1, time_end = -1;              // minutes; -1 = not given
  bool time_exact = false;
  std::string time_phrase;
  std::string provider, reason, medication, pharmacy;
  std::int64_t appointment_id = 0;  // reschedule/cancel target
  std::string appointment_label;    // e.g. "annual checkup with Dr. Adams on Thu 12 Mar at 9:00 AM"
  std::string appointment_provider;
};

struct DialogueState {
  std::string task;   // book_appointment | reschedule_appointment | cancel_appointment | prescription_refill
  std::string stage;  // collecting | confirming
  TaskSlots slots;
  std::optional<Slot> chosen;           // the slot awaiting confirmation
  std::vector<Slot> offered;            // slot options last shown
  std::vector<Visit> offered_visits;    // appointments the patient was asked to choose from
  std::vector<std::string> offered_meds;
  std::int64_t version = 0;  // bumped every saved turn; part of write idempotency keys
  int stalls = 0;            // consecutive turns that changed nothing (the loop guard)
  // Recent turns (role user|assistant, text) for a model that chooses tools (function calling); kept
  // across tasks, bounded (kMaxHistory).
  std::vector<std::pair<std::string, std::string>> history;
  static constexpr std::size_t kMaxHistory = 12;
  // Further tasks asked for in the same message ("cancel my Tuesday visit and refill my lisinopril"), as
  // (clause, intent), started one after another once the current one ends. Kept by clear().
  std::vector<std::pair<std::string, std::string>> queued;
  std::string language;  // "es" when the conversation is in Spanish (kept by clear(), like the history)
  bool active() const { return !task.empty(); }
  void clear() {
    const auto v = version;
    auto h = std::move(history);
    auto q = std::move(queued);
    auto lang = std::move(language);
    *this = DialogueState{};
    version = v;
    history = std::move(h);
    queued = std::move(q);
    language = std::move(lang);
  }
  void remember(std::string role, std::string text) {
    history.emplace_back(std::move(role), std::move(text));
    if (history.size() > kMaxHistory) history.erase(history.begin(), history.end() - kMaxHistory);
  }
};

std::string to_json(const DialogueState& s);
// Empty or malformed text -> a fresh state (a corrupt state must never block a conversation).
DialogueState state_from_json(const std::string& text);

}  // namespace aurixa::agents
