#pragma once
// A small hand-built concept lexicon: words (folded as by normalize()) -> a concept such as MED (any
// medication name), BODY, SYMPTOM, DAY, MONEY, INSURER, TEST, or off-domain concepts (WEATHER, SPORT,
// FINANCE, TECH, TRAVEL, FOOD). The classifier adds concept features, so a drug or body part never seen in
// training still carries its concept's weight (a cheap stand-in for word embeddings). English and Spanish.
#include <string_view>

namespace aurixa::orchestration::intent {

// The concept of a normalised word, or "" when it has none. Also recognises drug-name suffixes
// ("metoprolol", "losartan").
std::string_view concept_of(std::string_view word);

}  // namespace aurixa::orchestration::intent
