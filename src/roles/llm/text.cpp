#include "roles/llm/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
#include <utility>

namespace aurixa::llm::text {
namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }
bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool has_vowel(std::string_view s) { return std::any_of(s.begin(), s.end(), is_vowel); }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Conversational filler ("want", "need", "tell") is included:
// it says nothing about which passage or route is meant. Greetings are not: they identify small talk.
constexpr std::string_view kStopwords[] = {
    "a",     "about",  "after",  "again",  "all",    "also",   "am",   "an",    "and",   "any",     "are",   "as",
    "at",    "be",     "been",   "before", "being",  "both",   "but",  "by",    "can",   "could",   "did",   "do",
    "does",  "doing",  "don't",  "down",   "during", "each",   "few",  "for",   "from",  "further", "get",   "had",
    "has",   "have",   "having", "he",     "her",    "here",   "hers", "him",   "his",   "how",     "i",     "i'd",
    "i'm",   "if",     "in",     "into",   "is",     "it",     "it's", "its",   "just",  "know",    "let",   "like",
    "may",   "me",     "might",  "more",   "most",   "much",   "must", "my",    "need",  "no",      "nor",   "not",
    "now",   "of",     "off",    "on",     "once",   "only",   "or",   "other", "our",   "ours",    "out",   "over",
    "own",   "please", "same",   "shall",  "she",    "should", "so",   "some",  "such",  "tell",    "than",  "that",
    "the",   "their",  "them",   "then",   "there",  "these",  "they", "this",  "those", "through", "to",    "too",
    "under", "until",  "up",     "us",     "very",   "want",   "was",  "we",    "were",  "what",    "when",  "where",
    "which", "while",  "who",    "whom",   "why",    "will",   "with", "would", "you",   "your",    "yours", "yourself",
    "can't", "i've",   "we're",  "you're", "cannot", "ok",     "okay"};

}  // namespace

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    // An apostrophe joins two word characters ("don't", "patient's"); elsewhere it separates.
    bool inner_apostrophe =
        c == '\'' && !cur.empty() && i + 1 < s.size() && is_word_byte(static_cast<unsigned char>(s[i + 1]));
    if (is_word_byte(c) || inner_apostrophe) {
      cur += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string stem(std::string_view word) {
  std::string w(word);
  if (ends_with(w, "'s")) w.erase(w.size() - 2);
  if (w.size() <= 3) return w;
  if (ends_with(w, "ies") && w.size() > 4) {
    w.replace(w.size() - 3, 3, "y");
  } else if (ends_with(w, "sses")) {
    w.erase(w.size() - 2);
  } else if (ends_with(w, "ches") || ends_with(w, "shes") || ends_with(w, "xes") || ends_with(w, "zes")) {
    w.erase(w.size() - 2);
  } else if (ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is")) {
    w.pop_back();
  }
  for (std::string_view suffix : {"ing", "ed"}) {
    if (ends_with(w, suffix) && w.size() >= suffix.size() + 3 && has_vowel(w.substr(0, w.size() - suffix.size()))) {
      w.erase(w.size() - suffix.size());
      // "stopped" -> "stopp" -> "stop"; keep ll/ss/zz ("refill", "pass").
      auto n = w.size();
      if (n >= 2 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' && w[n - 1] != 's' &&
          w[n - 1] != 'z')
        w.pop_back();
      break;
    }
  }
  if (w.size() > 4 && w.back() == 'e') w.pop_back();  // "schedule" and "scheduled" both -> "schedul"
  return w;
}

bool is_stopword(std::string_view word) {
  // Sorted once so each lookup is a binary search (called for every word of every passage).
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopwords), std::end(kStopwords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

std::string_view expand_abbreviation(std::string_view word) {
  // Sorted by abbreviation: a binary search per word.
  static constexpr std::pair<std::string_view, std::string_view> kAbbrev[] = {
      {"appt", "appointment"}, {"appts", "appointments"}, {"bldg", "building"},  {"dept", "department"},
      {"fri", "friday"},       {"hr", "hour"},            {"hrs", "hours"},      {"info", "information"},
      {"med", "medication"},   {"meds", "medications"},   {"min", "minute"},     {"mins", "minutes"},
      {"mon", "monday"},       {"ofc", "office"},         {"pls", "please"},     {"plz", "please"},
      {"rx", "prescription"},  {"rxs", "prescriptions"},  {"sat", "saturday"},   {"thu", "thursday"},
      {"thur", "thursday"},    {"thurs", "thursday"},     {"tmrw", "tomorrow"},  {"tue", "tuesday"},
      {"tues", "tuesday"},     {"vax", "vaccine"},        {"wed", "wednesday"},  {"wk", "week"},
      {"wks", "weeks"},        {"yr", "year"},            {"yrs", "years"}};
  const auto it = std::lower_bound(std::begin(kAbbrev), std::end(kAbbrev), word,
                                   [](const auto& e, std::string_view w) { return e.first < w; });
  return it != std::end(kAbbrev) && it->first == word ? it->second : word;
}

std::vector<std::string> content_terms(std::string_view s) {
  std::vector<std::string> out;
  for (auto& w : words(s)) {
    const auto x = expand_abbreviation(w);
    if (!is_stopword(x)) out.push_back(stem(x));
  }
  return out;
}

bool contains_phrase(const std::vector<std::string>& hay, std::string_view phrase) {
  return contains_words(hay, words(phrase));
}

bool contains_words(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (std::equal(needle.begin(), needle.end(), hay.begin() + static_cast<std::ptrdiff_t>(i))) return true;
  return false;
}

std::int64_t estimate_tokens(std::string_view s) {
  std::int64_t tokens = 0;
  std::size_t run = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (is_word_byte(c)) {
      ++run;
      continue;
    }
    if (run) tokens += static_cast<std::int64_t>((run + 5) / 6);
    run = 0;
    if (!std::isspace(c)) ++tokens;
  }
  if (run) tokens += static_cast<std::int64_t>((run + 5) / 6);
  return tokens;
}

std::vector<std::string> sentences(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kAbbrev = {"dr",  "mr",  "mrs", "ms",     "st",   "no",
                                                               "e.g", "i.e", "vs",  "approx", "prof", "jr"};
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    auto t = trim(cur);
    if (!t.empty()) out.push_back(std::move(t));
    cur.clear();
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n' || c == '\r') {
      flush();
      continue;
    }
    cur += c;
    if (c != '.' && c != '!' && c != '?') continue;
    if (i + 1 < s.size() && !std::isspace(static_cast<unsigned char>(s[i + 1]))) continue;  // "8.30", "e.g."
    if (c == '.') {
      auto sp = cur.find_last_of(" \t(", cur.size() - 2);
      std::string last = lower(cur.substr(sp == std::string::npos ? 0 : sp + 1));
      last.pop_back();
      if (std::find(kAbbrev.begin(), kAbbrev.end(), last) != kAbbrev.end()) continue;
      if (last == "a.m" || last == "p.m") {
        // "9 a.m. to 5 p.m." continues; "until 5 p.m. Call us" ends: look at the next word's case.
        std::size_t j = i + 1;
        while (j < s.size() && s[j] == ' ') ++j;
        if (j < s.size() && !std::isupper(static_cast<unsigned char>(s[j]))) continue;
      }
    }
    flush();
  }
  flush();
  return out;
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string humanize(std::string_view id) {
  std::string out(id);
  for (auto& c : out)
    if (c == '_' || c == '-') c = ' ';
  return trim(out);
}

}  // namespace aurixa::llm::text
