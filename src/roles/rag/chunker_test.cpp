#include "roles/rag/chunker.hpp"

#include <gtest/gtest.h>

#include "roles/rag/text.hpp"

namespace aurixa::rag {
namespace {

std::string sentences(int n, const std::string& word) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "This " + word + " sentence number " + std::to_string(i) + " has eight words. ";
  return out;
}

TEST(Chunker, ShortArticleIsOneChunk) {
  auto p = split_passages("A short answer.\n\nWith two paragraphs.");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0], "A short answer.\nWith two paragraphs.");
}

TEST(Chunker, BlankContentGivesNoChunks) { EXPECT_TRUE(split_passages(" \n\n ").empty()); }

TEST(Chunker, LongTextIsCutWithinLimitsAndOverlaps) {
  ChunkOptions o;                                      // 60..200 words, 30 overlap
  auto p = split_passages(sentences(80, "alpha"), o);  // 640 words
  ASSERT_GE(p.size(), 4u);
  for (const auto& c : p) EXPECT_LE(count_words(c), o.max_words + o.max_words / 4) << c;
  for (std::size_t i = 1; i < p.size(); ++i) {
    // The first sentence of a chunk after the first repeats the previous chunk's last one.
    auto first = split_sentences(p[i]).front();
    EXPECT_NE(p[i - 1].find(first), std::string::npos) << i;
  }
}

TEST(Chunker, HeadingStartsNewChunkWithoutOverlap) {
  std::string text = sentences(10, "alpha") + "\n\nParking:\n" + sentences(10, "beta");
  auto p = split_passages(text);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1].rfind("Parking:", 0), 0u) << p[1];
  EXPECT_EQ(p[1].find("alpha"), std::string::npos);
  EXPECT_EQ(p[0].find("beta"), std::string::npos);
}

TEST(Chunker, SmallSectionsAreMergedUntilLongEnough) {
  auto p = split_passages("Hours:\nOpen daily.\n\nPhone:\nCall us.\n\nFax:\nSend one.");
  EXPECT_EQ(p.size(), 1u);
}

TEST(Chunker, ShortTailJoinsPreviousChunk) {
  auto p = split_passages(sentences(24, "alpha") + "\n\nThe end.");  // 192 + 2 words
  EXPECT_EQ(p.size(), 1u);
}

TEST(Chunker, ChunksCarryArticleMetadata) {
  Article a{42, 7, "Clinic Hours", sentences(60, "gamma"), "hours"};
  auto chunks = chunk_article(a);
  ASSERT_GT(chunks.size(), 1u);
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    EXPECT_EQ(chunks[i].article_id, 42);
    EXPECT_EQ(chunks[i].tenant_id, 7);
    EXPECT_EQ(chunks[i].title, "Clinic Hours");
    EXPECT_EQ(chunks[i].category, "hours");
    EXPECT_EQ(chunks[i].index, static_cast<int>(i));
    EXPECT_EQ(chunks[i].id, "42:" + std::to_string(i));
  }
}

}  // namespace
}  // namespace aurixa::rag
