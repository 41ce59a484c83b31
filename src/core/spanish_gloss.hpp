#pragma once
// English glosses of Spanish clinic words, so a question asked in Spanish can be searched in (and answered
// from) an English knowledge base: "¿Dónde me puedo estacionar?" -> "parking". A bilingual word list of the
// clinic's vocabulary (visits, hours, places, money, insurance, medicines, tests, common symptoms), matched on
// lower-cased, accent-folded words, whole words or word stems ("estacion" covers estacionar, estacionamiento).
// Only words that are not also English words are listed, so an English text gets no gloss. Pure, thread-safe.
#include <string>
#include <string_view>

namespace aurixa {

// The English words for the Spanish words of `text`, space-separated in the order found, each once; empty
// when the text has none.
std::string english_gloss(std::string_view text);

// `text`, followed by its English gloss when it has one (what retrieval and answer selection search with).
std::string with_english_gloss(std::string_view text);

// The English words for one word as fold_words() gives it ("estacionamiento" -> "parking"); empty when it is
// not one of the listed Spanish words.
std::string_view english_gloss_of_word(std::string_view folded_word);

}  // namespace aurixa
