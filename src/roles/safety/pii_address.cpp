// US street addresses and PO boxes: "<number> [direction] <name words> <street type> [unit]
// [, City, ST 12345]" or "<number> Avenida/Calle <name words>". Scanned word by word rather than with
// one big regex so that a stop word ("3 blocks down the road") cancels a candidate instead of being
// swallowed by greedy matching.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
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
      "trace",   "valley",   "close",   "park",       "wharf",   "square",  "str",    "u",         "ul",      "utca",
      "út",      "tér",      "rkp",     "krt",    "kapu",    "sor",    "vej",       "gade",    "gata",
      "gatan",   "vegen",    "veien",   "vei",        "väg",     "vägen",   "strasse", "straße",   "gasse",   "weg",
      "platz",   "allee",    "ring",    "damm",       "laan",    "straat",  "plein",  "extensions", "extension",
      "flat",    "flats",    "rapids",  "union",      "bypass",  "parks",   "squares", "streets",  "roads",    "ways"};
  return k;
}
// Endings of one-word street names in Nordic, German, Dutch and Central European countries
// ("Koskikatu", "Søndergade", "Bundesstrasse", "Þorsteinsgata", "Ringvej").
constexpr std::string_view kStreetEndings[] = {
    "katu", "kuja", "tie", "polku", "kaari", "vej", "gade", "gata", "gatan", "vegen", "veien", "väg", "vägen",
    "strasse", "straße", "str", "gasse", "weg", "platz", "allee", "ring", "damm", "graben", "braut", "laan",
    "straat", "gracht", "plein", "stræde", "utca", "ulica", "aleja", "tee", "põik"};
bool street_ending(const std::string& lower) {
  for (auto e : kStreetEndings)
    if (lower.size() >= e.size() + 3 && lower.ends_with(e)) return true;
  return false;
}
const std::unordered_set<std::string>& street_prefixes() {
  static const std::unordered_set<std::string> k = {
      "avenida", "calle", "camino", "paseo",  "via",    "rue",    "carretera", "boulevard", "avenue", "route",
      "highway", "county", "rua",   "ul",     "ulica",  "viale",     "piazza",    "piazzetta", "strada",
      "chemin",  "av",    "avda",  "avenue", "largo",  "travessa", "carrer",   "plaza",     "praça",  "alameda"};
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

// After the street: further lines or comma-separated parts of the same address (unit, city, region,
// country, postcode, "APO AE"), each a short capitalised or numeric segment. Stops at a sentence
// ('.', '?', a lower-case word) so that "... 75419? I am in Sutri" ends at the postcode.
std::size_t extend_segments(std::string_view t, std::size_t end, bool& has_city) {
  static const RE2 kSeg(
      R"(^(?:(?i:apt|apartment|suite|ste|unit|fl|floor|bldg|building|room|rm|box)\.? ?#?[A-Za-z0-9\-]+)"
      R"(|(?:APO|FPO|DPO) (?:AA|AE|AP)\b)"
      R"(|\d{4,6}(?:-\d{4})?\b)"
      R"(|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b)"
      R"(|[A-Z]\d[A-Z] \d[A-Z]\d\b)"
      R"(|(?:\p{Lu}[\p{L}'.\-]*)(?: (?:\p{Lu}[\p{L}'.\-]*|de|del|da|do|di|la|le|du|am|an|der|sur|upon))*(?: \d{4,6}\b)?))",
      RE2::Quiet);
  static const std::unordered_set<std::string> kNotPlace = {
      "The", "I", "It", "We", "My", "Please", "Thanks", "Thank", "You", "He", "She", "They", "This", "That", "If",
      "And", "But", "Or", "So", "When", "What", "Where", "Why", "How", "Is", "Are", "Can", "Could", "Would", "Will",
      "Our", "Your", "Their", "Also", "Then", "Hi", "Hello", "Dear", "Let", "Let's", "I'm", "I'll", "Bot", "User",
      "MRN", "DOB", "SSN", "NPI", "DEA", "MBI", "Phone", "Tel", "Fax", "Email", "E-mail", "Name", "Card", "Date",
      "Patient", "Insurance", "Member", "Policy", "ID", "Cell", "Mobile", "Website", "Personal", "Address"};
  std::size_t segs = 0;
  while (segs < 7 && end < t.size()) {
    std::size_t p = end;
    int newlines = 0;
    bool line_start = false;
    while (p < t.size() && (t[p] == ' ' || t[p] == ',' || t[p] == '\n' || t[p] == '\r' || t[p] == '\t' ||
                            (line_start && (t[p] == '>' || t[p] == '?' || t[p] == '*' || t[p] == '-')))) {
      // Line prefixes of quoted or bulleted blocks (">", "* ", "??? " from a lost bullet glyph).
      if (t[p] == '\n') line_start = true, ++newlines;
      ++p;
    }
    if (p == end || newlines > 2 || p >= t.size()) break;
    re2::StringPiece m;
    if (!kSeg.Match(re2::StringPiece(t.data() + p, t.size() - p), 0, t.size() - p, RE2::ANCHOR_START, &m, 1) ||
        m.empty())
      break;
    std::size_t seg_end = p + m.size();
    // Not a place: a sentence word ("The weather"), or followed by a lower-case word on the same line.
    const std::string first(t.substr(p, std::min(m.size(), t.substr(p).find_first_of(" ,\n") == std::string_view::npos
                                                                ? m.size()
                                                                : t.substr(p).find_first_of(" ,\n"))));
    if (kNotPlace.count(first)) break;
    while (seg_end > p && (t[seg_end - 1] == '.' || t[seg_end - 1] == '-' || t[seg_end - 1] == '\'')) --seg_end;
    end = seg_end;
    has_city = true;
    ++segs;
  }
  return end;
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
  return extend_segments(t, end, has_city);
}

// A house number after a street name ("Koskikatu 25", "Via Franscini 71", "u. 97."), if any.
std::size_t house_number_after(std::string_view t, std::size_t end) {
  std::size_t p = end;
  if (p < t.size() && t[p] == ' ') ++p;
  std::size_t q = p;
  while (q < t.size() && std::isdigit(static_cast<unsigned char>(t[q]))) ++q;
  if (q == p || q - p > 5) return end;
  if (q < t.size() && std::isalpha(static_cast<unsigned char>(t[q])) && (q + 1 >= t.size() || !std::isalnum(static_cast<unsigned char>(t[q + 1])))) ++q;
  if (q < t.size() && std::isalnum(static_cast<unsigned char>(t[q]))) return end;
  // Not a quantity: "Main Street 3 times", "... 20 mg".
  if (q + 1 < t.size() && t[q] == ' ' && std::islower(static_cast<unsigned char>(t[q + 1]))) {
    static const std::unordered_set<std::string> kUnits = {"mg", "ml", "times", "pills", "tablets", "days", "hours",
                                                           "minutes", "weeks", "years", "am", "pm", "mcg", "units"};
    std::size_t r = q + 1;
    while (r < t.size() && std::isalpha(static_cast<unsigned char>(t[r]))) ++r;
    if (kUnits.count(std::string(t.substr(q + 1, r - q - 1)))) return end;
  }
  if (q < t.size() && t[q] == '.' && (q + 1 >= t.size() || !std::isdigit(static_cast<unsigned char>(t[q + 1])))) ++q;
  return q;
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
    const auto words = words_after(t, j, 7);
    // A second number: "370 3911 Fourth Avenue" (building + house number).
    std::size_t k0 = 0;
    if (!words.empty() && words[0].lower.size() <= 5 &&
        words[0].lower.find_first_not_of("0123456789") == std::string::npos)
      k0 = 1;
    std::size_t street_end = 0;
    // A street type outranks a phone number read into "7943 2027 Prospect St" (phone 0.9 with "at").
    double score = 0.92;
    bool number_after = false;  // a European street name may carry its own house number
    if (words.size() > k0 + 1 && street_prefixes().count(words[k0].lower)) {
      std::size_t k = k0 + 1;
      while (k < words.size() && k <= k0 + 4 && !stop_words().count(words[k].lower) && ordinal_or_name(words[k])) ++k;
      if (k >= k0 + 2) street_end = words[k - 1].e, number_after = true;
    } else {
      for (std::size_t k = k0; k < words.size(); ++k) {
        if (stop_words().count(words[k].lower) || !ordinal_or_name(words[k])) break;
        if (k >= k0 + 1 && street_types().count(words[k].lower))
          street_end = words[k].e, number_after = words[k].lower.size() <= 4;
        else if (street_ending(words[k].lower))
          street_end = words[k].e, number_after = true;
      }
      // "<number> <Name> [<Name>] <number>": a street name between a building and a house number
      // ("30497 Ibirapita 8057"); the names must be capitalised.
      if (!street_end) {
        for (std::size_t k = k0; k < words.size() && k < k0 + 3; ++k) {
          const unsigned char c0 = static_cast<unsigned char>(t[words[k].b]);
          // The first word capitalised; later ones may be lower-case particles ("Luite tee 87").
          if ((k == k0 && !(std::isupper(c0) || c0 >= 0x80)) || stop_words().count(words[k].lower) ||
              !ordinal_or_name(words[k]))
            break;
          const std::size_t h = house_number_after(t, words[k].e);
          if (h != words[k].e) {
            street_end = h;
            score = 0.75;
            break;
          }
        }
      }
    }
    if (street_end) {
      if (number_after) street_end = house_number_after(t, street_end);
      bool has_city = false;
      const std::size_t end = extend_tail(t, street_end, has_city);
      out.push_back({i, end, has_city ? score + 0.03 : score});
      i = end;
      continue;
    }
    i = j + 1;
  }
  // Forms without a leading house number: "Király u. 15.", "ul. Chrzanowska 61", "Koskikatu 25", PO boxes,
  // military addresses (PSC/Unit ... Box, USNS ships), "the corner of A and B".
  static const RE2 kOther(
      R"((?:(?:\p{Lu}[\p{L}'\-]+ ){1,3}(?:u\.|ul\.|str\.|Str\.|utca|út|tér|rkp\.|krt\.|kapu) \d{1,5}[A-Za-z]?\b\.?)"
      R"(|\b(?:Rue|Via|Rua|Calle|Avenida|Strada|Viale|ul\.|Piazza|Carrer|Avenue) (?:(?:\p{Lu}[\p{L}'\-]+|de|da|do|del|la|le|du|dos|das) ){0,4}\p{Lu}[\p{L}'\-]+,? \d{1,5}[A-Za-z]?\b)"
      R"(|\b\p{Lu}\p{L}+(?:katu|kuja|tie|vej|gade|gata|gatan|vegen|veien|strasse|straße|gasse|weg|platz|allee|braut|graben|laan|straat|stræde) \d{1,5}[A-Za-z]?\b)"
      R"(|\b(?:PSC|CMR|Unit) \d{1,5},? Box \d{1,5})"
      R"(|\b(?:USNS|USNV|USS|USCGC) \p{Lu}\p{L}+)"
      R"(|\b(?i:p\.? ?o\.?|post office) ?(?i:box) \d+|\bPostbox \d+)"
      R"(|\b(?i:the corner of) [\p{Lu}\d](?:[^?.!\n{}]|\. (?:and|&) ){2,80})"  // "473 St. and Inna Loop"
      // "<Street Name> <number> St./street": "Hoge Wei 32 St.", "Via dei Fiorentini 17 street".
      R"(|\b\p{Lu}[\p{L}'\-]+ (?:(?:\p{Lu}[\p{L}'\-]+|dei|de|di|del|da|do|z|van|der|ter) ){0,3}\d{1,5}[A-Za-z]? (?i:st\.|street\b))"
      // After "lives on", "is on", "located at": "<Street Name> <number>" ("Pod Floriánem 1677").
      R"(|\b(?i:lives?|living|is|are|located|enter|stop|station) (?i:on|at) \p{Lu}[\p{L}'\-]+ (?:\p{L}[\p{L}'\-]+ ){0,2}\d{1,5}[A-Za-z]?\b))",
      RE2::Quiet);
  // Where kOther can match. Every form but USNS/USS (which need "US") and "the corner of" holds a space followed
  // by an ASCII digit; before its first such " <digit>" a match has at most 6 spaces and only letters, ' - . ,
  // and spaces (kOtherPrefix), and after it at most a digit run and 16 bytes (", Box 12345", " ſtreet"). So
  // unless "US" or "corner of" occurs, every match lies inside the windows around the " <digit>" anchors
  // (merged), and the regex runs only there: RE2 keeps the whole text as the context of \b, so the matches are
  // exactly those of a whole-text scan.
  std::vector<std::pair<std::size_t, std::size_t>> windows;
  bool whole = t.find("US") != std::string_view::npos;
  static constexpr auto kScan = [] {  // 1: an ASCII digit, 2: 'c' or 'C'; one load and test per byte
    std::array<std::uint8_t, 256> k{};
    for (int c = '0'; c <= '9'; ++c) k[static_cast<std::size_t>(c)] = 1;
    k['c'] = k['C'] = 2;
    return k;
  }();
  for (std::size_t i = 0; i < t.size() && !whole; ++i) {
    // Skip eight bytes at a time while they hold no digit and no 'c'/'C' (exact SWAR tests for a zero byte / a
    // byte below 10).
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = kOnes * 0x80;
    while (i + 8 <= t.size()) {
      std::uint64_t x;
      std::memcpy(&x, t.data() + i, 8);
      const std::uint64_t d = x ^ (kOnes * '0'), c = (x | (kOnes * 0x20)) ^ (kOnes * 'c');
      if ((((d - kOnes * 10) & ~d) | ((c - kOnes) & ~c)) & kHigh) break;
      i += 8;
    }
    if (i >= t.size()) break;
    const auto c = static_cast<unsigned char>(t[i]);
    if (!kScan[c]) continue;
    if (kScan[c] == 2) {
      static constexpr std::string_view kCorner = "corner of";
      if (i + kCorner.size() <= t.size()) {
        bool same = true;
        for (std::size_t k = 0; k < kCorner.size() && same; ++k)
          same = (static_cast<unsigned char>(t[i + k]) | (kCorner[k] == ' ' ? 0 : 0x20)) ==
                 static_cast<unsigned char>(kCorner[k]);
        whole = same;
      }
      continue;
    }
    if (c < '0' || c > '9' || i == 0 || t[i - 1] != ' ') continue;
    auto prefix_byte = [](unsigned char b) {  // kOtherPrefix
      return ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b >= 0x80 || b == '\'' || b == '-' || b == '.' || b == ',' ||
             b == ' ';
    };
    std::size_t q = i - 1, spaces = 1;
    while (q > 0 && prefix_byte(static_cast<unsigned char>(t[q - 1]))) {
      if (t[q - 1] == ' ' && ++spaces > 6) break;
      --q;
    }
    std::size_t e = i;
    while (e < t.size() && t[e] >= '0' && t[e] <= '9') ++e;
    e = std::min(t.size(), e + 16);
    if (!windows.empty() && q <= windows.back().second)
      windows.back().second = std::max(windows.back().second, e);
    else
      windows.emplace_back(q, e);
  }
  if (whole) windows.assign(1, {0, t.size()});
  re2::StringPiece input(t.data(), t.size()), m;
  std::size_t pos = 0;
  for (const auto& [wb, we] : windows)
    for (pos = std::max(pos, wb); pos < we && kOther.Match(input, pos, we, RE2::UNANCHORED, &m, 1);) {
      auto b = static_cast<std::size_t>(m.data() - t.data());
      const std::size_t match_end = b + m.size();
      // The context words of the last form ("lives on ") are not part of the address.
      static const RE2 kLead(R"(^(?i:lives?|living|is|are|located|enter|stop|station) (?i:on|at) )", RE2::Quiet);
      re2::StringPiece lead;
      if (kLead.Match(re2::StringPiece(t.data() + b, m.size()), 0, m.size(), RE2::ANCHOR_START, &lead, 1))
        b += lead.size();
      bool has_city = false;
      const std::size_t end = extend_tail(t, match_end, has_city);
      out.push_back({b, end, 0.92});
      pos = end > pos ? end : pos + 1;
    }
  return out;
}

}  // namespace aurixa::safety
