#include "core/fold_words.hpp"

namespace aurixa {
namespace {

// Decodes one UTF-8 code point at s[i] (advancing i); malformed bytes come back as U+FFFD.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  char32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

// Folds a code point to lower-case ASCII letters/digits. Returns "" for separators and "'" for apostrophes.
std::string_view fold(char32_t cp) {
  static constexpr std::string_view kLatin1 =  // U+00C0..U+00FF, lower-cased and stripped of accents
      "aaaaaaeceeeeiiiidnooooo.ouuuuyts"
      "aaaaaaeceeeeiiiidnooooo.ouuuuyty";
  static const std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  static const std::string_view kDigits = "0123456789";
  if (cp >= 'a' && cp <= 'z') return kLetters.substr(cp - 'a', 1);
  if (cp >= 'A' && cp <= 'Z') return kLetters.substr(cp - 'A', 1);
  if (cp >= '0' && cp <= '9') return kDigits.substr(cp - '0', 1);
  if (cp == '\'' || cp == 0x2019 || cp == 0x2018) return "'";
  if (cp == 0xDF) return "ss";
  if (cp >= 0xC0 && cp <= 0xFF) {
    std::string_view c = kLatin1.substr(cp - 0xC0, 1);
    return c == "." ? std::string_view() : c;  // U+00D7 and U+00F7 (multiplication/division signs)
  }
  return {};
}

}  // namespace

std::vector<std::string> fold_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    // Apostrophes only join letters: strip leading/trailing ones ("'cause", "patients'").
    while (!word.empty() && word.back() == '\'') word.pop_back();
    std::size_t start = word.find_first_not_of('\'');
    if (start != std::string::npos) {
      std::string w;
      for (std::size_t k = start; k < word.size(); ++k)
        if (word[k] != '\'') w += word[k];
      words.push_back(std::move(w));
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view f = fold(next_code_point(text, i));
    if (f.empty()) {
      flush();
      continue;
    }
    word += f;
  }
  flush();
  return words;
}

}  // namespace aurixa
