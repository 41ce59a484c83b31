#include "roles/safety/normalize.hpp"
#include "roles/safety/pii.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace aurixa::safety {
namespace {

constexpr char kApostrophe = '\'';

constexpr bool is_clause_punct(char c) { return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?'; }
constexpr bool is_word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80; }

void append_utf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Maps one already folded code point to the intermediate stream: letters/digits as themselves,
// clause punctuation as itself, apostrophes as '\'', everything else as a space.
void emit_folded(std::string& out, utf8proc_int32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || is_clause_punct(c))
      out.push_back(c);
    else if (c == '\'' || c == '`')
      out.push_back(kApostrophe);
    else
      out.push_back(' ');
    return;
  }
  switch (cp) {
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0x00B4:
      out.push_back(kApostrophe);
      return;  // ’ ‘ ʼ ´
    case 0x2014:
    case 0x2013:
    case 0x2026:
      out.push_back(',');
      return;  // — – … end a clause
    case 0x3002:
    case 0xFF0E:
      out.push_back('.');
      return;
    default:
      break;
  }
  auto cat = utf8proc_category(cp);
  bool letter_or_digit = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
                         cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND;
  if (letter_or_digit)
    append_utf8(out, cp);
  else
    out.push_back(' ');
}

// Pass 1: fold every code point (NFKD + casefold + strip marks) into a stream of words, apostrophes,
// clause punctuation and spaces. ASCII takes a table-free fast path; invalid UTF-8 becomes a space.
std::string fold_stream(std::string_view in) {
  std::string out;
  out.reserve(in.size() + 8);
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
  std::size_t i = 0;
  const std::size_t n = in.size();
  utf8proc_int32_t buf[16];
  // ASCII runs go through a 128-entry table straight into the output (no per-byte push_back).
  static constexpr auto kAscii = [] {
    std::array<char, 128> t{};
    for (int c = 0; c < 128; ++c) {
      char o = ' ';
      const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || is_clause_punct(l))
        o = l;
      else if (c == '\'' || c == '`')
        o = kApostrophe;
      t[static_cast<std::size_t>(c)] = o;
    }
    return t;
  }();
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      // One pass: map bytes until the first non-ASCII one (the output has room for all the rest).
      const std::size_t base = out.size();
      out.resize(base + (n - i));
      char* o = out.data() + base;
      std::size_t j = i;
      for (; j < n && p[j] < 0x80; ++j) *o++ = kAscii[p[j]];
      out.resize(base + (j - i));
      i = j;
      continue;
    }
    utf8proc_int32_t cp = -1;
    auto len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0 || cp < 0) {
      out.push_back(' ');
      ++i;
      continue;
    }
    i += static_cast<std::size_t>(len);
    int last_boundclass = 0;
    auto m = utf8proc_decompose_char(
        cp, buf, 16,
        static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE),
        &last_boundclass);
    if (m <= 0 || m > 16) {
      out.push_back(' ');
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < m; ++k) emit_folded(out, buf[k]);
  }
  return out;
}

}  // namespace

std::size_t NormalizedText::token_at(std::size_t pos) const {
  auto it =
      std::lower_bound(tokens.begin(), tokens.end(), pos, [](const Token& t, std::size_t p) { return t.end <= p; });
  return static_cast<std::size_t>(it - tokens.begin());
}

NormalizedText normalize(std::string_view utf8) {
  const std::string s = fold_stream(utf8);
  NormalizedText out;
  out.text.reserve(s.size());
  out.tokens.reserve(s.size() / 4 + 1);
  // Words are written straight into out.text: `open` = a word token is being written, from byte `word_begin`.
  static constexpr auto kWordByte = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = is_word_byte(static_cast<unsigned char>(c));
    return t;
  }();
  bool open = false;
  std::uint32_t word_begin = 0;
  auto flush = [&] {
    if (open) out.tokens.push_back(Token{word_begin, static_cast<std::uint32_t>(out.text.size()), false});
    open = false;
  };
  const std::size_t n = s.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kWordByte[c]) {
      std::size_t j = i + 1;  // the whole run of word bytes at once
      while (j < n && kWordByte[static_cast<unsigned char>(s[j])]) ++j;
      if (!open) {
        if (!out.text.empty()) out.text.push_back(' ');
        word_begin = static_cast<std::uint32_t>(out.text.size());
        open = true;
      }
      out.text.append(s, i, j - i);
      i = j - 1;
      continue;
    }
    const bool prev_word = open;
    const bool next_word = i + 1 < n && kWordByte[static_cast<unsigned char>(s[i + 1])];
    if (c == kApostrophe) {
      if (prev_word && next_word) continue;  // "can't" -> "cant"; "dad's" -> "dads"
      flush();
      continue;
    }
    if (c == '.' && prev_word && next_word && std::isdigit(static_cast<unsigned char>(out.text.back())) &&
        std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      out.text.push_back('.');  // decimal numbers stay one token ("2.5")
      continue;
    }
    flush();
    if (is_clause_punct(static_cast<char>(c))) {
      // Collapse runs ("!!!", "...", "?!") into one clause break.
      if (out.tokens.empty() || !out.tokens.back().punct) {
        if (!out.text.empty()) out.text.push_back(' ');
        const auto b = static_cast<std::uint32_t>(out.text.size());
        out.text.push_back(static_cast<char>(c));
        out.tokens.push_back(Token{b, b + 1, true});
      }
    }
  }
  flush();
  return out;
}

std::string fold(std::string_view utf8) { return normalize(utf8).text; }

// ---------------------------------------------------------------------------------------------

namespace {
void deletions(std::string_view w, const std::function<void(std::string)>& f) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string d;
    d.reserve(w.size() - 1);
    d.append(w.substr(0, i));
    d.append(w.substr(i + 1));
    f(std::move(d));
  }
}
}  // namespace

TypoCorrector::TypoCorrector(const std::vector<std::string>& vocabulary, const std::vector<std::string>& protect,
                             std::size_t min_length)
    : min_length_(min_length) {
  for (const auto& w : protect) protect_.insert(w);
  for (const auto& w : vocabulary) vocab_.insert(w);
  auto add = [this](std::string key, const std::string& target) {
    auto [it, inserted] = deletes_.emplace(std::move(key), target);
    if (!inserted && it->second != target) it->second.clear();  // ambiguous: never guess
  };
  for (const auto& w : vocab_) {
    if (w.size() < min_length_) continue;
    add(w, w);
    deletions(w, [&](std::string d) { add(std::move(d), w); });
  }
  bloom_.assign(kBloomBits / 64, 0);
  for (const auto& kv : deletes_) {
    const std::size_t b = bloom_bit(kv.first);
    bloom_[b >> 6] |= std::uint64_t{1} << (b & 63);
  }
}

std::size_t TypoCorrector::bloom_bit(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, then the high bits (the best mixed)
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<std::size_t>((h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull >> 46);  // 64 - 18 bits
}

std::string_view TypoCorrector::correct(std::string_view w) const {
  if (w.size() < min_length_ || w.size() > 32 || deletes_.empty()) return {};
  for (char c : w)
    if (c >= '0' && c <= '9') return {};
  // A real English word is never rewritten (the protected list holds those one edit from the lexicon;
  // checking the whole word list first is one flat-table probe instead of a dozen hash lookups).
  if (is_common_english_word(w)) return {};
  const bool maybe_w = maybe_key(w);  // false: w is neither a vocabulary word nor a deletion variant
  if ((maybe_w && vocab_.find(w) != vocab_.end()) || protect_.find(w) != protect_.end()) return {};
  // Missing letter: the word itself is a deletion variant of a vocabulary word.
  if (maybe_w)
    if (auto it = deletes_.find(w); it != deletes_.end() && !it->second.empty() && it->second[0] == w[0])
      return it->second;
  // Extra, substituted or transposed letter: one of the word's deletions is a vocabulary word or shares
  // a deletion variant with one of the same length. Deletions are built in a stack buffer.
  char buf[32];
  std::string_view found;
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::memcpy(buf, w.data(), i);
    std::memcpy(buf + i, w.data() + i + 1, w.size() - i - 1);
    const std::string_view del(buf, w.size() - 1);
    if (!maybe_key(del)) continue;
    auto it = deletes_.find(del);
    if (it == deletes_.end() || it->second.empty()) continue;
    const std::string& cand = it->second;
    if (cand.size() + 1 < w.size() || cand.size() > w.size()) continue;  // keep to distance ~1
    if (cand[0] != w[0]) continue;  // people rarely mistype the first letter; this avoids most false fixes
    if (found.empty())
      found = cand;
    else if (found != cand)
      return {};  // ambiguous: never guess
  }
  return found;
}

namespace {
// The word that ends at `p` (before spaces were skipped; an abbreviation dot allowed) is a capitalised given
// name or a title: what comes next is a surname ("Laura Keller", "Mr. Keller").
bool after_given_or_title(std::string_view raw, std::size_t p) {
  std::size_t q = p;
  if (q > 0 && raw[q - 1] == '.') --q;
  std::size_t s0 = q;
  while (s0 > 0 && std::isalpha(static_cast<unsigned char>(raw[s0 - 1]))) --s0;
  if (s0 == q || !std::isupper(static_cast<unsigned char>(raw[s0]))) return false;
  std::string prev(raw.substr(s0, q - s0));
  for (char& c : prev) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return prev == "mr" || prev == "mrs" || prev == "ms" || prev == "miss" || prev == "dr" || prev == "prof" ||
         is_given_name(prev);
}

// `word` (lower-case ASCII) occurs in `raw` only capitalised ("Keller", not "KELLER") and never right after a
// sentence end: a proper noun. One scan of the text, with a first-letter filter.
bool proper_noun_in(std::string_view raw, std::string_view word) {
  if (raw.empty() || word.empty()) return false;
  bool found = false;
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const char first = word[0];
  // The positions whose byte b has (b | 0x20) == first, found with memchr (one pass per case instead of a byte
  // loop). The answer does not depend on the order they are looked at: any disqualifying occurrence returns
  // false, and `found` is set by any qualifying one.
  if (!(static_cast<unsigned char>(first) & 0x20)) return false;  // no byte b has (b | 0x20) == first
  const char forms[2] = {first, static_cast<char>(first & ~0x20)};
  std::vector<std::size_t> positions;
  if (word.size() > raw.size()) return false;
  const std::size_t last = raw.size() - word.size();  // candidate starts are 0..last
  for (char f : forms) {
    for (const char* q = raw.data(); q <= raw.data() + last;) {
      const void* hit = std::memchr(q, f, static_cast<std::size_t>(raw.data() + last + 1 - q));
      if (!hit) break;
      positions.push_back(static_cast<std::size_t>(static_cast<const char*>(hit) - raw.data()));
      q = static_cast<const char*>(hit) + 1;
    }
  }
  for (const std::size_t i : positions) {
    bool same = true;
    for (std::size_t k = 1; k < word.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(raw[i + k])) == static_cast<unsigned char>(word[k]);
    if (!same) continue;
    if ((i > 0 && alnum(raw[i - 1])) || (i + word.size() < raw.size() && alnum(raw[i + word.size()]))) continue;
    if (!std::isupper(static_cast<unsigned char>(raw[i]))) return false;  // also written in lower case
    bool lower_rest = false;                                              // all capitals is shouting, not a name
    for (std::size_t k = 1; k < word.size(); ++k)
      lower_rest = lower_rest || std::islower(static_cast<unsigned char>(raw[i + k]));
    if (!lower_rest) return false;
    std::size_t p = i;
    while (p > 0 && (raw[p - 1] == ' ' || raw[p - 1] == '\t')) --p;
    if (p == 0 || raw[p - 1] == '.' || raw[p - 1] == '!' || raw[p - 1] == '?' || raw[p - 1] == '\n' ||
        raw[p - 1] == '"' || raw[p - 1] == ':')
      return false;  // capitalised because it starts a sentence
    // Only a surname: right after a capitalised given name or a title ("Laura Keller", "Mr. Keller"), so
    // that title-cased symptoms ("Chest Pian") are still corrected.
    if (after_given_or_title(raw, p)) found = true;
  }
  return found;
}

// Lower-cased ASCII words of `raw` (apostrophes dropped, as normalize() does) that occur only capitalised
// ("Keller", not "KELLER") and never at a sentence start: proper nouns. One pass over the text.
std::unordered_set<std::string> proper_nouns(std::string_view raw) {
  // word -> 1: a mid-sentence capital seen, 2: another form seen, 4: a capital right after a given name/title
  std::unordered_map<std::string, unsigned char> seen;
  auto word_byte = [](unsigned char c) { return std::isalnum(c) || c == '\''; };
  std::size_t i = 0;
  while (i < raw.size()) {
    if (!word_byte(static_cast<unsigned char>(raw[i])) || raw[i] == '\'') {
      ++i;
      continue;
    }
    const std::size_t b = i;
    while (i < raw.size() && word_byte(static_cast<unsigned char>(raw[i]))) ++i;
    if (i < raw.size() && static_cast<unsigned char>(raw[i]) >= 0x80) {  // non-ASCII word: not ours to judge
      while (i < raw.size() &&
             (static_cast<unsigned char>(raw[i]) >= 0x80 || std::isalnum(static_cast<unsigned char>(raw[i]))))
        ++i;
      continue;
    }
    std::string key;
    bool lower_rest = false;
    for (std::size_t k = b; k < i; ++k) {
      const auto c = static_cast<unsigned char>(raw[k]);
      if (c == '\'') continue;
      if (k > b && std::islower(c)) lower_rest = true;
      key.push_back(static_cast<char>(std::tolower(c)));
    }
    std::size_t p = b;
    while (p > 0 && (raw[p - 1] == ' ' || raw[p - 1] == '\t')) --p;
    const bool sentence_start = p == 0 || raw[p - 1] == '.' || raw[p - 1] == '!' || raw[p - 1] == '?' ||
                                raw[p - 1] == '\n' || raw[p - 1] == '"' || raw[p - 1] == ':';
    const bool capital = std::isupper(static_cast<unsigned char>(raw[b])) && lower_rest && !sentence_start;
    const unsigned char bits = (capital ? 1 : 2) | (capital && after_given_or_title(raw, p) ? 4 : 0);
    auto [it, fresh] = seen.emplace(std::move(key), bits);
    if (!fresh) it->second |= bits;
  }
  std::unordered_set<std::string> out;
  for (auto& [k, v] : seen)
    if (v == (1 | 4)) out.insert(k);
  return out;
}
}  // namespace

std::size_t TypoCorrector::apply(NormalizedText& t, std::string_view raw) const {
  std::size_t changed = 0;
  std::vector<std::string> replacement;  // allocated at the first correction (most texts have none)
  // Is a candidate a proper noun of `raw`? The first few distinct candidates are answered by one scan each;
  // past that (long or adversarial texts) by a word table built once, so the work stays linear.
  std::vector<std::pair<std::string_view, bool>> answered;
  std::optional<std::unordered_set<std::string>> names;
  auto proper = [&](std::string_view tok) {
    for (const auto& [w, v] : answered)
      if (w == tok) return v;
    if (answered.size() < 8) {
      answered.emplace_back(tok, proper_noun_in(raw, tok));
      return answered.back().second;
    }
    if (!names) names = proper_nouns(raw);
    return names->count(std::string(tok)) > 0;
  };
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    if (t.tokens[i].punct) continue;
    auto fix = correct(t.token(i));
    if (!fix.empty() && !raw.empty() && proper(t.token(i))) fix = {};
    if (!fix.empty()) {
      if (replacement.empty()) replacement.resize(t.tokens.size());
      replacement[i] = std::string(fix);
      ++changed;
    }
  }
  if (changed == 0) return 0;
  NormalizedText out;
  out.text.reserve(t.text.size() + 8);
  for (std::size_t i = 0; i < t.tokens.size(); ++i) {
    if (!out.text.empty()) out.text.push_back(' ');
    Token tok = t.tokens[i];
    std::string_view s = replacement[i].empty() ? t.token(i) : std::string_view(replacement[i]);
    tok.begin = static_cast<std::uint32_t>(out.text.size());
    out.text.append(s);
    tok.end = static_cast<std::uint32_t>(out.text.size());
    out.tokens.push_back(tok);
  }
  t = std::move(out);
  return changed;
}

std::size_t CodepointCounter::at(std::size_t byte) {
  if (byte < byte_) {
    byte_ = 0;
    cp_ = 0;
  }
  byte = std::min(byte, s_.size());
  for (; byte_ < byte; ++byte_)
    if ((static_cast<unsigned char>(s_[byte_]) & 0xC0) != 0x80) ++cp_;
  return cp_;
}

}  // namespace aurixa::safety
