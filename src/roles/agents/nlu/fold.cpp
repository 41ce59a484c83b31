#include <utf8proc.h>

#include <algorithm>
#include <cstdio>

#include "roles/agents/nlu/internal.hpp"
#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace detail {
namespace {

bool is_apostrophe(utf8proc_int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == '`'; }

bool is_alnum_cp(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
         cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND;
}

bool is_clause_punct(utf8proc_int32_t cp) {
  return cp == ',' || cp == '.' || cp == ';' || cp == '!' || cp == '?' || cp == '(' || cp == ')' || cp == 0x2014 ||
         cp == 0x2013 || cp == 0x2026 || cp == 0xBF || cp == 0xA1 || cp == ':';
}

// Folds one code point (case fold, strip accents) and appends its letters/digits to out.
void append_folded(std::string& out, utf8proc_int32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
    return;
  }
  utf8proc_int32_t buf[8];
  int last = 0;
  auto n = utf8proc_decompose_char(cp, buf, 8, static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD), &last);
  if (n < 0 || n > 8) return;
  for (utf8proc_ssize_t k = 0; k < n; ++k) {
    if (!is_alnum_cp(buf[k])) continue;
    utf8proc_uint8_t enc[4];
    auto len = utf8proc_encode_char(buf[k], enc);
    out.append(reinterpret_cast<const char*>(enc), static_cast<std::size_t>(len));
  }
}

struct Cp {
  utf8proc_int32_t cp;
  std::size_t b, e;
};

std::vector<Cp> decode(std::string_view text) {
  std::vector<Cp> cps;
  std::size_t pos = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) {  // invalid byte: treat as a separator
      cps.push_back({' ', pos, pos + 1});
      ++pos;
      continue;
    }
    cps.push_back({cp, pos, pos + static_cast<std::size_t>(n)});
    pos += static_cast<std::size_t>(n);
  }
  return cps;
}

bool is_digit_cp(utf8proc_int32_t cp) { return cp >= '0' && cp <= '9'; }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  auto cps = decode(text);
  Token cur;
  bool in_word = false, pending_punct = false;
  auto flush = [&] {
    if (in_word && !cur.w.empty()) out.push_back(cur);
    cur = Token{};
    in_word = false;
  };
  for (std::size_t k = 0; k < cps.size(); ++k) {
    auto cp = cps[k].cp;
    if (is_alnum_cp(cp)) {
      if (!in_word) {
        cur.b = cps[k].b;
        cur.punct_before = pending_punct;
        pending_punct = false;
        in_word = true;
      }
      append_folded(cur.w, cp);
      cur.e = cps[k].e;
      continue;
    }
    bool prev_digit = in_word && k > 0 && is_digit_cp(cps[k - 1].cp);
    bool next_digit = k + 1 < cps.size() && is_digit_cp(cps[k + 1].cp);
    if ((cp == ':' || cp == '/' || cp == '-' || cp == '.') && prev_digit && next_digit) {
      cur.w.push_back(static_cast<char>(cp));
      cur.e = cps[k].e;
      continue;
    }
    bool prev_alpha = in_word && k > 0 && is_alnum_cp(cps[k - 1].cp);
    bool next_alpha = k + 1 < cps.size() && is_alnum_cp(cps[k + 1].cp) && !is_digit_cp(cps[k + 1].cp);
    if (is_apostrophe(cp) && prev_alpha && next_alpha) {
      // "don't" -> "dont"; "today's" -> "todays" (possessive)
      if (k + 1 < cps.size() && (cps[k + 1].cp == 's' || cps[k + 1].cp == 'S') &&
          (k + 2 >= cps.size() || !is_alnum_cp(cps[k + 2].cp))) {
        // "today's": the word is "todays" but its phrase ends before the apostrophe
        cur.possessive = true;
        cur.w.push_back('s');
        ++k;
        continue;
      }
      continue;
    }
    flush();
    if (is_clause_punct(cp)) pending_punct = true;
    if (cp == '-' || cp == '/') {
      bool spaced = (k > 0 && cps[k - 1].cp == ' ') || (k + 1 < cps.size() && cps[k + 1].cp == ' ');
      if (spaced) pending_punct = true;
    }
  }
  flush();
  return out;
}

// Optimal string alignment distance (Levenshtein + adjacent transposition) over three rolling rows, on the
// stack for words up to 63 bytes: the slot matchers call it for every word against their vocabularies.
int edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  constexpr std::size_t kStack = 64;
  int stack_rows[3 * kStack];
  std::vector<int> heap_rows;
  int* rows = stack_rows;
  if (m + 1 > kStack) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  int* before = rows;              // row i - 2
  int* prev = rows + (m + 1);      // row i - 1
  int* cur = rows + 2 * (m + 1);   // row i
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    int* spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  return prev[m];
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string span_text(std::string_view text, const std::vector<Token>& t, std::size_t i, std::size_t j) {
  return std::string(text.substr(t[i].b, t[j].e - t[i].b));
}

long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
  return kDays[m - 1];
}

int weekday(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

std::string iso_date(long days) {
  int y = 0, m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace detail

std::string fold(std::string_view text) {
  std::string out;
  for (const auto& t : detail::tokenize(text)) {
    std::string w;
    for (char c : t.w) w.push_back((c == ':' || c == '/' || c == '-' || c == '.') ? ' ' : c);
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

}  // namespace aurixa::agents::nlu
