// PERSON detection without a model: capitalisation + a given-name gazetteer + context cues.
//  - strong cues ("my name is", "patient name:", "me llamo") accept any 1-3 name words, even lower case;
//  - medium cues ("I'm", "this is", "patient", "for", "my husband", "my caregiver") need a known given
//    name or a capitalised pair;
//  - no cue: a capitalised known given name followed by a capitalised surname ("Gwen Adler");
//  - titles: "Mr./Mrs./Ms." + capitalised words. Clinicians ("Dr. Lopez", "Nurse Kim") are not patients
//    and are never reported.
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

#include "roles/safety/language.hpp"
#include "roles/safety/pii.hpp"
#include "roles/safety/pii_person_words.hpp"

namespace aurixa::safety {
namespace {

using namespace person_words;  // the word flags and lists

struct Word {
  std::size_t b, e;   // byte offsets in the text
  std::string lower;  // ASCII-lower-cased, apostrophes normalised to '
  bool cap = false;   // starts with an upper-case letter
  bool alpha = true;  // letters (and ' - .) only
  unsigned f = 0;     // WordFlag bits of the lower-cased word
  mutable signed char common = -1;  // common_word() once computed (-1: not yet)
};

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
    w.lower.assign(s);  // lower-cased in place below (no per-byte push_back)
    bool curly = false;
    for (char& c : w.lower) {
      const auto ch = static_cast<unsigned char>(c);
      if (ch >= 'A' && ch <= 'Z')
        c = static_cast<char>(ch | 0x20);
      else if (ch >= '0' && ch <= '9')
        w.alpha = false;
      else if (ch == 0xE2)
        curly = true;
    }
    if (curly) {  // ’ (E2 80 99 and its E2 80 xx neighbours) -> '
      std::string folded;
      folded.reserve(w.lower.size());
      for (std::size_t k = 0; k < w.lower.size(); ++k) {
        if (static_cast<unsigned char>(w.lower[k]) == 0xE2 && k + 2 < w.lower.size() &&
            static_cast<unsigned char>(w.lower[k + 1]) == 0x80) {
          folded.push_back('\'');
          k += 2;
          continue;
        }
        folded.push_back(w.lower[k]);
      }
      w.lower = std::move(folded);
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
    // A possessive carries the name flags of its base ("Misty's", "Laura's").
    if (w.lower.size() > 3 && w.lower.ends_with("'s"))
      w.f |= word_flags(std::string_view(w.lower).substr(0, w.lower.size() - 2)) & (kGiven | kGivenExt);
    out.push_back(std::move(w));
  }
  return out;
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

// A common English word, also through a regular inflection ("walked", "bodies", "quickly").
bool common_word_uncached(const Word& w) {
  if (w.f & kCommon) return true;
  std::string_view s = w.lower;
  // Contractions: "What's", "Let's", "We'll", "Don't".
  for (std::string_view c : {"'s", "'ll", "'re", "'d", "'ve", "'m", "n't"})
    if (s.size() > c.size() + 1 && s.ends_with(c)) {
      s.remove_suffix(c.size());
      if (word_flags(s) & (kCommon | kStop)) return true;
      break;
    }
  return inflected_common(s);
}

bool common_word(const Word& w) {
  if (w.common < 0) w.common = common_word_uncached(w) ? 1 : 0;
  return w.common == 1;
}

bool all_caps(std::string_view text, const Word& w) {
  if (w.e - w.b < 2) return false;
  for (std::size_t k = w.b; k < w.e; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c >= 'a' && c <= 'z') return false;
  }
  return true;
}

// Whether `s` is one of the words of `list` (an array of string_view).
template <typename List>
bool in_list(std::string_view s, const List& list) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

bool name_word(const Word& w) { return w.alpha && w.lower.size() >= 2 && !(w.f & kStop); }

// A given name on its own evidence: in the curated list, or in the wider list and not a common English word
// ("Katrine" yes; "Grace", "Will", "May" need a cue).
bool known_given(const Word& w) { return (w.f & kGiven) || ((w.f & kGivenExt) && !common_word(w)); }

// One letter, also a non-ASCII one ("Ó" in "Halldór Ó Árnþórsson").
bool one_letter(std::string_view s) {
  if (s.size() == 1) return true;
  const auto c = static_cast<unsigned char>(s[0]);
  return s.size() == ((c & 0xE0) == 0xC0 ? 2u : (c & 0xF0) == 0xE0 ? 3u : 0u);
}

// "ström's" -> "ström" (Word::lower has the apostrophe normalised to ').
std::string_view possessive_base(std::string_view lower) {
  if (lower.size() > 3 && lower.ends_with("'s")) lower.remove_suffix(2);
  return lower;
}

std::size_t strip_possessive(std::string_view text, const Word& w) {
  std::string_view s = text.substr(w.b, w.e - w.b);
  if (s.size() > 2 && (s.ends_with("'s") || s.ends_with("'S"))) return w.e - 2;
  if (s.size() > 4 && s.ends_with("\xE2\x80\x99s")) return w.e - 4;
  return w.e;
}

}  // namespace

std::vector<NameSpan> find_person_names(std::string_view text, std::vector<NameSpan>* declined) {
  const std::vector<Word> w = split_words(text);
  std::vector<NameSpan> out;
  // Words the staff policy keeps out on purpose (titles, names after Dr/Prof, booked providers).
  auto decline = [&](std::size_t first, std::size_t last) {
    if (declined) declined->push_back({w[first].b, w[last].e, 0});
  };
  std::vector<char> used(w.size(), 0);  // char, not bool: read in every rule
  auto emit = [&](std::size_t first, std::size_t last, double score) {
    for (std::size_t k = first; k <= last; ++k) used[k] = true;
    out.push_back({w[first].b, strip_possessive(text, w[last]), score});
  };
  auto prev_is = [&](std::size_t i, std::size_t back, std::string_view s) {
    return i >= back && w[i - back].lower == s;
  };
  // Spanish text: two or more Spanish function words, or one in a message the language detector reads as
  // Spanish ("recomiéndame una película"). Only there are "una", "ella", "mia" words rather than names ("mia
  // has a rash" names Mia).
  const auto es_words = std::count_if(w.begin(), w.end(), [](const Word& x) { return (x.f & kEsFunction) != 0; });
  const bool spanish = es_words >= 2 || (es_words == 1 && detect_language(text) == "es");
  // In Spanish text a Spanish verb or pronoun ends a lower-case name ("mi hija sofia tiene fiebre"); the
  // particles "de" and "del" may sit inside one ("jose de jesus").
  auto spanish_break = [&](const Word& x) {
    return spanish && (x.f & kEsFunction) && !x.cap && x.lower != "de" && x.lower != "del";
  };
  // Extends a name from word i over following words joined by single spaces.
  auto extend = [&](std::size_t i, bool need_cap, std::size_t max_words) {
    std::size_t last = i;
    while (last + 1 < w.size() && last + 1 - i < max_words && gap_ok(text, w[last].e, w[last + 1].b, false) &&
           w[last + 1].b - w[last].e == 1 && name_word(w[last + 1]) && !(w[last + 1].f & kNonName) &&
           (!need_cap || w[last + 1].cap) && !spanish_break(w[last + 1]))
      ++last;
    return last;
  };

  // Words that can introduce a lower-case name; any other lower-case word is skipped at once (the
  // common case, which keeps this scan cheap).
  auto cue = [&](std::size_t i) {
    if (i == 0) return false;
    return (w[i - 1].f & (kCue | kRelation)) != 0;
  };
  // A capitalised word that may be (part of) a name: a given name, or not a common word.
  auto proper = [&](std::size_t k) {
    const Word& x = w[k];
    if (!name_word(x) || (x.f & (kNonName | kClinician | kTitle | kOrg))) return false;
    if (x.f & kGiven) return !all_caps(text, x) || x.lower.size() > 2;
    return !all_caps(text, x) && !common_word(x) && !drug_like(x.lower);
  };
  // "shouted at Tiffany", "talking to Ines", "married to Ruud": a verb of addressing someone, then the name.
  auto addressed = [&](std::size_t i) {
    if (i < 2) return false;
    const std::string_view p = w[i - 1].lower;
    return (p == "at" || p == "to" || p == "with") && (w[i - 2].f & kAddressVerb);
  };
  // A capitalised street-type word after the run makes it a street: "Inna Loop", "Mathias Pass".
  auto street_after = [&](std::size_t last) {
    return last + 1 < w.size() && w[last + 1].cap && (w[last + 1].f & kStreet) != 0;
  };
  // Words around a single proper noun that make it a person: "Katrine is", "said Gladys", "Kaczmarek's".
  auto person_context = [&](std::size_t first, std::size_t last) {
    static constexpr std::string_view kAfter[] = {
        "said", "says", "told", "asked", "was",  "is",    "has",   "had",     "will",  "would",   "and",   "spent",
        "wrote", "sang", "flew", "lives", "works", "were", "called", "replied", "went", "shouted", "began", "just"};
    static constexpr std::string_view kBefore[] = {"by",     "with",  "to",    "and",   "named", "called", "dear",
                                                   "hi",     "hello", "thanks", "under", "of",   "ex",     "about",
                                                   "for",    "said",  "says",  "shouted", "is",  "starring", "me"};
    if (strip_possessive(text, w[last]) != w[last].e) return true;
    if (first > 0 && (w[first - 1].f & kRelation)) return true;
    if (addressed(first)) return true;
    // An eponymous modifier: "the Castro novel", "the Lindqvist family".
    if (first > 0 && w[first - 1].lower == "the" && last + 1 < w.size() && (w[last + 1].f & kEponym))
      return true;
    // A speaker label or a vocative at the start of a line: "Vinka: What a wife.", "Cora, can I ...".
    if (first == 0 || text.substr(w[first - 1].e, w[first].b - w[first - 1].e).find('\n') != std::string_view::npos) {
      const std::size_t after = w[last].e;
      if (after < text.size() && (text[after] == ':' || text[after] == ',')) return true;
    }
    // A vocative: ", Derrick!" / ", Anna?"
    if (first > 0 && text.substr(w[first - 1].e, w[first].b - w[first - 1].e) == ", " && w[last].e < text.size() &&
        (text[w[last].e] == '!' || text[w[last].e] == '?'))
      return true;
    if (last + 1 < w.size())
      for (auto a : kAfter)
        if (w[last + 1].lower == a) return true;
    if (first > 0)
      for (auto b : kBefore)
        if (w[first - 1].lower == b) return true;
    return false;
  };
  // Narrower cues for a given name that is also a common word: a possessive, a relation word or greeting
  // before it, a speech verb after it, a vocative.
  auto strong_person_context = [&](std::size_t i) {
    static constexpr std::string_view kAfter[] = {"said", "says", "told", "asked", "replied", "shouted", "wrote"};
    static constexpr std::string_view kBefore[] = {"named", "called", "dear", "hi",      "hello", "thanks",
                                                   "given", "gave",   "met",  "married", "thank"};
    if (strip_possessive(text, w[i]) != w[i].e) return true;
    if (i > 0 && (w[i - 1].f & kRelation)) return true;
    if (addressed(i)) return true;
    if (i > 0 && text.substr(w[i - 1].e, w[i].b - w[i - 1].e) == ", " && w[i].e < text.size() &&
        (text[w[i].e] == '!' || text[w[i].e] == '?'))
      return true;
    if (i + 1 < w.size())
      for (auto a : kAfter)
        if (w[i + 1].lower == a) return true;
    if (i > 0)
      for (auto b : kBefore)
        if (w[i - 1].lower == b) return true;
    return false;
  };
  // Policy: the clinic's own staff are not patient PII. A lone surname that the message books or asks
  // "with"/"for"/"to" ("an appointment with Ricci", "speak to Torres", "Lee's free time") names a
  // provider when the message is about scheduling.
  int sched = -1;  // lazily: does the text talk about scheduling?
  auto scheduling = [&] {
    if (sched < 0) {
      sched = 0;
      static constexpr std::string_view kSched[] = {"appointment", "meeting", "session", "book", "booking",
                                                    "schedule", "reschedule", "cancel", "interview", "visit",
                                                    "availability", "available", "calendar", "consult", "check-in",
                                                    "slot", "speak", "see", "meet"};
      for (const auto& x : w) {
        for (auto k : kSched)
          if (x.lower == k || (x.lower.size() > k.size() && x.lower.starts_with(k))) sched = 1;
        if (sched) break;
      }
    }
    return sched == 1;
  };
  // The word before a name (or before its title) books the person: "with Mr. Rogers", "speak to Ricci".
  auto booked = [&](std::size_t k) {
    if (k == 0) return false;
    const auto& p = w[k - 1].lower;
    if (p == "with") return true;
    return (p == "for" || p == "to" || p == "of" || p == "see") && scheduling();
  };
  auto provider_ref = [&](std::size_t first, std::size_t last) {
    if (first == last && booked(first)) return true;
    if (strip_possessive(text, w[last]) != w[last].e && last + 1 < w.size()) {
      const auto& n = w[last + 1].lower;
      if (n == "schedule" || n == "calendar" || n == "availability" || n == "free" || n == "office" || n == "next")
        return true;
    }
    return false;
  };
  // Word k is in a list "X, Y and Z <org word>" ("Davis, Reynolds and Williamson Orchestra"): a company.
  // The words before i make a capitalised run (without a known given name) an employer or a destination:
  // "I work for Datamyne", "employed by Corvanta", "originally from Marindia", "flew to Loeches",
  // "the city of X" / "home city X".
  auto org_or_place_cue = [&](std::size_t i) {
    if (i == 0) return false;
    const std::string_view p1 = w[i - 1].lower, p2 = i >= 2 ? std::string_view(w[i - 2].lower) : std::string_view();
    static constexpr std::string_view kMotion[] = {
        "flew",     "fly",    "flying", "moved", "move",      "moving",     "returned",  "return", "travelled",
        "traveled", "travel", "drove",  "went",  "relocated", "relocating", "emigrated", "welcome"};
    static constexpr std::string_view kOrigin[] = {"originally", "come", "comes", "came", "hail", "hails"};
    static constexpr std::string_view kWork[] = {"work",       "works",     "worked",     "working",
                                                 "job",        "intern",    "interned",   "employed",
                                                 "consultant", "volunteer", "volunteered"};
    if (p1 == "to" && in_list(p2, kMotion)) return true;
    if (p1 == "from" && in_list(p2, kOrigin)) return true;
    if ((p1 == "for" || p1 == "at" || p1 == "by") && in_list(p2, kWork)) return true;
    if (p1 == "city" || p1 == "town" || p1 == "village" || p1 == "county" || p1 == "province") return true;
    return false;
  };
  // Word i begins a sentence (or a line, or a quotation), where any word is capitalised.
  auto sentence_start = [&](std::size_t i) {
    if (i == 0) return true;
    return text.substr(w[i - 1].e, w[i].b - w[i - 1].e).find_first_of(".!?\n\":;") != std::string_view::npos;
  };
  // The title at word k names the writer: "my name ... correct it to Dr. Anette Lahtela", "I'm Dr. Ruiz".
  // The staff policy is about the clinic's people; a patient's own name is PII whatever its title.
  auto self_named = [&](std::size_t k) {
    if (k > 0 && (w[k - 1].lower == "i'm" || w[k - 1].lower == "im")) return true;
    if (k > 1 && w[k - 1].lower == "am" && w[k - 2].lower == "i") return true;
    for (std::size_t j = k; j >= 2 && k - j < 16; --j) {
      if (sentence_start(j)) break;
      if (w[j - 1].lower == "name" && w[j - 2].lower == "my") return true;
    }
    return false;
  };
  auto org_list = [&](std::size_t k) {
    std::size_t end = k;
    while (end + 2 < w.size() && (text.substr(w[end].e, w[end + 1].b - w[end].e) == ", " || w[end + 1].lower == "and"))
      end += w[end + 1].lower == "and" ? 2 : 1;
    return end + 1 < w.size() && (w[end + 1].f & kOrg) && w[end + 1].cap;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (used[i] || (!w[i].cap && !cue(i))) continue;
    if (spanish && !w[i].cap && (w[i].f & kEsFunction)) continue;  // "mi esposa de repente ...": no name
    // A month or place that is also a given name, before a surname: "Jan Jílek", "June Kowalczyk" (not
    // "Jan 5", "May Street").
    if (w[i].cap && (w[i].f & kNonName) && (w[i].f & (kGiven | kGivenExt)) && !(w[i].f & (kStreet | kClinician)) &&
        i + 1 < w.size() && w[i + 1].b - w[i].e == 1 && proper(i + 1) && !street_after(i + 1) &&
        !(i + 2 < w.size() && ascii_digit(static_cast<unsigned char>(text[w[i + 2].b])))) {
      emit(i, extend(i + 1, true, 2), 0.65);
      continue;
    }
    if (!name_word(w[i]) || (w[i].f & kNonName)) continue;
    const bool after_possessive =
        i >= 2 && (w[i - 2].lower == "my" || w[i - 2].lower == "our" || w[i - 2].lower == "his" ||
                   w[i - 2].lower == "her" || w[i - 2].lower == "mi");
    if (w[i].f & kClinician) {
      decline(i, i);
      continue;
    }
    if (i > 0 && (w[i - 1].f & kClinician) && !after_possessive) {
      if (w[i].cap && self_named(i - 1)) {
        emit(i, extend(i, true, 3), 0.7);
        continue;
      }
      decline(i - 1, extend(i, true, 3));
      continue;
    }
    if (i > 1 && (w[i - 2].f & kClinician) && !w[i - 1].cap && w[i - 1].lower.size() <= 3) {  // Dr. de Luca
      decline(i - 2, extend(i, true, 3));
      continue;
    }
    if (i > 1 && (w[i - 2].f & kClinician) && (w[i - 1].lower == "de" || w[i - 1].lower == "van" ||
                                               w[i - 1].lower == "von" || w[i - 1].lower == "di")) continue;
    const bool known = known_given(w[i]);

    // Strong cues: "my name is", "name:", "patient name:", "me llamo", "mi nombre es", "full name".
    const bool strong = (prev_is(i, 1, "is") && prev_is(i, 2, "name")) ||
                        (prev_is(i, 1, "llamo") && prev_is(i, 2, "me")) ||
                        (prev_is(i, 1, "es") && prev_is(i, 2, "nombre")) ||
                        ((prev_is(i, 1, "name") || prev_is(i, 1, "nombre")) &&
                         text.substr(w[i - 1].e, w[i].b - w[i - 1].e).find(':') != std::string_view::npos) ||
                        (prev_is(i, 1, "are") && prev_is(i, 2, "names")) ||
                        // "people call me višeslav", "call me Rosa" (not "call me back": stop and common words)
                        ((prev_is(i, 1, "me") && i >= 2 && (prev_is(i, 2, "call") || prev_is(i, 2, "calls"))) &&
                         (known || !common_word(w[i]))) ||
                        // "What's your (last) name? Boyle"
                        (prev_is(i, 1, "name") && w[i].cap &&
                         text.substr(w[i - 1].e, w[i].b - w[i - 1].e).find('?') != std::string_view::npos);
    if (strong && (gap_ok(text, w[i - 1].e, w[i].b, true) || w[i].cap) &&
        (w[i].cap || known || !common_word(w[i]))) {  // not "my name is misspelled"
      emit(i, extend(i, false, 3), 0.85);
      continue;
    }
    // Titles of patients.
    if (i > 0 && (w[i - 1].f & kTitle) && w[i].cap) {
      const std::size_t last = extend(i, true, 2);
      if (last == i && (booked(i - 1) || provider_ref(i, last))) {  // "my session with Ms. Davis"
        decline(i - 1, last);
        continue;
      }
      // Staff are named with Dr/Nurse/Prof titles (never reported); Mr/Mrs/Ms + a surname is a patient.
      emit(i, last, last > i ? 0.75 : 0.6);
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
    // A capitalised run next to an organisation word ("for Rapid Cycle Solutions", "Davis, Reynolds and
    // Williamson Orchestra") is a company.
    auto org_near = [&](std::size_t first, std::size_t last) {
      for (std::size_t k = first; k <= last + 1 && k < w.size(); ++k)
        if ((w[k].f & kOrg) && w[k].cap) return true;
      return false;
    };
    if (medium && ((w[i].cap && (known || next_cap)) || (!w[i].cap && known))) {
      const std::size_t last = extend(i, w[i].cap, 3);
      if (!org_near(i, last) && !street_after(last)) {
        emit(i, last, 0.8);
        continue;
      }
    }
    // No cue: a known given name followed by a capitalised surname.
    if (w[i].cap && known && next_cap) {
      const std::size_t last = extend(i, true, 3);
      if (!org_near(i, last) && !street_after(last)) {
        emit(i, last, 0.75);
        continue;
      }
    }
    // A given name that is also a common word, before a proper surname: "Lea Petersen", "Grace Kowalczyk".
    if (w[i].cap && (w[i].f & kGivenExt) && !known && i + 1 < w.size() && w[i + 1].b - w[i].e == 1 &&
        proper(i + 1) && !all_caps(text, w[i]) && !booked(i)) {
      const std::size_t last = extend(i, true, 3);
      if (!org_near(i, last) && !street_after(last)) {
        emit(i, last, 0.7);
        continue;
      }
    }
    // A given name that is also a common word ("Misty", "Belle", "Grace"), capitalised inside a sentence
    // and with a person cue around it ("Misty's daughter", "had given Belle", ", Derrick!").
    if (w[i].cap && (w[i].f & kGivenExt) && !proper(i) && name_word(w[i]) &&
        !(w[i].f & (kNonName | kClinician | kTitle | kOrg)) && !all_caps(text, w[i]) && !sentence_start(i) &&
        !(i > 0 && (w[i - 1].f & kLocPrep)) && strong_person_context(i) && !provider_ref(i, i) && !org_list(i)) {
      emit(i, i, 0.6);
      continue;
    }
    // No cue: a run of proper nouns, i.e. capitalised words that are given names or not common English
    // words ("Weronika Martinsen", "Stefanía K. Oddgeirsdóttir", "Katrine"), with middle initials and
    // particles ("ten", "van", "de"). Not after a preposition of place, not next to an organisation word,
    // not ALL CAPS (city lines of addresses), not drug names. A single unknown word needs a person cue.
    if (w[i].cap && proper(i)) {
      std::size_t last = i, props = 1;
      bool given = known;
      while (last + 1 < w.size() && w[last + 1].b - w[last].e == 1 && last + 1 - i < 4) {
        const std::size_t k = last + 1;
        if (w[k].cap && proper(k)) {
          ++props;
          given = given || (w[k].f & kGiven);
          last = k;
          continue;
        }
        const bool initial = w[k].cap && (one_letter(w[k].lower) || (w[k].lower.size() == 2 && w[k].lower[1] == '.'));
        static constexpr std::string_view kParticles[] = {"ten", "ter", "van", "von", "zu", "de", "da", "del", "der",
                                                          "dos", "das", "du",  "le",  "la",  "bin", "di"};
        bool particle = false;
        if (!w[k].cap && w[k].lower.size() <= 3)
          for (auto p : kParticles) particle = particle || w[k].lower == p;
        // After a particle a capitalised common word is a surname too ("Willemine ten Pas").
        const bool surname_after_particle = particle && k + 1 < w.size() && w[k + 1].cap && name_word(w[k + 1]) &&
                                            !all_caps(text, w[k + 1]) &&
                                            !(w[k + 1].f & (kStreet | kOrg | kClinician | kTitle));
        if ((initial || particle) && k + 1 < w.size() && w[k + 1].b - w[k].e == 1 && w[k + 1].cap &&
            (proper(k + 1) || surname_after_particle)) {
          ++props;
          given = given || (w[k + 1].f & kGiven);
          last = k + 1;
          continue;
        }
        // Two particles: "Maika van de Noort".
        const auto is_particle = [&](std::size_t q) {
          return !w[q].cap && (w[q].lower == "van" || w[q].lower == "de" || w[q].lower == "der" ||
                               w[q].lower == "den" || w[q].lower == "la" || w[q].lower == "von");
        };
        if (particle && k + 2 < w.size() && is_particle(k + 1) && w[k + 2].cap && proper(k + 2) &&
            w[k + 1].b - w[k].e == 1 && w[k + 2].b - w[k + 1].e == 1) {
          ++props;
          last = k + 2;
          continue;
        }
        break;
      }
      const bool org_next = last + 1 < w.size() && (w[last + 1].f & kOrg) && w[last + 1].cap;
      const bool place = (i > 0 && (w[i - 1].f & kLocPrep) && !after_possessive) || (!given && org_or_place_cue(i));
      const bool hyphen_org = props == 1 && text.substr(w[i].b, w[i].e - w[i].b).find('-') != std::string_view::npos;
      const bool provider = provider_ref(i, last);
      if (provider) decline(i, last);
      if (!org_next && !place && !hyphen_org && !provider && !org_list(last) && !street_after(last)) {
        double score = 0;
        if (given || props >= 2)
          score = given ? 0.7 : 0.62;
        else if (person_context(i, last))
          score = 0.6;
        if (score > 0) {
          emit(i, last, score);
          continue;
        }
      }
      i = last;  // the rest of the run is not a separate name
    }
  }
  // Capitalised words a scheduling message books ("a portfolio review with De Angelis", "Messina's
  // availability") are declined too.
  if (declined)
    for (std::size_t i = 0; i < w.size(); ++i)
      if (!used[i] && w[i].cap && (booked(i) || provider_ref(i, i))) decline(i, extend(i, true, 3));
  // A list after a plural noun for people and a colon starts with a name: "our 3 founders: Šušulić, Bowman
  // and White" (the list rule below takes the rest).
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (used[i] || !w[i].cap || !name_word(w[i]) || all_caps(text, w[i]) ||
        (w[i].f & (kNonName | kClinician | kTitle | kOrg)) || !(w[i - 1].f & kPeople))
      continue;
    const std::string_view gap = text.substr(w[i - 1].e, w[i].b - w[i - 1].e);
    if (gap.find(':') == std::string_view::npos || gap.find_first_not_of(": ") != std::string_view::npos) continue;
    const bool list = i + 1 < w.size() && (text.substr(w[i].e, w[i + 1].b - w[i].e) == ", " || w[i + 1].lower == "and");
    if (list && !org_list(i)) emit(i, i, 0.6);
  }
  // Lists: a lone proper noun joined by "," or "and" to a reported name is a name too ("our founders:
  // Kónya, Becker and Vasquez"). Repeated so a list grows in both directions.
  for (int round = 0; round < 4; ++round) {
    bool grew = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      // In a list of names a capitalised common word is a surname too ("Park and Mann", "Bowman and White").
      if (used[i] || !w[i].cap || !name_word(w[i]) || all_caps(text, w[i]) ||
          (w[i].f & (kNonName | kClinician | kTitle | kOrg | kRelation)) || drug_like(w[i].lower))
        continue;
      auto joined = [&](std::size_t a, std::size_t b) {  // words a < b joined by ", " or " and " or ", and "
        if (!used[a]) return false;
        std::string_view gap = text.substr(w[a].e, w[b].b - w[a].e);
        return gap == ", " || gap == " and " || gap == ", and ";
      };
      const bool left = i > 0 && joined(i - 1, i);
      const bool left_and = i > 1 && w[i - 1].lower == "and" && used[i - 2] &&
                            text.substr(w[i - 2].e, w[i - 1].b - w[i - 2].e).find_first_not_of(" ,") == std::string_view::npos;
      const bool right = i + 1 < w.size() && used[i + 1] && text.substr(w[i].e, w[i + 1].b - w[i].e) == ", ";
      const bool right_and = i + 2 < w.size() && w[i + 1].lower == "and" && used[i + 2];
      // A capitalised common word that starts a sentence is not pulled in from the right ("Wait, Derrick!").
      if ((right || right_and) && !left && !left_and && sentence_start(i) && !proper(i)) continue;
      if ((left || left_and || right || right_and) && !org_list(i)) {
        emit(i, i, 0.6);
        grew = true;
      }
    }
    if (!grew) break;
  }
  // Text written all in lower case (chat style): capitalisation says nothing, so a given name that is not a
  // common word ("selma is from ...", "the true gender of bertram has ...") counts with a person cue around
  // it, or followed by a word that is not a common word (a surname).
  {
    bool any_upper = false;
    for (char c : text)
      if (c >= 'A' && c <= 'Z') {
        any_upper = true;
        break;
      }
    static constexpr std::string_view kSpanishDeterminers[] = {"el", "la", "los", "las", "un",  "una", "mi",
                                                               "tu", "su", "esta", "este", "esa", "ese"};
    if (!any_upper)
      for (std::size_t i = 0; i < w.size(); ++i) {
        if (used[i] || !name_word(w[i]) || w[i].lower.size() < 3 || !known_given(w[i]) ||
            (w[i].f & (kNonName | kClinician | kTitle | kOrg | kRelation | kCue)) || (spanish && (w[i].f & kEsFunction)))
          continue;
        if (i > 0 && (w[i - 1].f & (kClinician | kLocPrep))) continue;
        const bool surname = i + 1 < w.size() && w[i + 1].b - w[i].e == 1 && name_word(w[i + 1]) &&
                             w[i + 1].lower.size() >= 3 && !(w[i + 1].f & (kNonName | kOrg)) &&
                             !common_word(w[i + 1]) && !drug_like(w[i + 1].lower);
        // Spanish text: after an article a word is a noun ("tiene la cara caida", "la luz me molesta"), and
        // without a person cue only the curated given names count (the wide list holds "cara", "sol").
        if (spanish && !person_context(i, i) &&
            ((i > 0 && in_list(w[i - 1].lower, kSpanishDeterminers)) || !(w[i].f & kGiven)))
          continue;
        if (surname && spanish_break(w[i + 1]))
          emit(i, i, 0.55);  // "rosalind tiene fiebre": the name, not the verb
        else if (surname)
          emit(i, i + 1, 0.6);
        else if (person_context(i, i) && !provider_ref(i, i))
          emit(i, i, 0.55);
      }
  }
  // Lists of given names, also in lower case ("they had 6: silvana, adam, christopher, kristina, chad and
  // caleb"): single words joined by ", " / " and " / ", and "; at least three items, two thirds of them
  // given names (either list; a place or month name counts only when in the curated list) and the others not
  // common words. Every item is then a name.
  std::vector<std::size_t> items;
  for (std::size_t i = 0; i < w.size();) {
    std::size_t j = i;
    auto sep = [&](std::size_t a) {  // word a+1 continues the list after word a (returns the next item)
      std::string_view gap = text.substr(w[a].e, w[a + 1].b - w[a].e);
      if (gap == ", " || gap == " and " || gap == ", and ") return a + 1;
      if ((gap == " " || gap == ", ") && w[a + 1].lower == "and" && a + 2 < w.size() &&
          text.substr(w[a + 1].e, w[a + 2].b - w[a + 1].e) == " ")
        return a + 2;
      return std::size_t{0};
    };
    items.assign(1, i);
    while (j + 1 < w.size()) {
      const std::size_t n = sep(j);
      if (!n) break;
      items.push_back(n);
      j = n;
    }
    if (items.size() >= 3) {
      std::size_t given = 0;
      bool ok = true;
      for (auto k : items) {
        const Word& x = w[k];
        const bool g = (x.f & kGiven) || ((x.f & kGivenExt) && !(x.f & kNonName));
        if (!name_word(x) || (x.f & (kClinician | kTitle | kOrg | kRelation)) || (!g && common_word(x))) ok = false;
        given += g;
      }
      const bool org = org_list(items.back()) || (j + 1 < w.size() && (w[j + 1].f & kOrg) && w[j + 1].cap);
      if (ok && !org && given * 3 >= items.size() * 2)
        for (auto k : items)
          if (!used[k]) emit(k, k, 0.6);
    }
    i = j + 1;
  }
  // The same person named again: a word of a reported name that recurs capitalised elsewhere in the text is
  // that name ("Emmie Ström's Cautionary Tales ... early Ström", "Josef had given Josef his address").
  {
    std::vector<std::string_view> seen;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (used[k] && w[k].cap && name_word(w[k]) && w[k].lower.size() >= 3 &&
          !(w[k].f & (kNonName | kClinician | kTitle | kOrg | kRelation | kStop)))
        seen.push_back(possessive_base(w[k].lower));
    std::sort(seen.begin(), seen.end());  // sorted and unique: long texts name many people many times
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    if (!seen.empty())
      for (std::size_t k = 0; k < w.size(); ++k) {
        if (used[k] || !w[k].cap || all_caps(text, w[k]) || (k > 0 && (w[k - 1].f & (kClinician | kTitle)))) continue;
        if (std::binary_search(seen.begin(), seen.end(), possessive_base(w[k].lower))) emit(k, k, 0.55);
      }
  }
  std::sort(out.begin(), out.end(), [](const NameSpan& a, const NameSpan& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace aurixa::safety
