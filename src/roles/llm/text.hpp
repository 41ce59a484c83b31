#pragma once
// Small text utilities shared by the router (keyword and bag-of-words routing) and the builtin
// responder (sentence selection): ASCII case folding, word splitting, a light stemmer, stop words and
// a token estimate. Bytes >= 0x80 (UTF-8) are kept inside words, so non-English text still splits on
// spaces and punctuation. Pure functions; thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::llm::text {

// Lower-cased words: maximal runs of letters, digits, apostrophes inside a word and UTF-8 bytes.
std::vector<std::string> words(std::string_view s);
// Strips common English inflections so "appointments", "booking", "booked" meet "appointment", "book".
std::string stem(std::string_view word);
bool is_stopword(std::string_view word);
// The full word for a common abbreviation in patients' messages and clinic texts ("appt" -> "appointment",
// "rx" -> "prescription", "thurs" -> "thursday"); other words unchanged. Expects a lower-cased word.
std::string_view expand_abbreviation(std::string_view word);
// words() with abbreviations expanded, minus stop words, stemmed: the terms that carry meaning.
std::vector<std::string> content_terms(std::string_view s);

// True when the lower-cased words of `phrase` occur consecutively in `haystack_words` (whole words,
// so "breakfast" never matches "fast").
bool contains_phrase(const std::vector<std::string>& haystack_words, std::string_view phrase);
// The same with the phrase already split by words() (for phrases matched against many texts).
bool contains_words(const std::vector<std::string>& haystack_words, const std::vector<std::string>& needle_words);

// Rough token count for text no provider counted: one per word piece of up to 6 characters plus one
// per punctuation mark. Close enough for limits and estimates; never used when a provider reports usage.
std::int64_t estimate_tokens(std::string_view s);

// Sentences of a passage: split after . ! ? (not after common abbreviations or inside numbers like
// 8.30) and at line breaks; trimmed, empty ones dropped.
std::vector<std::string> sentences(std::string_view s);

std::string trim(std::string_view s);
std::string lower(std::string_view s);
// "date_of_birth" -> "date of birth"
std::string humanize(std::string_view identifier);

}  // namespace aurixa::llm::text
