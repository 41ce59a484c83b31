#pragma once
// Text normalisation shared by the detectors.
//
// normalize() turns free text into a canonical, matching-friendly form: Unicode compatibility
// decomposition + case folding + accent stripping (utf8proc), so "Papá SE DESMAYÓ" and "papa se desmayo"
// are the same; apostrophes inside words are dropped ("can't" -> "cant", "dad's" -> "dads") so patterns
// need one spelling; clause punctuation (, . ; : ! ?) becomes its own token because negation and
// temporality scopes end there; everything else separates words. Words are joined by single spaces.
//
// TypoCorrector maps a misspelt word to a vocabulary word at Damerau-Levenshtein distance 1 using a
// deletion index (SymSpell-style), so lookups cost O(word length) hash probes, not O(vocabulary).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace aurixa::safety {

struct Token {
  std::uint32_t begin = 0;  // byte offset in NormalizedText::text
  std::uint32_t end = 0;
  bool punct = false;  // one of , . ; : ! ?
};

struct NormalizedText {
  std::string text;           // tokens joined by single spaces, lower-case, accents stripped
  std::vector<Token> tokens;  // in order; text[t.begin, t.end) is the token

  std::string_view token(std::size_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  // Index of the token containing byte offset `pos` of `text` (or the next one after a space).
  std::size_t token_at(std::size_t pos) const;
};

NormalizedText normalize(std::string_view utf8);

// Folds one word or phrase the same way normalize() does, returning the joined text only.
std::string fold(std::string_view utf8);

class TypoCorrector {
 public:
  TypoCorrector() = default;
  // Words shorter than min_length are never corrected (short words have too many neighbours).
  // `protect` lists real words that must never be "corrected" (e.g. "strike" is not "stroke").
  TypoCorrector(const std::vector<std::string>& vocabulary, const std::vector<std::string>& protect,
                std::size_t min_length = 4);

  // Returns the vocabulary word for `word`, or empty when `word` is known, protected or too far.
  std::string_view correct(std::string_view word) const;
  // Rewrites misspelt word tokens of `t` in place (rebuilding text and offsets). Returns the count.
  // With the original text `raw`, a word written there only capitalised inside a sentence ("Laura Keller")
  // is a proper noun and is left alone.
  std::size_t apply(NormalizedText& t, std::string_view raw = {}) const;
  bool known(std::string_view w) const { return vocab_.find(w) != vocab_.end(); }

 private:
  // Transparent hashing: lookups by string_view, no allocation per token.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  std::size_t min_length_ = 4;
  Set vocab_;
  Set protect_;
  // deletion variant (and the word itself) -> vocabulary word; ambiguous variants map to "".
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> deletes_;
  // One-hash Bloom filter over the keys of deletes_ (which include every vocabulary word): most words of a
  // message and their deletions are in no table, and a bit test is far cheaper than a node-based lookup.
  // No false negatives, so results are exactly those of the plain lookups.
  static constexpr std::size_t kBloomBits = std::size_t{1} << 18;
  std::vector<std::uint64_t> bloom_;
  static std::size_t bloom_bit(std::string_view s) noexcept;
  bool maybe_key(std::string_view s) const noexcept {
    const std::size_t b = bloom_bit(s);
    return !bloom_.empty() && (bloom_[b >> 6] >> (b & 63) & 1);
  }
};

// Offset of the first ASCII digit of `s` at or after `from`, or s.size(). Eight bytes at a time (digits are rare in
// text, and the detectors look for them first).
inline std::size_t find_ascii_digit(std::string_view s, std::size_t from) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  std::size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    const std::uint64_t y = x ^ (kOnes * '0');                 // a digit byte becomes 0..9
    if (((y - kOnes * 10) & ~y & (kOnes * 0x80)) != 0) break;  // some byte of y is below 10
  }
  for (; i < s.size(); ++i)
    if (s[i] >= '0' && s[i] <= '9') return i;
  return s.size();
}

// Byte offset -> code-point offset for one UTF-8 string. Cheap for increasing offsets (keeps a cursor).
class CodepointCounter {
 public:
  explicit CodepointCounter(std::string_view utf8) : s_(utf8) {}
  std::size_t at(std::size_t byte);

 private:
  std::string_view s_;
  std::size_t byte_ = 0;
  std::size_t cp_ = 0;
};

}  // namespace aurixa::safety
