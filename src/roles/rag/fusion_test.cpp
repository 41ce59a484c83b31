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

TEST(BoostedScore, AddsPointFifteenPerMatchUpToFive) {
  EXPECT_DOUBLE_EQ(boosted_score(1.0 / 60, 0), 0.0167);
  EXPECT_DOUBLE_EQ(boosted_score(1.0 / 60, 2), 0.3167);
  EXPECT_DOUBLE_EQ(boosted_score(0.0, 5), 0.75);
  EXPECT_DOUBLE_EQ(boosted_score(0.0, 9), 0.75);
  EXPECT_DOUBLE_EQ(boosted_score(0.3, 5), 1.0);  // capped
}

}  // namespace
}  // namespace aurixa::rag
