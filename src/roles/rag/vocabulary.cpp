#include "roles/rag/vocabulary.hpp"

#include <algorithm>
#include <unordered_set>

namespace aurixa::rag {
namespace {

constexpr std::size_t kMinLength = 4;
constexpr std::size_t kLongWord = 8;
// Longer words are not corrected: the candidates of a long word are its deletions of deletions, n^2 strings of
// n characters each (a 2,000-letter "word" took 3 s, blocking every retrieval behind it). No word to correct
// is that long (pneumonoultramicroscopicsilicovolcanoconiosis: 45).
constexpr std::size_t kMaxCorrectable = 48;

void for_each_deletion(const std::string& w, const auto& fn) {
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string d = w.substr(0, i) + w.substr(i + 1);
    fn(d);
  }
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b, int max_distance) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_distance) return max_distance + 1;
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max_distance + 1);
}

std::uint32_t Vocabulary::add(const std::string& word) {
  auto [it, inserted] = ids_.try_emplace(word, static_cast<std::uint32_t>(words_.size()));
  if (inserted) {
    words_.push_back(word);
    counts_.push_back(0);
    if (word.size() >= kMinLength - 1 && word.size() <= kMaxCorrectable + 1)  // longer: n^2 bytes, never a candidate
      for_each_deletion(word, [&](const std::string& d) { deletes_[d].push_back(it->second); });
  }
  if (counts_[it->second]++ == 0) ++live_;
  return it->second;
}

void Vocabulary::remove(std::uint32_t id) {
  if (id >= counts_.size() || counts_[id] == 0) return;
  if (--counts_[id] == 0) --live_;
}

void Vocabulary::remove(const std::string& word) {
  if (auto it = ids_.find(word); it != ids_.end()) remove(it->second);
}

bool Vocabulary::contains(const std::string& word) const {
  auto it = ids_.find(word);
  return it != ids_.end() && counts_[it->second] > 0;
}

std::string Vocabulary::correct(const std::string& word) const {
  if (word.size() < kMinLength || word.size() > kMaxCorrectable || contains(word)) return {};
  const int max_distance = word.size() >= kLongWord ? 2 : 1;
  // Candidates: indexed words equal to a deletion of the query word (the query has an extra letter),
  // words whose deletion equals the query word or one of its deletions (missing letter, substitution,
  // transposition); for long words also deletions of deletions.
  std::unordered_set<std::uint32_t> candidates;
  auto probe = [&](const std::string& v) {
    if (auto it = ids_.find(v); it != ids_.end()) candidates.insert(it->second);
    if (auto it = deletes_.find(v); it != deletes_.end()) candidates.insert(it->second.begin(), it->second.end());
  };
  probe(word);
  for_each_deletion(word, [&](const std::string& d) {
    probe(d);
    if (max_distance >= 2) for_each_deletion(d, probe);
  });
  std::uint32_t best = 0;
  int best_distance = max_distance + 1;
  std::uint32_t best_count = 0;
  for (auto id : candidates) {
    if (counts_[id] == 0) continue;
    int d = edit_distance(word, words_[id], max_distance);
    if (d > max_distance) continue;
    if (d < best_distance || (d == best_distance && counts_[id] > best_count)) {
      best = id;
      best_distance = d;
      best_count = counts_[id];
    }
  }
  return best_distance <= max_distance ? words_[best] : std::string();
}

}  // namespace aurixa::rag
