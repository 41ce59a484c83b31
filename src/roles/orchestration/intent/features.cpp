#include "roles/orchestration/intent/features.hpp"

#include "core/fold_words.hpp"
#include "core/spanish_gloss.hpp"
#include "roles/orchestration/intent/lexicon.hpp"

#include <algorithm>
#include <cmath>

namespace aurixa::orchestration::intent {
namespace {

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
  n.words = fold_words(text);
  // '?' or the Spanish opening '¿'
  n.has_question_mark = text.find('?') != std::string_view::npos || text.find("\u00BF") != std::string_view::npos;
  n.has_digit = std::any_of(n.words.begin(), n.words.end(), [](const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  });
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
