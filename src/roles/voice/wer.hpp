#pragma once
// Word error rate, as used by docs/QUALITY.md: lower-case, punctuation stripped, whitespace collapsed,
// then word-level Levenshtein (substitutions + deletions + insertions) against the reference.
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::voice {

std::vector<std::string> normalize_words(std::string_view text);

struct WerCount {
  std::size_t errors = 0;     // S + D + I
  std::size_t ref_words = 0;  // N
  double rate() const { return ref_words ? static_cast<double>(errors) / static_cast<double>(ref_words) : 0.0; }
};

WerCount word_errors(std::string_view reference, std::string_view hypothesis);

}  // namespace aurixa::voice
