#pragma once
// Text primitives of the RAG role: Unicode folding into words, and sentence splitting. Shared by the
// analyzer (index and query terms), the chunker and the answer-span helper so all three agree on what a
// word and a sentence are.
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::rag {

// NFKD + case folding + accent stripping (utf8proc), then split into words of letters and digits.
// Apostrophes inside a word are dropped ("don't" -> "dont") so contractions are one word; every other
// non-alphanumeric code point separates words. Invalid UTF-8 bytes separate words too.
std::vector<std::string> fold_words(std::string_view utf8);

// Splits text into sentences: at . ! ? followed by white space and a word that is not lower-case
// ("8 a.m. to 5" stays whole), and at line breaks (so list items are sentences). Each sentence is
// trimmed; empty ones are dropped.
std::vector<std::string> split_sentences(std::string_view text);

// Number of white-space separated words (a cheap length measure for chunking).
std::size_t count_words(std::string_view text);

}  // namespace aurixa::rag
