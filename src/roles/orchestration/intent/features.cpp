#include "roles/orchestration/intent/features.hpp"

#include "core/spanish_gloss.hpp"
#include "roles/orchestration/intent/lexicon.hpp"

#include <algorithm>
#include <cmath>

namespace aurixa::orchestration::intent {
namespace {

// Decodes one UTF-8 code point at s[i] (advancing i); malformed bytes come back as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

// Folds a code point to lower-case ASCII letters/digits. Returns "" for separators and "'" for apostrophes.
std::string_view fold(char32_t cp) {
  static constexpr std::string_view kLatin1 =  // U+00C0..U+00FF, lower-cased and stripped of accents
      "aaaaaaeceeeeiiiidnooooo.ouuuuyts"
      "aaaaaaeceeeeiiiidnooooo.ouuuuyty";
  static const std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  static const std::string_view kDigits = "0123456789";
  if (cp >= 'a' && cp <= 'z') return kLetters.substr(cp - 'a', 1);
  if (cp >= 'A' && cp <= 'Z') return kLetters.substr(cp - 'A', 1);
  if (cp >= '0' && cp <= '9') return kDigits.substr(cp - '0', 1);
  if (cp == '\'' || cp == 0x2019 || cp == 0x2018) return "'";
  if (cp == 0xDF) return "ss";
  if (cp >= 0xC0 && cp <= 0xFF) {
    std::string_view c = kLatin1.substr(cp - 0xC0, 1);
    return c == "." ? std::string_view() : c;  // U+00D7 and U+00F7 (multiplication/division signs)
  }
  return {};
}

void add(std::vector<Feature>& out, std::string_view kind, std::string_view name, float value) {
  out.emplace_back(hash_feature(kind, name), value);
}

// Digit shape: every digit becomes '0' so "3pm" and "10pm" share features.
std::string shape(const std::string& w) {
  std::string s = w;
  for (char& c : s)
    if (c >= '0' && c <= '9') c = '0';
  return s;
}

// Relative weights of the feature groups before the message vector is L2-normalised.
constexpr float kUnigram = 1.0f, kBigram = 0.8f, kCharGram = 0.35f, kExtra = 0.5f, kConcept = 0.8f;
// A Spanish word's English gloss as extra unigrams (and their concepts), so the far larger English part of the
// training set speaks for Spanish messages too: "pastillas" also reads as "pills medicine".
constexpr float kGloss = 0.7f;

}  // namespace

std::uint32_t hash_feature(std::string_view kind, std::string_view name) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  auto mix = [&h](std::string_view s) {
    for (char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 16777619u;
    }
  };
  mix(kind);
  mix("\x1f");
  mix(name);
  return h;
}

Normalized normalize(std::string_view text) {
  Normalized n;
  std::string word;
  auto flush = [&] {
    // Apostrophes only join letters: strip leading/trailing ones ("'cause", "patients'").
    while (!word.empty() && word.back() == '\'') word.pop_back();
    std::size_t start = word.find_first_not_of('\'');
    if (start != std::string::npos) {
      std::string w;
      for (std::size_t k = start; k < word.size(); ++k)
        if (word[k] != '\'') w += word[k];
      n.words.push_back(std::move(w));
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp == '?' || cp == 0xBF) n.has_question_mark = true;  // '?' or the Spanish opening '¿'
    std::string_view f = fold(cp);
    if (f.empty()) {
      flush();
      continue;
    }
    if (f[0] >= '0' && f[0] <= '9') n.has_digit = true;
    word += f;
  }
  flush();
  return n;
}

std::vector<Feature> extract_features(const Normalized& text) {
  std::vector<Feature> out;
  const auto& w = text.words;
  out.reserve(w.size() * 20 + 8);
  std::string prev = "<s>";
  std::string prev_concept = "<s>";  // the previous word, or its concept when it has one
  for (const auto& word : w) {
    // Concept features: the concept itself and a bigram over words-or-concepts ("cancel APPT", "my MED").
    const std::string_view concept_name = concept_of(word);
    const std::string token = concept_name.empty() ? shape(word) : std::string(concept_name);
    if (!concept_name.empty()) {
      add(out, "k", concept_name, kConcept);
      add(out, "kb", prev_concept + ' ' + token, kConcept);
    } else if (!prev_concept.empty() && prev_concept[0] >= 'A' && prev_concept[0] <= 'Z') {
      add(out, "kb", prev_concept + ' ' + token, kConcept);
    }
    prev_concept = token;
    add(out, "u", word, kUnigram);
    if (const auto gloss = english_gloss_of_word(word); !gloss.empty()) {
      for (std::size_t at = 0; at < gloss.size();) {
        const auto end = std::min(gloss.find(' ', at), gloss.size());
        const auto english = gloss.substr(at, end - at);
        add(out, "u", english, kGloss);
        if (concept_name.empty())
          if (const auto c = concept_of(english); !c.empty()) add(out, "k", c, kConcept * kGloss);
        at = end + 1;
      }
    }
    std::string s = shape(word);
    if (s != word) add(out, "u", s, kUnigram * 0.5f);
    add(out, "b", prev + ' ' + s, kBigram);
    prev = s;
    // Character n-grams of "<word>"; short words are covered by their unigram.
    std::string padded = '<' + s + '>';
    for (std::size_t len = 3; len <= 5; ++len)
      for (std::size_t k = 0; k + len <= padded.size(); ++k)
        add(out, "c", std::string_view(padded).substr(k, len), kCharGram);
  }
  if (!w.empty()) add(out, "b", prev + " </s>", kBigram);
  const std::size_t n = w.size();
  const char* bucket = n <= 1 ? "1" : n == 2 ? "2" : n <= 4 ? "3-4" : n <= 8 ? "5-8" : n <= 16 ? "9-16" : "17+";
  add(out, "len", bucket, kExtra);
  if (text.has_question_mark) add(out, "q", "?", kExtra);
  if (text.has_digit) add(out, "d", "digit", kExtra);

  std::sort(out.begin(), out.end(), [](const Feature& a, const Feature& b) { return a.first < b.first; });
  std::vector<Feature> merged;
  merged.reserve(out.size());
  for (const auto& f : out) {
    if (!merged.empty() && merged.back().first == f.first)
      merged.back().second += f.second;
    else
      merged.push_back(f);
  }
  double norm = 0;
  for (const auto& f : merged) norm += double(f.second) * f.second;
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& f : merged) f.second *= inv;
  }
  return merged;
}

}  // namespace aurixa::orchestration::intent
