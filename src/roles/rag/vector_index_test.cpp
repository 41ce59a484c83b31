#include "roles/rag/vector_index.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <random>

#include "roles/rag/embedder.hpp"

namespace aurixa::rag {
namespace {

std::vector<float> unit(std::vector<float> v) {
  normalize(v);
  return v;
}

TEST(VectorIndex, NearestFirstWithinTenant) {
  VectorIndex idx;
  idx.upsert(1, "a", unit({1, 0, 0}));
  idx.upsert(1, "b", unit({0, 1, 0}));
  idx.upsert(1, "c", unit({1, 1, 0}));
  idx.upsert(2, "x", unit({1, 0, 0}));
  auto hits = idx.search(1, unit({1, 0.1f, 0}), 3);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].chunk_id, "a");
  EXPECT_EQ(hits[1].chunk_id, "c");
  EXPECT_NEAR(hits[0].similarity, 0.995f, 0.01f);
  for (const auto& h : hits) EXPECT_NE(h.chunk_id, "x");
}

TEST(VectorIndex, RemovedVectorsAreNotReturnedAndCanComeBack) {
  VectorIndex idx;
  idx.upsert(1, "a", unit({1, 0}));
  idx.upsert(1, "b", unit({0, 1}));
  idx.remove(1, "a");
  EXPECT_EQ(idx.size(), 1u);
  auto hits = idx.search(1, unit({1, 0}), 2);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].chunk_id, "b");
  idx.upsert(1, "a", unit({1, 0}));
  EXPECT_EQ(idx.search(1, unit({1, 0}), 1).at(0).chunk_id, "a");
  EXPECT_EQ(idx.size(), 2u);
}

TEST(VectorIndex, UpsertReplacesVector) {
  VectorIndex idx;
  idx.upsert(1, "a", unit({1, 0}));
  idx.upsert(1, "b", unit({0.7f, 0.7f}));
  idx.upsert(1, "a", unit({0, 1}));
  EXPECT_EQ(idx.size(), 2u);
  EXPECT_EQ(idx.search(1, unit({0, 1}), 1).at(0).chunk_id, "a");
}

TEST(VectorIndex, GrowsPastInitialCapacity) {
  VectorIndex idx({.initial_capacity = 4});
  std::mt19937 rng(1);
  std::normal_distribution<float> d;
  for (int i = 0; i < 50; ++i) idx.upsert(1, std::to_string(i), unit({d(rng), d(rng), d(rng), d(rng)}));
  EXPECT_EQ(idx.size(), 50u);
  EXPECT_EQ(idx.search(1, unit({1, 0, 0, 0}), 10).size(), 10u);
}

TEST(VectorIndex, RejectsDimensionChange) {
  VectorIndex idx;
  idx.upsert(1, "a", unit({1, 0}));
  EXPECT_THROW(idx.upsert(2, "b", unit({1, 0, 0})), std::invalid_argument);
  EXPECT_TRUE(idx.search(1, unit({1, 0, 0}), 1).empty());
}

TEST(VectorIndex, VectorOfReturnsStoredLiveVectorsOnly) {
  VectorIndex idx;
  auto v = unit({3, 4});
  idx.upsert(1, "a", v);
  EXPECT_EQ(idx.vector_of(1, "a"), v);
  EXPECT_TRUE(idx.vector_of(2, "a").empty());
  EXPECT_TRUE(idx.vector_of(1, "b").empty());
  idx.remove(1, "a");
  EXPECT_TRUE(idx.vector_of(1, "a").empty());
}

TEST(VectorIndex, UnknownTenantIsEmpty) {
  VectorIndex idx;
  EXPECT_TRUE(idx.search(9, unit({1, 0}), 3).empty());
}

TEST(VectorIndex, SaveAndLoadKeepVectorsDeletionsAndStamps) {
  auto dir = std::filesystem::temp_directory_path() / ("aurixa-vi-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    VectorIndex idx;
    idx.upsert(1, "a", unit({1, 0, 0}), 11);
    idx.upsert(1, "b", unit({0, 1, 0}), 12);
    idx.upsert(2, "x", unit({1, 0, 0}), 13);
    idx.remove(1, "b");
    idx.save(dir.string());
    idx.upsert(1, "c", unit({0, 0, 1}), 14);
    idx.save(dir.string());  // replaces the first copy
  }
  VectorIndex back;
  EXPECT_FALSE(back.load((dir / "missing").string()));
  ASSERT_TRUE(back.load(dir.string()));
  EXPECT_EQ(back.size(), 3u);
  EXPECT_EQ(back.dimension(), 3u);
  EXPECT_TRUE(back.contains(1, "a", 11));
  EXPECT_FALSE(back.contains(1, "a", 99));
  EXPECT_FALSE(back.contains(1, "b", 12));  // deleted before the save
  EXPECT_TRUE(back.contains(1, "c", 14));
  auto hits = back.search(1, unit({0, 0.1f, 1}), 5);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].chunk_id, "c");
  EXPECT_EQ(back.search(2, unit({1, 0, 0}), 5).at(0).chunk_id, "x");
  // The loaded index keeps working: a deleted chunk comes back, new ones are added.
  back.upsert(1, "b", unit({0, 1, 0}), 15);
  back.upsert(1, "d", unit({1, 1, 1}), 16);
  EXPECT_EQ(back.size(), 5u);
  EXPECT_EQ(back.search(1, unit({0, 1, 0}), 1).at(0).chunk_id, "b");
  VectorIndex wrong_dim;
  EXPECT_THROW(wrong_dim.load(dir.string(), 512), std::runtime_error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aurixa::rag
