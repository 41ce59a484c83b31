#include "roles/rag/fusion.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace aurixa::rag {

std::vector<FusedItem> reciprocal_rank_fusion(const std::vector<std::string>& bm25_ids,
                                              const std::vector<std::string>& vector_ids, double k) {
  std::vector<FusedItem> items;
  std::unordered_map<std::string, std::size_t> where;
  auto add = [&](const std::vector<std::string>& ids, bool is_bm25) {
    for (std::size_t r = 0; r < ids.size(); ++r) {
      auto [it, inserted] = where.try_emplace(ids[r], items.size());
      if (inserted) items.push_back(FusedItem{ids[r], 0, std::nullopt, std::nullopt});
      auto& item = items[it->second];
      auto& rank = is_bm25 ? item.bm25_rank : item.vector_rank;
      if (rank) continue;  // a duplicate id within one list counts once, at its best rank
      rank = static_cast<int>(r) + 1;
      item.rrf += 1.0 / (k + static_cast<double>(r));
    }
  };
  add(bm25_ids, true);
  add(vector_ids, false);
  std::stable_sort(items.begin(), items.end(), [](const FusedItem& a, const FusedItem& b) { return a.rrf > b.rrf; });
  return items;
}

double boosted_score(double rrf, int keyword_matches) {
  double s = std::min(1.0, rrf + kKeywordBoost * std::min(keyword_matches, kMaxBoostedMatches));
  return std::round(s * 10000.0) / 10000.0;
}

}  // namespace aurixa::rag
