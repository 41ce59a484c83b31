#pragma once
// Banned words: whole-word, case-insensitive (Unicode-aware) matching of a configured list.
// The original matched substrings, so "exploitation" or "unsafely" tripped the policy (D8).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace aurixa::safety {

// "a, b ,,c" -> {"a", "b", "c"} (trimmed, empty entries dropped).
std::vector<std::string> split_word_list(std::string_view comma_list);

class BannedWords {
 public:
  BannedWords() = default;
  explicit BannedWords(const std::vector<std::string>& words);
  ~BannedWords();
  BannedWords(BannedWords&&) noexcept;
  BannedWords& operator=(BannedWords&&) noexcept;

  // Distinct configured words found in `text` as whole words, in list order, as configured.
  std::vector<std::string> find(std::string_view text) const;
  const std::vector<std::string>& words() const { return words_; }

 private:
  std::vector<std::string> words_;
  std::unique_ptr<re2::RE2> re_;
  // Every word is [A-Za-z0-9_] only: on ASCII text a match is then exactly a maximal run of those bytes equal to
  // a word up to ASCII case (find() skips RE2 there). The words lower-cased, in list order.
  bool ascii_words_ = false;
  std::vector<std::string> lower_words_;
};

}  // namespace aurixa::safety
