#pragma once
// Text -> hashed sparse features for the intent model. Shared by the trainer and the classifier so the
// two can never disagree about what a feature is. Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aurixa::orchestration::intent {

// Lower-cased, accent-folded (Latin-1 letters -> ASCII) words of a UTF-8 text. Apostrophes inside a word
// are dropped ("don't" -> "dont"); every other non-alphanumeric character separates words.
struct Normalized {
  std::vector<std::string> words;
  bool has_question_mark = false;
  bool has_digit = false;
};
Normalized normalize(std::string_view text);

// One feature: a 32-bit hash of its name and its value. Values are L2-normalised over the message.
using Feature = std::pair<std::uint32_t, float>;

// Word unigrams and bigrams (with sentence-boundary markers), character 3-5-grams inside word boundaries,
// digit shapes ("3pm" -> "0pm"), a length bucket, question-mark and has-digit flags. Sorted by hash with
// duplicates summed.
std::vector<Feature> extract_features(const Normalized& text);
inline std::vector<Feature> extract_features(std::string_view text) { return extract_features(normalize(text)); }

std::uint32_t hash_feature(std::string_view kind, std::string_view name);

}  // namespace aurixa::orchestration::intent
