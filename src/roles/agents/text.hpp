#pragma once
// Small text helpers of the planner: choosing among numbered options, content words for matching a patient's
// description against records, JSON string escaping.
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace aurixa::agents {

// "the second one", "2", "option 3", "the last one", "la primera" -> index in [0, n); nullopt when none.
std::optional<std::size_t> ordinal_choice(std::string_view text, std::size_t n);
// A clock hour said alone in a short reply to a list of times: "9 works", "the 10 one", "10:30 please" ->
// {hour 1-12, minute}; nullopt when none, or when the number counts something else ("in 2 days").
struct BareTime {
  int hour = 0;    // 1-12, no am/pm
  int minute = 0;  // 0 unless written ("10:30")
};
std::optional<BareTime> bare_hour(std::string_view text);
// Folded words that carry meaning (stop words in English and Spanish removed), e.g. "my annual checkup" ->
// {annual, checkup}; "la prueba de TB" -> {prueba, tb}.
std::set<std::string> content_words(std::string_view text);
// A free-text answer cleaned for storage: trimmed, trailing punctuation removed, at most max_bytes (UTF-8 safe).
std::string trim_reply(std::string_view text, std::size_t max_bytes = 120);
std::string json_escape(std::string_view s);

}  // namespace aurixa::agents
