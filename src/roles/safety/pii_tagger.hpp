#pragma once
// A small learned token tagger for PERSON / ADDRESS, stacked on the rule recognizers (internal to the PII
// detector). An averaged perceptron over hashed token features (shape, capitalisation, suffixes, given-name and
// common-word membership, neighbouring words, and whether the rules already marked the token or its
// neighbours). The rules keep their spans; the tagger adds spans the rules missed where its margin is above a
// threshold, and drops a low-score rule PERSON span it is confident is not a name.
// Weights are trained offline by bench/safety_tagger_train.cpp on the dev half of the Presidio synthetic set
// and committed in pii_tagger_weights.inc; nothing is read at run time.
// Only candidate tokens (capitalised, digits, non-ASCII, or inside a rule span) are scored. Off by default
// (PiiDetector(true) switches it on): it adds ~8 us per KB (docs/PERFORMANCE.md, docs/QUALITY.md "Fifth round").
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "roles/safety/pii.hpp"

namespace aurixa::safety {

inline constexpr std::size_t kTagClasses = 3;  // 0 = other, 1 = PERSON, 2 = ADDRESS
inline constexpr std::size_t kTagBits = 14;
inline constexpr std::size_t kTagBuckets = std::size_t{1} << kTagBits;
inline constexpr std::size_t kTagMaxFeatures = 24;
inline constexpr int kVetoBelow =
    5;  // only rule PERSON spans scoring below 0.75 (TagToken::rule_score 5) can be vetoed

struct TagToken {
  std::uint32_t b = 0, e = 0;  // bytes
  bool word = false;           // letters/digits; else one punctuation byte
  bool candidate = false;
  bool scored = false;    // apply() computes its margins (a candidate outside the rules, or a vetoable name)
  std::uint8_t rule = 0;  // 0 none, 1 PERSON, 2 ADDRESS, 3 another entity type, 4 declined by the rules
  std::uint32_t rep = 0;  // hash of the token as context (common word, punctuation, or shape)
  std::uint32_t shape = 0;
  std::uint8_t flags = 0;
  std::uint8_t rule_score = 0;  // the rule entity's score above 0.5 in twentieths (0 when none)
};

// Tokenise `text`; `rules` (sorted, disjoint) mark the tokens they cover, `declined` (any order) the tokens the
// rules keep out on purpose (staff names, dates; see PiiDetector::detect_rules).
// `scored` marks the tokens apply() scores (person_adds false: only those that could start an address).
void tag_tokenize(std::string_view text, const std::vector<PiiEntity>& rules, const std::vector<PiiEntity>& declined,
                  std::vector<TagToken>& out, bool person_adds = true);
// Feature bucket indices of token i (a candidate word); returns the count (<= kTagMaxFeatures). With
// use_rules false the rule marks are hidden (one value "unknown"): that view finds what the rules missed, the
// other judges the rules' own spans. The model is trained on both views of every token.
std::size_t tag_features(std::string_view text, const std::vector<TagToken>& toks, std::size_t i, bool use_rules,
                         std::uint32_t* f);

struct TagThresholds {
  float add_person = 0, add_address = 0, veto_person = 0;
};

class PiiTagger {
 public:
  PiiTagger();  // the committed weights
  explicit PiiTagger(std::vector<float> weights, TagThresholds t);
  bool empty() const noexcept { return w_.empty(); }
  void score(const std::uint32_t* f, std::size_t n, float out[kTagClasses]) const noexcept;
  // Combine with the rules' entities (sorted, disjoint): may drop low-score PERSON spans and add spans.
  // Never adds a span over a `declined` token.
  std::vector<PiiEntity> apply(std::string_view text, std::vector<PiiEntity> rules,
                               const std::vector<PiiEntity>& declined) const;
  const TagThresholds& thresholds() const noexcept { return t_; }

 private:
  std::vector<float> w_;  // kTagBuckets * kTagClasses, or empty (tagger off)
  TagThresholds t_;
};

}  // namespace aurixa::safety
