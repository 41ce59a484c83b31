#include "roles/rag/fusion.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
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

std::vector<FusedItem> fuse(const std::vector<ScoredId>& bm25, const std::vector<ScoredId>& vector,
                            const FusionOptions& o) {
  std::vector<FusedItem> items;
  std::unordered_map<std::string, std::size_t> where;
  auto range = [](const std::vector<ScoredId>& l, double floor) {
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& x : l) {
      if (x.score < floor) continue;
      lo = any ? std::min(lo, x.score) : x.score;
      hi = any ? std::max(hi, x.score) : x.score;
      any = true;
    }
    return std::pair{lo, hi};
  };
  auto add = [&](const std::vector<ScoredId>& l, bool is_bm25, double weight, double floor) {
    auto [lo, hi] = range(l, floor);
    for (std::size_t r = 0; r < l.size(); ++r) {
      if (l[r].score < floor) continue;  // under the cosine floor: not fused at all
      auto [it, inserted] = where.try_emplace(l[r].id, items.size());
      if (inserted) items.push_back(FusedItem{l[r].id, 0, std::nullopt, std::nullopt});
      auto& item = items[it->second];
      auto& rank = is_bm25 ? item.bm25_rank : item.vector_rank;
      if (rank) continue;  // a duplicate id within one list counts once, at its best rank
      rank = static_cast<int>(r) + 1;
      if (o.rule == FusionRule::rrf) {
        item.rrf += weight / (o.k + static_cast<double>(r));
      } else {
        double norm = hi > lo ? (l[r].score - lo) / (hi - lo) : 1.0;
        item.rrf += weight * norm;
      }
    }
  };
  const bool rrf = o.rule == FusionRule::rrf;
  add(bm25, true, rrf ? o.bm25_weight : o.alpha, -std::numeric_limits<double>::infinity());
  add(vector, false, rrf ? o.vector_weight : 1.0 - o.alpha, o.min_cosine);
  std::stable_sort(items.begin(), items.end(), [](const FusedItem& a, const FusedItem& b) { return a.rrf > b.rrf; });
  return items;
}

double boosted_score(double rrf, int keyword_matches) {
  double s = std::min(1.0, rrf + kKeywordBoost * std::min(keyword_matches, kMaxBoostedMatches));
  return std::round(s * 10000.0) / 10000.0;
}

}  // namespace aurixa::rag
