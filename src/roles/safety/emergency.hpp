#pragma once
// Emergency triage: decides whether a message describes a life-threatening situation happening now to
// the writer or someone with them, and which kind.
//
// How it generalises instead of matching keywords:
//  1. normalize() + typo correction against the lexicon's own vocabulary ("chset pian" -> "chest pain").
//  2. A curated lexicon (emergency_lexicon.cpp) of symptom *concepts*, each a set of synonyms and
//     paraphrase patterns with a weight: strong signals (>= kEscalateAt) escalate alone, weak ones
//     ("wheezing", "dizzy", "stung") only in combination ("stung ... wheezing and dizzy").
//  3. Context rules (emergency_context.cpp) drop or damp a signal: NegEx-style negation with scope
//     terminators ("no chest pain, just a cough"), resolution ("wheezing is much better"), temporality
//     and history ("had a stroke in 2019", "used to cut himself"), hypothetical/educational questions
//     ("what are the signs of a stroke"), figurative use ("choked on the price"), modifiers ("stroke
//     rehab", "suicide hotline"), and intensity ("a little", "for weeks" vs "severe", "suddenly").
//  Self-harm language bypasses the hypothetical and figurative filters: it always escalates unless it is
//  explicitly negated or clearly in the past.
// Thread-safety: immutable after construction; assess() may run concurrently.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "roles/safety/normalize.hpp"

namespace aurixa::safety {

enum class EmergencyCategory {
  cardiac,
  stroke,
  respiratory,
  suicide_self_harm,
  overdose_poisoning,
  bleeding,
  allergic,
  seizure,
  unconscious,
  burn,
  other,
};
std::string_view category_name(EmergencyCategory c) noexcept;

// A weight at or above this escalates; weaker signals add up to it.
inline constexpr double kEscalateAt = 0.8;

struct EmergencySignal {
  std::string_view concept_name;  // e.g. "chest_pain"
  EmergencyCategory category;
  double weight;
  unsigned flags;
  std::string_view pattern;  // RE2 over normalize()d text; {MACROS} expanded at construction
};

// EmergencySignal::flags
inline constexpr unsigned kSelfHarm = 1u << 0;   // bypasses hypothetical/figurative filters
inline constexpr unsigned kFigurable = 1u << 1;  // often used figuratively ("heart attack", "choke")
inline constexpr unsigned kLiteral = 1u << 2;    // never read as an idiom ("my chest is killing me" is pain)
// A self-harm warning sign that counts only beside another self-harm concept: "I feel hopeless" plus dizziness
// is no suicide risk, "I feel hopeless" plus a rope bought today is.
inline constexpr unsigned kSelfHarmCompanion = 1u << 3;

const std::vector<EmergencySignal>& emergency_lexicon();
// Real words one typo away from lexicon words; never "corrected" into them ("strike" is not "stroke").
const std::vector<std::string>& typo_protected_words();

struct EmergencyHit {
  std::string concept_name;
  EmergencyCategory category = EmergencyCategory::other;
  double weight = 0;                            // after intensity adjustment
  std::string phrase;                           // the matched normalized text
  std::size_t first_token = 0, last_token = 0;  // inclusive token range
  bool self_harm = false;
  std::string suppressed_by;  // empty = counts; else negated|resolved|past|hypothetical|figurative|modifier
};

struct EmergencyAssessment {
  bool escalate = false;
  double severity = 0;  // 0..1
  std::optional<EmergencyCategory> category;
  std::vector<EmergencyHit> hits;  // all hits, suppressed ones included (for explanations and tests)
  std::string normalized;          // the text the rules saw
};

class ContextRules;

class EmergencyDetector {
 public:
  // extra_phrases: operator-supplied phrases (SAFETY_EMERGENCY_KEYWORDS) treated as strong "other" signals.
  explicit EmergencyDetector(const std::vector<std::string>& extra_phrases = {});
  ~EmergencyDetector();
  EmergencyDetector(const EmergencyDetector&) = delete;
  EmergencyDetector& operator=(const EmergencyDetector&) = delete;

  EmergencyAssessment assess(std::string_view text) const;
  // The typo corrector built from the lexicon (exposed for tests and for regenerating the protected
  // word list: `safety_eval --typo-collisions /usr/share/dict/words`).
  const TypoCorrector& typo_corrector() const { return *typos_; }

 private:
  struct Compiled;
  struct PatternSet;  // RE2::Set (a nested class: cannot be forward-declared)
  std::vector<std::unique_ptr<Compiled>> signals_;
  std::unique_ptr<PatternSet> set_;
  std::unique_ptr<ContextRules> context_;
  std::unique_ptr<TypoCorrector> typos_;
};

// Crisis message for the escalation response (988 for self-harm, 911 otherwise), in English or, for
// language "es", in Spanish.
std::string escalation_message(EmergencyCategory c, std::string_view language = "en");

}  // namespace aurixa::safety
