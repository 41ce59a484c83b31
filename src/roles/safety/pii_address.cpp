// US street addresses and PO boxes: "<number> [direction] <name words> <street type> [unit]
// [, City, ST 12345]" or "<number> Avenida/Calle <name words>". Scanned word by word rather than with
// one big regex so that a stop word ("3 blocks down the road") cancels a candidate instead of being
// swallowed by greedy matching.
#include <re2/re2.h>

#include <cctype>
#include <string>
#include <unordered_set>

#include "roles/safety/pii_address.hpp"

namespace aurixa::safety {
namespace {

const std::unordered_set<std::string>& street_types() {
  static const std::unordered_set<std::string> k = {
      "street",  "st",       "avenue",  "ave",        "av",      "road",    "rd",     "boulevard", "blvd",    "lane",
      "ln",      "drive",    "dr",      "court",      "ct",      "place",   "pl",     "way",       "terrace", "ter",
      "circle",  "cir",      "parkway", "pkwy",       "highway", "hwy",     "trail",  "trl",       "square",  "sq",
      "loop",    "alley",    "aly",     "plaza",      "plz",     "pike",    "row",    "crescent",  "cres",    "grove",
      "hill",    "hills",    "heights", "hts",        "point",   "pt",      "ridge",  "run",       "path",    "walk",
      "commons", "crossing", "xing",    "expressway", "expy",    "freeway", "fwy",    "turnpike",  "tpke",    "landing",
      "route",   "rte",      "creek",   "glen",       "green",   "harbor",  "meadow", "meadows",   "pass",    "pines",
      "ranch",   "shore",    "shores",  "summit",     "view",    "vista",   "woods",  "estates",   "manor",   "mews",
      "bend",    "cove",     "crest",   "dale",       "falls",   "field",   "fields", "gardens",   "gate",    "haven",
      "knoll",   "lake",     "lakes",   "mill",       "orchard", "oval",    "pointe", "spring",    "springs", "station",
      "trace",   "valley",   "close",   "park",       "wharf",   "square"};
  return k;
}
const std::unordered_set<std::string>& street_prefixes() {
  static const std::unordered_set<std::string> k = {"avenida",   "calle",     "camino", "paseo", "via",     "rue",
                                                    "carretera", "boulevard", "avenue", "route", "highway", "county"};
  return k;
}
const std::unordered_set<std::string>& stop_words() {
  static const std::unordered_set<std::string> k = {
      "the",  "a",      "an",    "to",       "of",      "and",  "or",    "my",    "your",    "his",    "her",
      "our",  "their",  "for",   "at",       "in",      "on",   "with",  "from",  "by",      "every",  "each",
      "per",  "times",  "hours", "hour",     "minutes", "days", "weeks", "years", "tablets", "tablet", "pills",
      "mg",   "ml",     "is",    "are",      "was",     "be",   "i",     "you",   "we",      "they",   "it",
      "this", "that",   "these", "those",    "more",    "less", "than",  "about", "around",  "blocks", "miles",
      "mins", "people", "kids",  "children", "am",      "pm",   "down",  "up",    "off",     "into",   "out",
      "over", "until",  "after", "before",   "again",   "just", "only",  "also",  "not",     "no",     "yes",
      "can",  "will",   "would", "should",   "could"};
  return k;
}

constexpr const char* kStates =
    "(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|"
    "OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
    "Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|"
    "Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|"
    "New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    "South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|"
    "Wyoming)";

const RE2& unit_regex() {
  static const RE2 k(R"(^,? (?i:apt|apartment|suite|ste|unit|fl|floor|bldg|building|room|rm|#)\.? ?#?[A-Za-z0-9\-]+)",
                     RE2::Quiet);
  return k;
}
const RE2& city_regex() {
  static const RE2 k(std::string(R"(^,? (?:[A-Z][a-zA-Z.'\-]+(?: [A-Z][a-zA-Z.'\-]+){0,2},? )?)") + kStates +
                         R"(\b(?: \d{5}(?:-\d{4})?)?|^,? \d{5}(?:-\d{4})?\b)",
                     RE2::Quiet);
  return k;
}
const RE2& po_box_regex() {
  static const RE2 k(R"((?i)\b(?:p\.? ?o\.?|post office) ?box \d+)", RE2::Quiet);
  return k;
}

struct W {
  std::size_t b, e;
  std::string lower;
};

// Words after position `pos` up to a clause break (, ; . newline), at most `max` of them.
std::vector<W> words_after(std::string_view t, std::size_t pos, std::size_t max) {
  std::vector<W> out;
  std::size_t i = pos;
  while (out.size() < max && i < t.size()) {
    if (t[i] != ' ') break;
    ++i;
    std::size_t b = i;
    while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '\'' || t[i] == '-' ||
                            static_cast<unsigned char>(t[i]) >= 0x80))
      ++i;
    if (i == b) break;
    std::string lower;
    for (std::size_t k = b; k < i; ++k)
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(t[k]))));
    std::size_t e = i;
    if (i < t.size() && t[i] == '.' && (i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == ','))
      ++i, e = i;  // "St." / "Ave."
    out.push_back({b, e, lower});
  }
  return out;
}

bool ordinal_or_name(const W& w) {
  bool digit = false, alpha = false;
  for (char c : w.lower) (std::isdigit(static_cast<unsigned char>(c)) ? digit : alpha) = true;
  if (!digit) return true;
  // "3rd", "42nd", "1st": ordinals are street names; other digit words are not.
  return alpha &&
         (w.lower.ends_with("st") || w.lower.ends_with("nd") || w.lower.ends_with("rd") || w.lower.ends_with("th"));
}

std::size_t extend_tail(std::string_view t, std::size_t end, bool& has_city) {
  re2::StringPiece m;
  if (unit_regex().Match(re2::StringPiece(t.data() + end, t.size() - end), 0, t.size() - end, RE2::ANCHOR_START, &m, 1))
    end += m.size();
  if (city_regex().Match(re2::StringPiece(t.data() + end, t.size() - end), 0, t.size() - end, RE2::ANCHOR_START, &m,
                         1)) {
    end += m.size();
    has_city = true;
  }
  return end;
}

}  // namespace

std::vector<AddressSpan> find_addresses(std::string_view t) {
  std::vector<AddressSpan> out;
  std::size_t i = 0;
  while (i < t.size()) {
    // A house number: 1-6 digits (optionally one letter) at a word start, followed by a space.
    if (!std::isdigit(static_cast<unsigned char>(t[i])) ||
        (i > 0 && std::isalnum(static_cast<unsigned char>(t[i - 1])))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
    if (j < t.size() && std::isalpha(static_cast<unsigned char>(t[j])) && (j + 1 >= t.size() || t[j + 1] == ' ')) ++j;
    if (j - i > 7 || j >= t.size() || t[j] != ' ') {
      i = j + 1;
      continue;
    }
    const auto words = words_after(t, j, 6);
    std::size_t street_end = 0;
    if (!words.empty() && street_prefixes().count(words[0].lower) && words.size() >= 2) {
      std::size_t k = 1;
      while (k < words.size() && k <= 3 && !stop_words().count(words[k].lower) && ordinal_or_name(words[k])) ++k;
      if (k >= 2) street_end = words[k - 1].e;
    } else {
      for (std::size_t k = 0; k < words.size(); ++k) {
        if (stop_words().count(words[k].lower) || !ordinal_or_name(words[k])) break;
        std::string base = words[k].lower;
        if (k >= 1 && street_types().count(base)) street_end = words[k].e;
      }
    }
    if (street_end) {
      bool has_city = false;
      const std::size_t end = extend_tail(t, street_end, has_city);
      out.push_back({i, end, has_city ? 0.9 : 0.8});
      i = end;
      continue;
    }
    i = j + 1;
  }
  re2::StringPiece input(t.data(), t.size()), m;
  std::size_t pos = 0;
  while (pos < t.size() && po_box_regex().Match(input, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
    const auto b = static_cast<std::size_t>(m.data() - t.data());
    bool has_city = false;
    const std::size_t end = extend_tail(t, b + m.size(), has_city);
    out.push_back({b, end, 0.85});
    pos = end;
  }
  return out;
}

}  // namespace aurixa::safety
