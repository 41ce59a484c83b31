#include "roles/safety/pii_tagger.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

namespace aurixa::safety {

namespace {

struct TagWeight {
  std::uint32_t index;
  float w[kTagClasses];
};
struct TagModel {
  float add_person, add_address, veto_person;
};
#include "roles/safety/pii_tagger_weights.inc"

constexpr std::uint32_t kFnvBasis = 2166136261u;
constexpr std::uint32_t kFnvPrime = 16777619u;

constexpr std::uint32_t mix(std::uint32_t h, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) h = (h ^ ((v >> (8 * i)) & 0xffu)) * kFnvPrime;
  return h;
}
std::uint32_t hash_bytes(std::string_view s, std::uint32_t h = kFnvBasis) {
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h;
}

enum Flag : std::uint8_t {
  kCap = 1,
  kAllCaps = 2,
  kGiven = 4,
  kCommon = 8,
  kNonAscii = 16,
  kDigit = 32,
  kSentStart = 64,
  kLong = 128,
};

// Byte classes of tag_tokenize's first pass, one table load per byte instead of a chain of range tests.
enum ByteClass : std::uint8_t { kWordByte = 1, kInteresting = 2, kDigitByte = 4, kBlank = 8 };
constexpr auto kByteClass = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = 0;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) k |= kWordByte;
    if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) k |= kInteresting;
    if (c >= '0' && c <= '9') k |= kDigitByte;
    if (c == ' ' || c == '\t' || c == '\r') k |= kBlank;
    t[static_cast<std::size_t>(c)] = k;
  }
  return t;
}();

// Lower-case (ASCII) copy into buf; returns length (truncated to cap).
std::size_t lower_into(std::string_view s, char* buf, std::size_t cap) {
  const std::size_t n = std::min(s.size(), cap);
  for (std::size_t i = 0; i < n; ++i) buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
  return n;
}

}  // namespace

void tag_tokenize(std::string_view text, const std::vector<PiiEntity>& rules, const std::vector<PiiEntity>& declined,
                  std::vector<TagToken>& out, bool person_adds) {
  out.clear();
  out.reserve(text.size() / 4 + 4);
  // Pass 1: token boundaries, rule marks, sentence starts, and which words are candidates (a capital, a digit,
  // a non-ASCII letter, or a rule mark). Cheap byte tests only.
  std::size_t r = 0;
  bool sent_start = true;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::uint8_t cls = kByteClass[c];
    if (cls & kBlank) {
      ++i;
      continue;
    }
    TagToken& t = out.emplace_back();  // filled in place (a copy of a stack-built token stalls on store forwarding)
    t.b = static_cast<std::uint32_t>(i);
    if (cls & kWordByte) {
      std::size_t j = i;
      std::uint8_t seen = 0;  // union of the word's byte classes
      for (; j < text.size(); ++j) {
        const std::uint8_t k = kByteClass[static_cast<unsigned char>(text[j])];
        if (!(k & kWordByte)) break;
        seen |= k;
      }
      if (seen & kDigitByte) t.flags |= kDigit;
      t.e = static_cast<std::uint32_t>(j);
      t.word = true;
      t.candidate = (seen & kInteresting) != 0;
      if (sent_start) t.flags |= kSentStart;
      if (j - i > 40) t.flags |= kLong;
      sent_start = false;
    } else {
      t.e = static_cast<std::uint32_t>(i + 1);
      t.rep = mix(hash_bytes(text.substr(i, 1)), 0x70u);
      t.shape = t.rep;
      sent_start = c == '.' || c == '\n' || c == '!' || c == '?' || c == ':' || c == '"' || (sent_start && c != ',');
    }
    i = t.e;
    while (r < rules.size() && rules[r].end <= t.b) ++r;
    if (r < rules.size() && rules[r].begin < t.e) {
      const auto ty = rules[r].type;
      t.rule = ty == EntityType::PERSON ? 1 : ty == EntityType::ADDRESS ? 2 : 3;
      t.rule_score = static_cast<std::uint8_t>(std::min(10.0, std::max(0.0, rules[r].score * 20 - 10)));
      t.candidate = t.candidate || t.word;
    }
  }
  for (const auto& d : declined) {
    auto it =
        std::lower_bound(out.begin(), out.end(), d.begin, [](const TagToken& t, std::size_t b) { return t.e <= b; });
    for (; it != out.end() && it->b < d.end; ++it)
      if (it->rule == 0) it->rule = 4, it->candidate = it->word;
  }
  // Which words are scored: a low-score rule PERSON span (veto); outside the rules a candidate (adds). When
  // only addresses are added, a lone capitalised word without a digit cannot be one (see apply): skipped.
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& t = out[i];
    if (!t.word || !t.candidate) continue;
    if (t.rule == 1) {
      t.scored = t.rule_score < kVetoBelow;
    } else if (t.rule == 0) {
      bool addable = person_adds || (t.flags & kDigit);
      for (std::size_t k = i > 2 ? i - 2 : 0; k < std::min(out.size(), i + 3) && !addable; ++k)
        addable = k != i && out[k].word && out[k].candidate && out[k].rule == 0;
      t.scored = addable;
    }
  }
  // Pass 2: shape, flags and context form, only for words within two tokens of a scored one (its features look no
  // further). A capitalised stop word ("I", "My", "Can") is no candidate.
  // `near`: bits 0..4 = `scored` of tokens i-2..i+2 as they stand when token i is reached (only token i itself
  // changes in this loop, and only before the window moves past it).
  std::uint32_t near = 0;
  for (std::size_t k = 0; k < std::min<std::size_t>(out.size(), 3); ++k)
    near |= std::uint32_t{out[k].scored} << (k + 2);
  auto slide = [&](std::size_t i) {  // the window of token i -> that of token i + 1
    near = (near >> 1) | (i + 3 < out.size() && out[i + 3].scored ? 16u : 0u);
  };
  for (std::size_t i = 0; i < out.size(); slide(i), ++i) {
    auto& t = out[i];
    if (!t.word || !near) continue;
    const auto s = text.substr(t.b, t.e - t.b);
    // Shape: X x d u (non-ASCII letter), runs longer than two collapsed.
    char shape[16];
    std::size_t sn = 0;
    bool upper_first = false, any_lower = false, any_upper = false, non_ascii = false, digit = false;
    for (std::size_t k = 0; k < s.size();) {
      const auto ch = static_cast<unsigned char>(s[k]);
      char cls;
      if (ch < 0x80) {
        cls = ch >= '0' && ch <= '9' ? 'd' : ch >= 'A' && ch <= 'Z' ? 'X' : 'x';
        ++k;
      } else {
        utf8proc_int32_t cp = 0;
        const auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + k),
                                          static_cast<utf8proc_ssize_t>(s.size() - k), &cp);
        k += len > 0 ? static_cast<std::size_t>(len) : 1;
        non_ascii = true;
        cls = cp > 0 && utf8proc_isupper(cp) ? 'X' : cp > 0 && utf8proc_islower(cp) ? 'x' : 'u';
      }
      if (cls == 'X') any_upper = true, upper_first = upper_first || sn == 0;
      if (cls == 'x') any_lower = true;
      if (cls == 'd') digit = true;
      if (sn >= 2 && shape[sn - 1] == cls && shape[sn - 2] == cls) continue;
      if (sn < sizeof shape) shape[sn++] = cls;
    }
    t.shape = mix(hash_bytes(std::string_view(shape, sn)), 0x51u);
    if (upper_first) t.flags |= kCap;
    if (any_upper && !any_lower && s.size() > 1) t.flags |= kAllCaps;
    if (non_ascii) t.flags |= kNonAscii;
    if (digit) t.flags |= kDigit;
    char low[48];
    const auto ln = lower_into(s, low, sizeof low);
    const std::string_view lw(low, ln);
    if (t.candidate && !digit && s.size() <= 40) {
      const auto wc = classify_word(lw);
      if (wc.common) t.flags |= kCommon;
      if (wc.given) t.flags |= kGiven;
      if (wc.stop && t.rule == 0) t.candidate = t.scored = false, near &= ~4u;
    }
    // As context: a lower-case word or a common capitalised word is itself; a digit run its shape; any other
    // capitalised word its shape and gazetteer flags.
    if (digit || ((t.flags & kCap) && !(t.flags & kCommon)) || (non_ascii && !(t.flags & kCommon)))
      t.rep = mix(t.shape, t.flags & (kGiven | kCap));
    else
      t.rep = mix(hash_bytes(lw), 0x77u);
  }
  // A capitalised word right after a declined one (over a '.') belongs to it: "Dr. Okafor Brennan".
  for (std::size_t i = 1; i < out.size(); ++i) {
    if (out[i].rule != 0 || !out[i].word || !(out[i].flags & kCap)) continue;
    std::size_t p = i - 1;
    if (!out[p].word && text[out[p].b] == '.' && p > 0) --p;
    if (out[p].rule == 4 && out[i].b - out[p].e <= 2) out[i].rule = 4, out[i].candidate = true, out[i].scored = false;
  }
}

std::size_t tag_features(std::string_view text, const std::vector<TagToken>& toks, std::size_t i, bool use_rules,
                         std::uint32_t* f) {
  std::size_t n = 0;
  auto add = [&](std::uint32_t tmpl, std::uint32_t v) { f[n++] = mix(mix(kFnvBasis, tmpl), v) & (kTagBuckets - 1); };
  const auto& t = toks[i];
  auto rep = [&](std::ptrdiff_t j) -> std::uint32_t {
    if (j < 0) return 0xb0b0u;
    if (static_cast<std::size_t>(j) >= toks.size()) return 0xe0e0u;
    return toks[static_cast<std::size_t>(j)].rep;
  };
  auto rule = [&](std::ptrdiff_t j) -> std::uint32_t {
    if (!use_rules) return 7;
    if (j < 0 || static_cast<std::size_t>(j) >= toks.size()) return 9;
    return toks[static_cast<std::size_t>(j)].rule;
  };
  const std::uint32_t t_rule = rule(static_cast<std::ptrdiff_t>(i));
  const std::uint32_t t_score = use_rules ? t.rule_score : 0;
  const auto s = text.substr(t.b, t.e - t.b);
  char low[48];
  const auto ln = lower_into(s, low, sizeof low);
  const std::string_view lw(low, ln);
  const auto ii = static_cast<std::ptrdiff_t>(i);
  const std::uint32_t fl = t.flags & ~kLong;
  add(1, 0);
  if (t.flags & kCommon) add(2, hash_bytes(lw));
  if (ln >= 4 && !(t.flags & kDigit)) {
    add(3, hash_bytes(lw.substr(ln - 3)));
    add(4, hash_bytes(lw.substr(ln - 2)));
  }
  add(5, t.shape);
  add(6, fl);
  add(7, rep(ii - 1));
  add(8, rep(ii + 1));
  add(9, rep(ii - 2));
  add(10, rep(ii + 2));
  add(11, mix(rep(ii - 1), rep(ii + 1)));
  add(12, t_rule);
  add(13, rule(ii - 1));
  add(14, rule(ii + 1));
  add(15, mix(fl, t_rule));
  add(16, mix(t.shape, rep(ii - 1)));
  add(17, mix(t.shape, rep(ii + 1)));
  add(18, mix(rep(ii - 2), rep(ii - 1)));
  add(19, mix(rule(ii - 1), rule(ii + 1)));
  add(20, std::min<std::uint32_t>(static_cast<std::uint32_t>(s.size()), 12));
  add(21, mix(t_rule, t_score));
  add(22, mix(mix(t_rule, t_score), rep(ii + 1)));
  add(23, mix(rep(ii + 1), rep(ii + 2)));
  return n;
}

PiiTagger::PiiTagger() {
  if constexpr (kTagWeightCount > 0) {
    w_.assign(kTagBuckets * kTagClasses, 0.0f);
    for (const auto& tw : kTagWeights)
      for (std::size_t c = 0; c < kTagClasses; ++c) w_[tw.index * kTagClasses + c] = tw.w[c];
    t_ = {kTagModel.add_person, kTagModel.add_address, kTagModel.veto_person};
  }
}

PiiTagger::PiiTagger(std::vector<float> weights, TagThresholds t) : w_(std::move(weights)), t_(t) {}

void PiiTagger::score(const std::uint32_t* f, std::size_t n, float out[kTagClasses]) const noexcept {
  out[0] = out[1] = out[2] = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const float* w = &w_[f[k] * kTagClasses];
    out[0] += w[0], out[1] += w[1], out[2] += w[2];
  }
}

std::vector<PiiEntity> PiiTagger::apply(std::string_view text, std::vector<PiiEntity> rules,
                                        const std::vector<PiiEntity>& declined) const {
  if (w_.empty() || text.size() > (std::size_t{1} << 30)) return rules;
  std::vector<TagToken> toks;
  tag_tokenize(text, rules, declined, toks, t_.add_person < 1e8f);
  // Margins of PERSON and ADDRESS over the best other class, per token (0 for non-candidates: "other").
  std::vector<float> mp(toks.size(), -1e9f), ma(toks.size(), -1e9f);
  // mp/ma: the rules-hidden view (for adding); vp: the rules-visible view, only inside rule PERSON spans (veto).
  std::vector<float> vp(toks.size(), -1e9f);
  std::uint32_t f[kTagMaxFeatures];
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].scored) continue;
    float s[kTagClasses];
    if (toks[i].rule == 0) {
      score(f, tag_features(text, toks, i, false, f), s);
      mp[i] = s[1] - std::max(s[0], s[2]);
      ma[i] = s[2] - std::max(s[0], s[1]);
    } else if (toks[i].rule == 1) {
      score(f, tag_features(text, toks, i, true, f), s);
      vp[i] = s[1] - std::max(s[0], s[2]);
    }
  }
  // Veto: a low-score rule PERSON span none of whose tokens the tagger thinks is a name.
  std::vector<PiiEntity> kept;
  kept.reserve(rules.size());
  std::size_t ti = 0;
  for (const auto& e : rules) {
    if (e.type == EntityType::PERSON && (e.score * 20 - 10) < kVetoBelow) {
      while (ti < toks.size() && toks[ti].e <= e.begin) ++ti;
      float best = -1e9f;
      for (std::size_t k = ti; k < toks.size() && toks[k].b < e.end; ++k) best = std::max(best, vp[k]);
      if (best < t_.veto_person) continue;
    }
    kept.push_back(e);
  }
  auto calendar_word = [&](std::size_t k) {
    static constexpr std::string_view kMonths[] = {
        "january",   "february", "march",     "april",    "may",    "june",     "july",  "august",
        "september", "october",  "november",  "december", "jan",    "feb",      "mar",   "apr",
        "jun",       "jul",      "aug",       "sep",      "sept",   "oct",      "nov",   "dec",
        "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday"};
    char low[48];
    const auto ln = lower_into(text.substr(toks[k].b, toks[k].e - toks[k].b), low, sizeof low);
    const std::string_view lw(low, ln);
    for (auto m : kMonths)
      if (lw == m) return true;
    return false;
  };
  // Compass words that are also given names ("North") name a place far more often than a person when they
  // stand alone ("Lakeview North", "the West clinic").
  auto compass_word = [&](std::size_t k) {
    char low[8];
    const std::string_view lw(low, lower_into(text.substr(toks[k].b, toks[k].e - toks[k].b), low, sizeof low));
    return lw == "north" || lw == "south" || lw == "east" || lw == "west";
  };
  // Add: runs of tokens the tagger labels PERSON/ADDRESS above the threshold, outside every kept span.
  std::vector<PiiEntity> added;
  std::size_t ki = 0;
  for (std::size_t i = 0; i < toks.size();) {
    const bool person = mp[i] > t_.add_person;
    const bool address = ma[i] > t_.add_address;
    if (!toks[i].word || toks[i].rule == 4 || (!person && !address)) {
      ++i;
      continue;
    }
    const float* m = person ? mp.data() : ma.data();
    const float th = person ? t_.add_person : t_.add_address;
    std::size_t j = i, last = i;
    while (j + 1 < toks.size()) {
      std::size_t k = j + 1;
      // Join over '.', ',', '-', '\'' between words of one span.
      if (!toks[k].word && k + 1 < toks.size() && toks[k].e == toks[k + 1].b &&
          (text[toks[k].b] == '.' || text[toks[k].b] == '-' || text[toks[k].b] == '\'') && m[k + 1] > th)
        k = k + 1;
      if (!toks[k].word || toks[k].rule == 4 || m[k] <= th) break;
      j = last = k;
    }
    const std::size_t b = toks[i].b, e = toks[last].e;
    // Not a short acronym ("SSN", "DOB"); an address has a number or two words ("Marina Fort").
    // A name starts capitalised, has a word of two letters or more, and two words or a known given name (a
    // lone unknown capitalised word is as often a brand: "Pfizer and Moderna"); an address is not a reference
    // number ("#017187"), nor numbers alone away from the rules' spans, and does not start with a month ("June 14"). Month and weekday names that are also
    // given names ("June", "Tuesday" in the Moby list) are not added alone.
    bool digit = false, long_word = false, acronyms_only = true, given = false;
    std::size_t words = 0;
    for (std::size_t k = i; k <= last; ++k) {
      if (!toks[k].word) continue;
      ++words;
      const bool d = (toks[k].flags & kDigit) != 0;
      digit = digit || d;
      long_word = long_word || (!d && toks[k].e - toks[k].b >= 2);
      given = given || (toks[k].flags & kGiven);
      acronyms_only = acronyms_only && (toks[k].flags & kAllCaps) && toks[k].e - toks[k].b <= 4;
    }
    const bool after_hash = i > 0 && !toks[i - 1].word && text[toks[i - 1].b] == '#';
    // A lone number is an address part only beside a name or address the rules found (a postcode line).
    bool beside_rule = false;
    for (std::size_t k = i > 3 ? i - 3 : 0; k < std::min(toks.size(), last + 4); ++k)
      beside_rule = beside_rule || toks[k].rule == 1 || toks[k].rule == 2;
    if (!person && words == 1 && !long_word && !beside_rule) {
      i = last + 1;
      continue;
    }
    const bool ok = person ? long_word && !acronyms_only && (toks[i].flags & kCap) && (words >= 2 || given) &&
                                 !(words == 1 && (calendar_word(i) || compass_word(i)))
                           : !after_hash && (digit || words >= 2) && !acronyms_only && !calendar_word(i) &&
                                 (long_word || beside_rule);  // numbers alone ("1372 7218") only beside an address
    if (!ok) {
      i = last + 1;
      continue;
    }
    while (ki < kept.size() && kept[ki].end <= b) ++ki;
    if (ki >= kept.size() || kept[ki].begin >= e)
      added.push_back({person ? EntityType::PERSON : EntityType::ADDRESS, b, e, 0.55});
    i = last + 1;
  }
  if (added.empty()) return kept;
  kept.insert(kept.end(), added.begin(), added.end());
  std::sort(kept.begin(), kept.end(), [](const PiiEntity& a, const PiiEntity& b) { return a.begin < b.begin; });
  return kept;
}

}  // namespace aurixa::safety
