#pragma once
// Reciprocal Rank Fusion (Cormack et al. 2009) of the BM25 and vector lists, and the original
// service's keyword boost. Pure functions, so the maths is tested on its own.
#include <optional>
#include <string>
#include <vector>

namespace aurixa::rag {

inline constexpr double kRrfK = 60.0;
inline constexpr double kKeywordBoost = 0.15;
inline constexpr int kMaxBoostedMatches = 5;

struct FusedItem {
  std::string id;
  double rrf = 0;
  std::optional<int> bm25_rank;    // 1-based
  std::optional<int> vector_rank;  // 1-based
};

// Σ over lists of 1/(k + rank), rank counted from 0 as in the original (so the best item of one list
// scores 1/60). Ids are compared exactly; the result is sorted by rrf desc, ties by first appearance
// in the bm25 list, then in the vector list.
std::vector<FusedItem> reciprocal_rank_fusion(const std::vector<std::string>& bm25_ids,
                                              const std::vector<std::string>& vector_ids, double k = kRrfK);

// The original's final score: min(1, rrf + 0.15 * min(matches, 5)), rounded to 4 decimals.
double boosted_score(double rrf, int keyword_matches);

}  // namespace aurixa::rag
