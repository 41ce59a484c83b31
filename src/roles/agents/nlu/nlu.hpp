#pragma once
// Natural-language understanding for the agent's dialogue: dates and times in free text relative to the
// tenant's "now", slot values (provider, reason, medication, pharmacy) matched against the tenant's
// vocabulary, and dialogue acts (yes / no / never mind / correction / hold). Pure C++ (no Boost, no store):
// fast to build, unit-tested with phrase tables. English plus common Spanish forms.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::agents::nlu {

// The tenant's local date and time when the message arrived.
struct Now {
  int year = 2026, month = 1, day = 1;  // local calendar date
  int hour = 12, minute = 0;            // local time of day
};

// A calendar date or an inclusive range of dates ("next week", "any day in the next 3 days").
struct DateSpec {
  std::string first;   // YYYY-MM-DD
  std::string last;    // YYYY-MM-DD; == first for a single day
  std::string phrase;  // the words the patient used, a case-insensitive substring of the text
  bool is_range() const { return first != last; }
};

// A time of day: exact ("at 3", "9:30am", "noon") or a window ("morning", "after lunch", "afternoon").
struct TimeSpec {
  int start_minute = 0;  // minutes after midnight; == end_minute for an exact time
  int end_minute = 0;    // exclusive end of a window; == start_minute for an exact time
  bool exact = false;
  bool same_time = false;  // "same time": keep the previously chosen time (start/end then unset: 0)
  std::string phrase;
};

struct DateTime {
  std::optional<DateSpec> date;
  std::optional<TimeSpec> time;
};

// Finds the date and time a message mentions, e.g. "next Tuesday morning", "the 14th at 3",
// "tomorrow after lunch", "in 4 days", "five days from now", "mañana a las 10", "12/03", "March 14".
// Bare hours are read as clinic hours ("at 3" = 15:00, "at 9" = 09:00). Past dates roll forward
// ("the 14th" after the 14th = next month's). Returns empty members for what is not mentioned.
DateTime parse_datetime(std::string_view text, const Now& now);

// What the tenant's records offer to match against.
struct Vocabulary {
  std::vector<std::string> providers;            // display names, e.g. "Dr. Adams", "Dr. Maria Lee"
  std::vector<std::string> specialties;          // per provider, same order; may be empty strings
  std::vector<std::string> medications;          // the patient's prescriptions, e.g. "Lisinopril 10mg"
};

struct Slots {
  DateTime when;
  std::optional<std::string> provider;    // a name from Vocabulary::providers (canonical form)
  std::optional<std::string> reason;      // visit reason in the patient's words ("tb test", "this rash on my neck")
  std::optional<std::string> medication;  // a name from Vocabulary::medications (canonical form)
  std::optional<std::string> pharmacy;    // e.g. "walmart on lakeshore"; "on file" -> "on file"
};

// Extracts every slot a message fills. Typo-tolerant matching of provider and medication names
// ("dr adams", "adam", "metformn"); specialties map to providers ("the dermatologist").
Slots extract_slots(std::string_view text, const Now& now, const Vocabulary& vocab);

// The patient's reply to a question or confirmation.
enum class Act {
  none,        // nothing of the below
  affirm,      // yes, yup, sure, confirm, sounds good, sí, dale
  deny,        // no, nope, don't, keep it
  abandon,     // never mind, forget it, not now, i'll call later: drop the task
  hold,        // wait / let me check first / don't book it yet: do not write, keep nothing pending
  correction,  // actually / i meant / instead / change it to: the slots in this message replace earlier ones
};
Act classify_act(std::string_view text);

// Lower-cased, accents folded, punctuation to spaces, whitespace collapsed ("Sí, cancélala!" -> "si cancelala").
std::string fold(std::string_view text);

}  // namespace aurixa::agents::nlu
