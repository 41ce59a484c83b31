#pragma once
// Context rules of the emergency detector (internal): finds negation triggers, scope terminators,
// temporality/history cues, hypothetical/educational cues, figurative idioms, modifiers and intensity
// words in a normalized text, then decides whether one lexicon hit counts.
// Every cue list is one RE2 alternation over the normalized text; rules work on token indexes.
#include <memory>
#include <string>
#include <vector>

#include "roles/safety/emergency.hpp"
#include "roles/safety/normalize.hpp"

namespace aurixa::safety {

struct TokenSpan {
  std::size_t first = 0, last = 0;  // inclusive token indexes
};

// Cues found in one text.
struct ContextCues {
  std::vector<int> clause;       // clause id per token
  std::vector<int> sentence;     // sentence id per token
  std::vector<char> scope_end;   // token ends a negation scope (punctuation, "but", "just", ...)
  std::vector<char> hard_break;  // punctuation or a contrastive conjunction: ends a hypothetical scope
  std::vector<TokenSpan> neg_pre, neg_post, pseudo_neg;
  std::vector<TokenSpan> past, present, past_verb;
  std::vector<TokenSpan> hypothetical, hypo_sentence, hypo_break;
  std::vector<TokenSpan> idiom, money;
  std::vector<TokenSpan> modifier_before, modifier_after;
  std::vector<TokenSpan> attenuate, amplify;
  std::vector<char> first_person_sentence;  // per sentence id (char, not bool: no bit twiddling)
  // The whole-message register, computed on first use by ContextRules (most hits never ask): laugh = lol, haha,
  // jk (figurative register); routine = follow-up, refill, appointment... (administrative request).
  const NormalizedText* text = nullptr;
  mutable bool register_known = false, laugh = false, routine = false;
};

class ContextRules {
 public:
  ContextRules();
  ~ContextRules();
  // Cue spans are searched only inside `ranges` (byte ranges of the sentences that hold hits): the rules
  // never look across sentences except for the whole-message register (laugh, routine request).
  ContextCues find(const NormalizedText& t, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) const;
  // Empty when the hit counts; otherwise the reason it does not (negated, resolved, modifier,
  // figurative, hypothetical, past).
  std::string suppression(const ContextCues& c, const EmergencyHit& h, unsigned flags) const;
  // Multiplier for the hit's weight from intensity words in its clause (0.5 mild/chronic, 1.5 severe).
  double intensity(const ContextCues& c, const EmergencyHit& h) const;
  // Lexicon words are collected from these patterns too, for typo correction.
  std::vector<std::string> pattern_sources() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aurixa::safety
