#pragma once
// Internals shared by the NLU sources: a folding tokenizer that keeps byte offsets into the original text
// (so phrases are exact substrings), edit distance, calendar arithmetic and the token-level date parser.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu::detail {

struct Token {
  std::string w;              // folded: lower case, accents stripped, apostrophes dropped ("don't" -> "dont")
  std::size_t b = 0, e = 0;   // byte range in the original text
  bool punct_before = false;  // clause punctuation (, . ; ! ? ( ) or a spaced dash) between this and the previous token
  bool possessive = false;    // written with 's ("today's")
};

// Words are runs of letters and digits; ':' '/' '-' '.' between two digits stay inside ("3:30", "3/14", "24-48").
std::vector<Token> tokenize(std::string_view text);

// Optimal-string-alignment distance (a transposition counts as one edit).
int edit_distance(std::string_view a, std::string_view b);

bool is_digits(std::string_view s);
// The original text of tokens [i, j] (inclusive).
std::string span_text(std::string_view text, const std::vector<Token>& t, std::size_t i, std::size_t j);

// Days since 1970-01-01 and back.
long days_from_civil(int y, int m, int d);
void civil_from_days(long z, int& y, int& m, int& d);
int days_in_month(int y, int m);
int weekday(long days);  // Monday = 0 ... Sunday = 6
std::string iso_date(long days);

struct ParsedDateTime {
  DateTime dt;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // token ranges (inclusive) that expressed dates/times
};
ParsedDateTime parse_tokens(std::string_view text, const std::vector<Token>& toks, const Now& now);

}  // namespace aurixa::agents::nlu::detail
