#include "roles/rag/fusion.hpp"

#include <gtest/gtest.h>

namespace aurixa::rag {
namespace {

TEST(Rrf, SingleListScoresOneOverSixtyPlusRank) {
  auto f = reciprocal_rank_fusion({"a", "b"}, {});
  ASSERT_EQ(f.size(), 2u);
  EXPECT_DOUBLE_EQ(f[0].rrf, 1.0 / 60);
  EXPECT_DOUBLE_EQ(f[1].rrf, 1.0 / 61);
  EXPECT_EQ(f[0].bm25_rank, 1);
  EXPECT_FALSE(f[0].vector_rank.has_value());
}

TEST(Rrf, ItemInBothListsSumsAndWins) {
  auto f = reciprocal_rank_fusion({"a", "b", "c"}, {"c", "d"});
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].id, "c");
  EXPECT_DOUBLE_EQ(f[0].rrf, 1.0 / 62 + 1.0 / 60);
  EXPECT_EQ(f[0].bm25_rank, 3);
  EXPECT_EQ(f[0].vector_rank, 1);
}

TEST(Rrf, TiesKeepBm25OrderFirst) {
  auto f = reciprocal_rank_fusion({"a"}, {"b"});
  EXPECT_EQ(f[0].id, "a");
  EXPECT_EQ(f[1].id, "b");
}

TEST(Rrf, DuplicateInOneListCountsOnce) {
  auto f = reciprocal_rank_fusion({"a", "a"}, {});
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].rrf, 1.0 / 60);
}

TEST(Rrf, CustomK) { EXPECT_DOUBLE_EQ(reciprocal_rank_fusion({"a"}, {}, 10)[0].rrf, 0.1); }

TEST(Fuse, DefaultIsPlainRrf) {
  auto f = fuse({{"a", 9}, {"b", 5}, {"c", 1}}, {{"c", 0.9}, {"d", 0.8}}, {});
  auto r = reciprocal_rank_fusion({"a", "b", "c"}, {"c", "d"});
  ASSERT_EQ(f.size(), r.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    EXPECT_EQ(f[i].id, r[i].id);
    EXPECT_DOUBLE_EQ(f[i].rrf, r[i].rrf);
    EXPECT_EQ(f[i].bm25_rank, r[i].bm25_rank);
    EXPECT_EQ(f[i].vector_rank, r[i].vector_rank);
  }
}

TEST(Fuse, WeightedRrfScalesTheVectorList) {
  FusionOptions o;
  o.vector_weight = 0.5;
  auto f = fuse({{"a", 9}, {"b", 5}}, {{"b", 0.9}, {"c", 0.8}}, o);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].id, "b");
  EXPECT_DOUBLE_EQ(f[0].rrf, 1.0 / 61 + 0.5 / 60);
  EXPECT_EQ(f[1].id, "a");
  EXPECT_EQ(f[2].id, "c");
  EXPECT_DOUBLE_EQ(f[2].rrf, 0.5 / 61);
}

TEST(Fuse, CosineFloorDropsWeakVectorHits) {
  FusionOptions o;
  o.min_cosine = 0.5;
  auto f = fuse({{"a", 9}}, {{"b", 0.7}, {"a", 0.4}, {"c", 0.3}}, o);
  ASSERT_EQ(f.size(), 2u);  // c is gone; a keeps only its BM25 part
  EXPECT_EQ(f[0].id, "a");
  EXPECT_DOUBLE_EQ(f[0].rrf, 1.0 / 60);
  EXPECT_FALSE(f[0].vector_rank.has_value());
  EXPECT_EQ(f[1].id, "b");
  EXPECT_EQ(f[1].vector_rank, 1);
}

TEST(Fuse, ConvexCombinesMinMaxNormalisedScores) {
  FusionOptions o;
  o.rule = FusionRule::convex;
  o.alpha = 0.7;
  // BM25 10 -> 1, 6 -> 0.5, 2 -> 0; cosine 0.8 -> 1, 0.4 -> 0.
  auto f = fuse({{"a", 10}, {"b", 6}, {"c", 2}}, {{"c", 0.8}, {"b", 0.4}}, o);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].id, "a");
  EXPECT_DOUBLE_EQ(f[0].rrf, 0.7);
  EXPECT_EQ(f[1].id, "b");
  EXPECT_DOUBLE_EQ(f[1].rrf, 0.35);
  EXPECT_EQ(f[2].id, "c");
  EXPECT_NEAR(f[2].rrf, 0.3, 1e-12);
}

TEST(Fuse, ConvexSingleItemListCountsFully) {
  FusionOptions o;
  o.rule = FusionRule::convex;
  o.alpha = 0.5;
  auto f = fuse({{"a", 3}}, {}, o);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_DOUBLE_EQ(f[0].rrf, 0.5);
}

TEST(BoostedScore, AddsPointFifteenPerMatchUpToFive) {
  EXPECT_DOUBLE_EQ(boosted_score(1.0 / 60, 0), 0.0167);
  EXPECT_DOUBLE_EQ(boosted_score(1.0 / 60, 2), 0.3167);
  EXPECT_DOUBLE_EQ(boosted_score(0.0, 5), 0.75);
  EXPECT_DOUBLE_EQ(boosted_score(0.0, 9), 0.75);
  EXPECT_DOUBLE_EQ(boosted_score(0.3, 5), 1.0);  // capped
}

}  // namespace
}  // namespace aurixa::rag
