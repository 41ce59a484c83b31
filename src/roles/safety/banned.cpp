#include "roles/safety/banned.hpp"

#include <re2/re2.h>

#include <algorithm>

#include "roles/safety/normalize.hpp"

namespace aurixa::safety {

std::vector<std::string> split_word_list(std::string_view list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(start, comma - start);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = comma + 1;
  }
  return out;
}

BannedWords::BannedWords(const std::vector<std::string>& words) {
  for (const auto& w : words)
    if (!w.empty() && std::find(words_.begin(), words_.end(), w) == words_.end()) words_.push_back(w);
  if (words_.empty()) return;
  // A word boundary here is anything that is not a letter, digit or underscore (so "pii_leak" is one
  // word); \b in RE2 is ASCII-only, hence the explicit classes.
  std::string alt;
  for (const auto& w : words_) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(w);
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  re_ = std::make_unique<RE2>("(?:^|[^\\pL\\pN_])(" + alt + ")(?:[^\\pL\\pN_]|$)", o);
  if (!re_->ok()) {
    re_.reset();
    return;
  }
  ascii_words_ = true;
  for (const auto& w : words_) {
    std::string l;
    for (char c : w) {
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      ascii_words_ = ascii_words_ && word;
      l.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    lower_words_.push_back(std::move(l));
  }
}

BannedWords::~BannedWords() = default;
BannedWords::BannedWords(BannedWords&&) noexcept = default;
BannedWords& BannedWords::operator=(BannedWords&&) noexcept = default;

std::vector<std::string> BannedWords::find(std::string_view text) const {
  std::vector<std::string> found;
  if (!re_) return found;
  auto add_hit = [&](std::string_view m) {
    const std::string hit = fold(m);
    for (const auto& w : words_)
      if (fold(w) == hit && std::find(found.begin(), found.end(), w) == found.end()) found.push_back(w);
  };
  // ASCII text and ASCII words: \pL, \pN are [A-Za-z], [0-9] there and (?i) folds ASCII letters only to ASCII
  // letters (U+212A and U+017F are not ASCII), so a hit of the regex loop below is exactly an occurrence of a word
  // in the lower-cased text with no [a-z0-9_] on either side. `found` is sorted into list order at the end, so
  // the order in which hits are seen does not matter.
  std::string low;
  bool ascii = ascii_words_;
  if (ascii) {
    low.resize(text.size());
    unsigned char any = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {  // vectorised: lower-case copy and the ASCII test at once
      const auto c = static_cast<unsigned char>(text[i]);
      any |= c;
      low[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
    }
    ascii = any < 0x80;
  }
  if (ascii) {
    auto word = [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
    // One occurrence per word is enough: every occurrence of a word reads the same after fold().
    for (const auto& w : lower_words_)
      for (std::size_t p = low.find(w); p != std::string::npos; p = low.find(w, p + 1)) {
        const std::size_t e = p + w.size();
        if ((p > 0 && word(static_cast<unsigned char>(low[p - 1]))) ||
            (e < low.size() && word(static_cast<unsigned char>(low[e]))))
          continue;
        add_hit(text.substr(p, w.size()));
        break;
      }
  } else {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece m[2];
    std::size_t pos = 0;
    while (pos <= text.size() && re_->Match(input, pos, text.size(), RE2::UNANCHORED, m, 2)) {
      add_hit(std::string_view(m[1].data(), m[1].size()));
      // Continue right after the word, so the separator after it can start the next match.
      pos = static_cast<std::size_t>(m[1].data() - text.data()) + m[1].size();
    }
  }
  std::stable_sort(found.begin(), found.end(), [&](const std::string& a, const std::string& b) {
    return std::find(words_.begin(), words_.end(), a) < std::find(words_.begin(), words_.end(), b);
  });
  return found;
}

}  // namespace aurixa::safety
