#pragma once
// The planner's words for the patient, in English and in Spanish: the labels of days, times, openings and visits,
// the phrases naming a task, and what a completed or refused write says in Spanish (the execution engine's own
// messages are English). The public labels and the confirmation question are declared in planner.hpp.
#include <string>
#include <vector>

#include "roles/agents/clinic.hpp"
#include "roles/agents/state.hpp"

namespace aurixa::agents::wording {

// "14:30" -> 870; -1 when it is no time.
int minutes_of(const std::string& hhmm);
// "book an appointment" / "reservar una cita".
const char* task_phrase(const std::string& task, bool es);
// "Sat 28 Nov" / "sáb 28 nov".
std::string day_label(const std::string& ymd, bool es);
// " at 2:00 PM" / " a las 2:00 PM" ("a la 1:00 PM").
std::string at_time(const std::string& hhmm, bool es);
// "Sat 28 Nov at 2:00 PM with Dr. Adams" / "sáb 28 nov a las 2:00 PM con Dr. Adams".
std::string slot_label(const Slot& s, bool es);
// "1) a; 2) b"
std::string numbered(const std::vector<std::string>& items);
// What a completed write says in Spanish, from the result's structured data.
std::string done_in_spanish(const std::string& task, const execution::ExecuteResult& res, const TaskSlots& t);
// Why a write was refused, in Spanish (error codes of execution/api.hpp).
std::string refused_in_spanish(const execution::ExecuteResult& res);

}  // namespace aurixa::agents::wording
