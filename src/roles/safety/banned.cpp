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
  if (!re_->ok()) re_.reset();
}

BannedWords::~BannedWords() = default;
BannedWords::BannedWords(BannedWords&&) noexcept = default;
BannedWords& BannedWords::operator=(BannedWords&&) noexcept = default;

std::vector<std::string> BannedWords::find(std::string_view text) const {
  std::vector<std::string> found;
  if (!re_) return found;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece m[2];
  std::size_t pos = 0;
  while (pos <= text.size() && re_->Match(input, pos, text.size(), RE2::UNANCHORED, m, 2)) {
    const std::string hit = fold(std::string_view(m[1].data(), m[1].size()));
    for (const auto& w : words_)
      if (fold(w) == hit && std::find(found.begin(), found.end(), w) == found.end()) found.push_back(w);
    // Continue right after the word, so the separator after it can start the next match.
    pos = static_cast<std::size_t>(m[1].data() - text.data()) + m[1].size();
  }
  std::stable_sort(found.begin(), found.end(), [&](const std::string& a, const std::string& b) {
    return std::find(words_.begin(), words_.end(), a) < std::find(words_.begin(), words_.end(), b);
  });
  return found;
}

}  // namespace aurixa::safety
