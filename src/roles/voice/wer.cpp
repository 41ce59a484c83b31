#include "roles/voice/wer.hpp"

#include <algorithm>
#include <cctype>

namespace aurixa::voice {

std::vector<std::string> normalize_words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'') {
      cur.push_back(static_cast<char>(std::tolower(u)));
    } else if (std::isspace(u) || c == '-') {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    }  // other punctuation is dropped in place
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

WerCount word_errors(std::string_view reference, std::string_view hypothesis) {
  const auto r = normalize_words(reference), h = normalize_words(hypothesis);
  std::vector<std::size_t> prev(h.size() + 1), cur(h.size() + 1);
  for (std::size_t j = 0; j <= h.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= r.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= h.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return {prev[h.size()], r.size()};
}

}  // namespace aurixa::voice
