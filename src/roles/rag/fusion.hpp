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

// Which fusion a hybrid search uses. FusionOptions{} is plain RRF (k = 60, both lists weight 1, no floor);
// the service's default is default_hybrid_fusion() below.
//   rrf     Σ_list w_list / (k + rank): the vector list's weight can reflect how good the embedder is
//           relative to BM25, and vector hits below `min_cosine` are not fused at all.
//   convex  alpha * bm25' + (1 - alpha) * cosine', each score min-max normalised over its own candidate
//           list (an id absent from a list contributes 0 for it); uses scores, not ranks.
enum class FusionRule { rrf, convex };

struct FusionOptions {
  FusionRule rule = FusionRule::rrf;
  double k = kRrfK;
  double bm25_weight = 1.0;
  double vector_weight = 1.0;
  double min_cosine = -1.0;  // vector hits with a lower cosine similarity are dropped before fusion
  double alpha = 0.5;        // convex: weight of the BM25 score
};

// The rule hybrid retrieval uses unless configured otherwise: convex combination, BM25 weight 0.8. Picked
// from 17 candidates (weighted RRF, RRF with a cosine floor, convex) as the one with the largest worst-case
// nDCG@10 gain over BM25 across the KB set and half of MedQuAD, then checked on the other half
// (docs/QUALITY.md "Fusion rule"). USE Lite is much weaker than BM25 on long medical passages, so its
// list mostly re-orders BM25's close calls instead of outvoting them.
inline FusionOptions default_hybrid_fusion() {
  FusionOptions o;
  o.rule = FusionRule::convex;
  o.alpha = 0.8;
  return o;
}

struct ScoredId {
  std::string id;
  double score = 0;  // BM25 score or cosine similarity
};

// Fuses the two candidate lists (each best first) by `o`; FusedItem::rrf holds the fused score. Ranks
// are 1-based positions in the input lists; vector hits under the floor get no rank and no score. Sorted by score desc,
// ties by first appearance in the bm25 list, then the vector list.
std::vector<FusedItem> fuse(const std::vector<ScoredId>& bm25, const std::vector<ScoredId>& vector,
                            const FusionOptions& o);

// The original's final score: min(1, rrf + 0.15 * min(matches, 5)), rounded to 4 decimals.
double boosted_score(double rrf, int keyword_matches);

}  // namespace aurixa::rag
