// PERSON detection without a model: capitalisation + a given-name gazetteer + context cues.
//  - strong cues ("my name is", "patient name:", "me llamo") accept any 1-3 name words, even lower case;
//  - medium cues ("I'm", "this is", "patient", "for", "my husband", "my caregiver") need a known given
//    name or a capitalised pair;
//  - no cue: a capitalised known given name followed by a capitalised surname ("Gwen Adler");
//  - titles: "Mr./Mrs./Ms." + capitalised words. Clinicians ("Dr. Lopez", "Nurse Kim") are not patients
//    and are never reported.
#include <utf8proc.h>

#include <cstdint>
#include <string>
#include <unordered_map>

#include "roles/safety/pii.hpp"

namespace aurixa::safety {
namespace {

struct Word {
  std::size_t b, e;   // byte offsets in the text
  std::string lower;  // ASCII-lower-cased, apostrophes normalised to '
  bool cap = false;   // starts with an upper-case letter
  bool alpha = true;  // letters (and ' - .) only
  unsigned f = 0;     // WordFlag bits of the lower-cased word
};

enum WordFlag : unsigned {
  kStop = 1,
  kNonName = 2,
  kRelation = 4,
  kClinician = 8,
  kTitle = 16,
  kGiven = 32,
  kCue = 64
};
unsigned word_flags(std::string_view lower);

bool ascii_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_word_byte(unsigned char c) { return ascii_alpha(c) || c >= 0x80; }

// Words of the text with offsets. ASCII is handled inline; utf8proc only classifies a non-ASCII first letter.
std::vector<Word> split_words(std::string_view t) {
  std::vector<Word> out;
  out.reserve(t.size() / 5 + 1);
  std::size_t i = 0;
  const std::size_t n = t.size();
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  while (i < n) {
    if (!is_word_byte(at(i)) && !ascii_digit(at(i))) {
      ++i;
      continue;
    }
    Word w;
    w.b = i;
    while (i < n) {
      const auto d = at(i);
      if (is_word_byte(d) || ascii_digit(d)) {
        ++i;
        continue;
      }
      // Keep internal apostrophes/hyphens ("O'Brien", "Mary-Jane"), also a curly apostrophe.
      const bool inner = i + 1 < n && is_word_byte(at(i + 1));
      if ((d == '\'' || d == '-') && inner) {
        ++i;
        continue;
      }
      if (d == 0xE2 && i + 3 < n && at(i + 1) == 0x80 && at(i + 2) == 0x99 && is_word_byte(at(i + 3))) {
        i += 3;
        continue;
      }
      break;
    }
    w.e = i;
    if (w.e - w.b == 1 && i < n && t[i] == '.' && at(w.b) >= 'A' && at(w.b) <= 'Z') w.e = ++i;  // initial "J."
    std::string_view s = t.substr(w.b, w.e - w.b);
    w.lower.reserve(s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      const auto ch = static_cast<unsigned char>(s[k]);
      if (ch == 0xE2 && k + 2 < s.size() && static_cast<unsigned char>(s[k + 1]) == 0x80) {  // ’ -> '
        w.lower.push_back('\'');
        k += 2;
        continue;
      }
      if (ascii_digit(ch)) w.alpha = false;
      w.lower.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch | 0x20) : static_cast<char>(ch));
    }
    const auto first = at(w.b);
    if (first < 0x80) {
      w.cap = first >= 'A' && first <= 'Z';
    } else {
      utf8proc_int32_t cp = 0;
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                       &cp);
      w.cap = cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
    }
    w.f = word_flags(w.lower);
    out.push_back(std::move(w));
  }
  return out;
}

constexpr std::string_view kStopWords[] = {
    "and",    "or",       "the",       "a",         "an",      "i",       "im",     "i'm",    "my",        "me",
    "is",     "am",       "are",       "was",       "were",    "be",      "been",   "to",     "of",        "in",
    "on",     "at",       "for",       "from",      "with",    "by",      "dob",    "d.o.b",  "born",      "birthday",
    "ssn",    "mrn",      "phone",     "email",     "please",  "thanks",  "thank",  "can",    "could",     "would",
    "will",   "need",     "needs",     "here",      "there",   "calling", "call",   "about",  "regarding", "y",
    "e",      "pero",     "el",        "la",        "los",     "las",     "mi",     "su",     "es",        "not",
    "just",   "so",       "very",      "really",    "also",    "too",     "going",  "trying", "having",    "feeling",
    "doing",  "sick",     "tired",     "fine",      "good",    "okay",    "ok",     "sorry",  "new",       "back",
    "home",   "writing",  "looking",   "wondering", "hoping",  "patient", "who",    "what",   "when",      "where",
    "why",    "how",      "he",        "she",       "they",    "we",      "you",    "his",    "her",       "their",
    "our",    "your",     "it",        "its",       "it's",    "this",    "that",   "has",    "have",      "had",
    "do",     "does",     "did",       "get",       "got",     "needs",   "wants",  "want",   "said",      "says",
    "told",   "asked",    "if",        "but",       "because", "since",   "as",     "than",   "then",      "now",
    "today",  "tomorrow", "yesterday", "again",     "still",   "already", "yet",    "still",  "age",       "aged",
    "years",  "year",     "old",       "cell",      "number",  "address", "at",     "tengo",  "soy",       "necesito",
    "quiero", "con",      "para",      "por",       "que",     "nacido",  "nacida", "fecha",  "medicare",  "mrn#",
    "dob:",   "via",      "who's",     "whos",      "can't",   "cant",    "won't",  "wont",   "don't",     "dont",
    "didn't",
};

// Capitalised words that are not person names (places, organisations, calendar, form labels).
constexpr std::string_view kNonNameWords[] = {
    "january",    "february",   "march",        "april",    "may",        "june",     "july",     "august",
    "september",  "october",    "november",     "december", "jan",        "feb",      "mar",      "apr",
    "jun",        "jul",        "aug",          "sep",      "sept",       "oct",      "nov",      "dec",
    "monday",     "tuesday",    "wednesday",    "thursday", "friday",     "saturday", "sunday",   "street",
    "st",         "road",       "rd",           "avenue",   "ave",        "lane",     "ln",       "drive",
    "court",      "ct",         "boulevard",    "blvd",     "way",        "place",    "city",     "county",
    "state",      "north",      "south",        "east",     "west",       "beach",    "park",     "lake",
    "river",      "valley",     "hill",         "hospital", "clinic",     "medical",  "center",   "centre",
    "health",     "healthcare", "care",         "pharmacy", "insurance",  "medicare", "medicaid", "visa",
    "mastercard", "amex",       "discover",     "blue",     "cross",      "shield",   "aetna",    "cigna",
    "humana",     "kaiser",     "united",       "bank",     "university", "college",  "school",   "family",
    "medicine",   "department", "dept",         "office",   "portal",     "app",      "team",     "group",
    "services",   "airlines",   "express",      "inc",      "llc",        "corp",     "company",  "dr",
    "mr",         "mrs",        "ms",           "md",       "rn",         "do",       "np",       "pa",
    "doctor",     "nurse",      "patient",      "name",     "dob",        "ssn",      "mrn",      "npi",
    "dea",        "apt",        "suite",        "thanks",   "thank",      "hi",       "hello",    "hey",
    "dear",       "please",     "yes",          "no",       "ok",         "okay",     "urgent",   "care",
    "emergency",  "er",         "icu",          "covid",    "flu",        "walmart",  "cvs",      "walgreens",
    "target",     "amazon",     "google",       "apple",    "microsoft",  "facebook", "zoom",     "lakeview",
    "christmas",  "easter",     "thanksgiving", "am",       "pm",         "the",      "and",
};

// Staff and professional titles: the names after them are clinicians, teachers or officials, not
// patients (Italian "Dott."/"Dott.ssa" included).
constexpr std::string_view kClinicianTitles[] = {
    "dr",      "dr.",        "doctor", "dra",      "doc",        "nurse",     "prof",       "professor",
    "np",      "pa",         "rn",     "provider", "dentist",    "therapist", "pharmacist", "dott",
    "ssa",     "dottoressa", "coach",  "teacher",  "instructor", "officer",   "counselor",  "counsellor",
    "surgeon", "midwife",    "tutor",  "pastor",   "father",     "sister",    "rev",        "reverend"};
constexpr std::string_view kPersonTitles[] = {"mr", "mrs", "ms", "miss", "mx", "sr", "sra", "srta"};
constexpr std::string_view kRelationWords[] = {
    "wife",        "husband", "son",           "daughter",   "mother",     "mom",         "mum",      "mama",
    "father",      "dad",     "papa",          "brother",    "sister",     "grandmother", "grandma",  "granny",
    "grandfather", "grandpa", "granddaughter", "grandson",   "caregiver",  "aunt",        "uncle",    "cousin",
    "friend",      "partner", "boyfriend",     "girlfriend", "fiance",     "fiancee",     "child",    "kid",
    "baby",        "twins",   "nephew",        "niece",      "neighbor",   "neighbour",   "roommate", "spouse",
    "guardian",    "stepson", "stepdaughter",  "stepmother", "stepfather", "sibling",     "children", "kids",
    "esposo",      "esposa",  "hijo",          "hija",       "madre",      "padre",       "hermano",  "hermana",
    "abuela",      "abuelo",  "named",         "called",     "contact",    "cc",          "patient",  "pt",
    "for",         "soy",     "signed",        "regards",    "sincerely",  "hi",          "hello",    "dear",
    "hey",         "thanks",  "said",          "says",       "asked",      "told",        "replied",  "add",
    "beneficiary", "member",
};

// One lookup per word gives every property the rules need (FNV-1a: short words hash in a few ns).
struct Fnv {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

unsigned word_flags(std::string_view lower) {
  static const std::unordered_map<std::string_view, unsigned, Fnv> table = [] {
    std::unordered_map<std::string_view, unsigned, Fnv> m;
    for (auto w : kStopWords) m[w] |= kStop;
    for (auto w : kNonNameWords) m[w] |= kNonName;
    for (auto w : kRelationWords) m[w] |= kRelation;
    for (auto w : kClinicianTitles) m[w] |= kClinician;
    for (auto w : kPersonTitles) m[w] |= kTitle;
    for (auto w : given_name_list()) m[w] |= kGiven;
    // Words after which a name may follow in lower case ("my name is jorge", "i'm ana", "me llamo rosa").
    for (auto w : {"is", "llamo", "es", "name", "nombre", "are", "i'm", "im", "am", "its", "it's", "and"}) m[w] |= kCue;
    return m;
  }();
  auto it = table.find(lower);
  return it == table.end() ? 0u : it->second;
}

// Only spaces (and for strong cues also ':' or ',') may stand between a cue and the name.
bool gap_ok(std::string_view text, std::size_t from, std::size_t to, bool allow_colon) {
  for (std::size_t i = from; i < to; ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') continue;
    if (allow_colon && (c == ':' || c == ',' || c == '-' || c == '#')) continue;
    return false;
  }
  return true;
}

bool name_word(const Word& w) { return w.alpha && w.lower.size() >= 2 && !(w.f & kStop); }

std::size_t strip_possessive(std::string_view text, const Word& w) {
  std::string_view s = text.substr(w.b, w.e - w.b);
  if (s.size() > 2 && (s.ends_with("'s") || s.ends_with("'S"))) return w.e - 2;
  if (s.size() > 4 && s.ends_with("\xE2\x80\x99s")) return w.e - 4;
  return w.e;
}

}  // namespace

std::vector<NameSpan> find_person_names(std::string_view text) {
  const std::vector<Word> w = split_words(text);
  std::vector<NameSpan> out;
  std::vector<bool> used(w.size(), false);
  auto emit = [&](std::size_t first, std::size_t last, double score) {
    for (std::size_t k = first; k <= last; ++k) used[k] = true;
    out.push_back({w[first].b, strip_possessive(text, w[last]), score});
  };
  auto prev_is = [&](std::size_t i, std::size_t back, std::string_view s) {
    return i >= back && w[i - back].lower == s;
  };
  // Extends a name from word i over following words joined by single spaces.
  auto extend = [&](std::size_t i, bool need_cap, std::size_t max_words) {
    std::size_t last = i;
    while (last + 1 < w.size() && last + 1 - i < max_words && gap_ok(text, w[last].e, w[last + 1].b, false) &&
           w[last + 1].b - w[last].e == 1 && name_word(w[last + 1]) && !(w[last + 1].f & kNonName) &&
           (!need_cap || w[last + 1].cap))
      ++last;
    return last;
  };

  // Words that can introduce a lower-case name; any other lower-case word is skipped at once (the
  // common case, which keeps this scan cheap).
  auto cue = [&](std::size_t i) {
    if (i == 0) return false;
    return (w[i - 1].f & (kCue | kRelation)) != 0;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (used[i] || (!w[i].cap && !cue(i))) continue;
    if (!name_word(w[i]) || (w[i].f & kNonName)) continue;
    const bool after_possessive =
        i >= 2 && (w[i - 2].lower == "my" || w[i - 2].lower == "our" || w[i - 2].lower == "his" ||
                   w[i - 2].lower == "her" || w[i - 2].lower == "mi");
    if (w[i].f & kClinician) continue;
    if (i > 0 && (w[i - 1].f & kClinician) && !after_possessive) continue;
    const bool known = w[i].f & kGiven;

    // Strong cues: "my name is", "name:", "patient name:", "me llamo", "mi nombre es", "full name".
    const bool strong = (prev_is(i, 1, "is") && prev_is(i, 2, "name")) ||
                        (prev_is(i, 1, "llamo") && prev_is(i, 2, "me")) ||
                        (prev_is(i, 1, "es") && prev_is(i, 2, "nombre")) ||
                        ((prev_is(i, 1, "name") || prev_is(i, 1, "nombre")) &&
                         text.substr(w[i - 1].e, w[i].b - w[i - 1].e).find(':') != std::string_view::npos) ||
                        (prev_is(i, 1, "are") && prev_is(i, 2, "names"));
    if (strong && gap_ok(text, w[i - 1].e, w[i].b, true)) {
      emit(i, extend(i, false, 3), 0.85);
      continue;
    }
    // Titles of patients.
    if (i > 0 && (w[i - 1].f & kTitle) && w[i].cap) {
      const std::size_t last = extend(i, true, 2);
      emit(i, last, last > i ? 0.75 : 0.45);  // "Mr. Rogers" alone is as often staff as a patient
      continue;
    }
    // Medium cues: "I'm", "I am", "this is", "it's", relation words, "patient", "for".
    const bool medium =
        i > 0 && gap_ok(text, w[i - 1].e, w[i].b, w[i - 1].lower == "patient" || w[i - 1].lower == "pt") &&
        (w[i - 1].lower == "i'm" || w[i - 1].lower == "im" || (prev_is(i, 1, "am") && prev_is(i, 2, "i")) ||
         (prev_is(i, 1, "is") && prev_is(i, 2, "this")) || w[i - 1].lower == "it's" || w[i - 1].lower == "its" ||
         (w[i - 1].f & kRelation) || (prev_is(i, 1, "and") && !out.empty() && i >= 2 && used[i - 2]));
    const bool next_cap =
        i + 1 < w.size() && w[i + 1].cap && name_word(w[i + 1]) && !(w[i + 1].f & kNonName) && w[i + 1].b - w[i].e == 1;
    if (medium && ((w[i].cap && (known || next_cap)) || (!w[i].cap && known))) {
      emit(i, extend(i, w[i].cap, 3), 0.8);
      continue;
    }
    // No cue: a known given name followed by a capitalised surname.
    if (w[i].cap && known && next_cap) {
      emit(i, extend(i, true, 3), 0.75);
      continue;
    }
  }
  return out;
}

}  // namespace aurixa::safety
