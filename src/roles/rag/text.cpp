#include "roles/rag/text.hpp"

#include <utf8proc.h>

namespace aurixa::rag {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_word_code_point(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT ||
         cat == UTF8PROC_CATEGORY_LM || cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND;
}

bool is_apostrophe(utf8proc_int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

void append_utf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<std::string> fold_words(std::string_view in) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(in.data());
  const std::size_t n = in.size();
  std::size_t i = 0;
  utf8proc_int32_t buf[16];
  while (i < n) {
    utf8proc_int32_t cp = -1;
    if (p[i] < 0x80) {
      cp = p[i++];
      // ASCII fast path: no table lookups for the common case.
      if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      if (is_word_code_point(cp))
        cur.push_back(static_cast<char>(cp));
      else if (!(cp == '\'' && !cur.empty()))
        flush();
      continue;
    }
    auto len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0 || cp < 0) {
      flush();
      ++i;
      continue;
    }
    i += static_cast<std::size_t>(len);
    if (is_apostrophe(cp)) {
      if (cur.empty()) flush();
      continue;
    }
    int boundclass = 0;
    auto m = utf8proc_decompose_char(
        cp, buf, 16,
        static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE),
        &boundclass);
    if (m <= 0 || m > 16) {
      flush();
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < m; ++k) {
      if (is_word_code_point(buf[k]))
        append_utf8(cur, buf[k]);
      else
        flush();
    }
  }
  flush();
  return words;
}

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  auto emit = [&](std::size_t b, std::size_t e) {
    auto s = trim(text.substr(b, e - b));
    if (!s.empty()) out.emplace_back(s);
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
    } else if ((c == '.' || c == '!' || c == '?') && i + 1 < text.size() && is_space(text[i + 1])) {
      // "a.m. to" and "Dr. Lee" would split here too; a lower-case next word means the sentence goes on.
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      bool next_lower = j < text.size() && text[j] >= 'a' && text[j] <= 'z';
      if (!next_lower) {
        emit(start, i + 1);
        start = i + 1;
      }
    }
  }
  emit(start, text.size());
  return out;
}

std::size_t count_words(std::string_view text) {
  std::size_t n = 0;
  bool in = false;
  for (char c : text) {
    bool sp = is_space(c);
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

}  // namespace aurixa::rag
