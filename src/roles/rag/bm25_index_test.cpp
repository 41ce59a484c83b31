#include "roles/rag/bm25_index.hpp"

#include <gtest/gtest.h>

namespace aurixa::rag {
namespace {

Chunk chunk(std::int64_t article, std::int64_t tenant, std::string title, std::string text, int index = 0) {
  Chunk c;
  c.article_id = article;
  c.tenant_id = tenant;
  c.index = index;
  c.id = std::to_string(article) + ":" + std::to_string(index);
  c.title = std::move(title);
  c.text = std::move(text);
  return c;
}

class Bm25IndexTest : public ::testing::Test {
 protected:
  std::shared_ptr<Analyzer> analyzer = std::make_shared<Analyzer>();
  Bm25Index index{analyzer};

  std::vector<std::string> ids(std::int64_t tenant, const std::string& query, int k = 10) {
    auto q = analyzer->analyze_query(query);
    index.repair_typos(q);
    std::vector<std::string> out;
    for (const auto& h : index.search(tenant, q, k)) out.push_back(h.chunk_id);
    return out;
  }
};

TEST_F(Bm25IndexTest, RanksTheDocumentAboutTheQueryFirst) {
  index.replace_article(
      1, {chunk(1, 1, "Parking", "Free parking in the lot behind the building. Street parking is metered.")});
  index.replace_article(2, {chunk(2, 1, "Billing", "Pay your bill online. We accept cards and checks for the bill.")});
  index.replace_article(3, {chunk(3, 1, "Hours", "We are open weekdays; the lot opens at seven.")});
  auto r = ids(1, "where can I park my car");
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r.front(), "1:0");
}

TEST_F(Bm25IndexTest, RareTermOutweighsCommonTerm) {
  index.replace_article(1, {chunk(1, 1, "A", "clinic clinic clinic information")});
  index.replace_article(2, {chunk(2, 1, "B", "clinic vaccine")});
  index.replace_article(3, {chunk(3, 1, "C", "clinic visit")});
  index.replace_article(4, {chunk(4, 1, "D", "clinic hours")});
  EXPECT_EQ(ids(1, "clinic vaccine").front(), "2:0");
}

TEST_F(Bm25IndexTest, TitleWordsCountMoreThanBodyWords) {
  index.replace_article(1, {chunk(1, 1, "Vaccines", "What we offer for children and adults.")});
  index.replace_article(2, {chunk(2, 1, "Children", "We give vaccines to children and adults alike.")});
  EXPECT_EQ(ids(1, "vaccines").front(), "1:0");
}

TEST_F(Bm25IndexTest, SearchIsFilteredToTheTenant) {
  index.replace_article(1, {chunk(1, 1, "Parking", "parking garage")});
  index.replace_article(2, {chunk(2, 2, "Parking", "parking garage")});
  EXPECT_EQ(ids(1, "parking"), (std::vector<std::string>{"1:0"}));
  EXPECT_EQ(ids(2, "parking"), (std::vector<std::string>{"2:0"}));
  EXPECT_TRUE(ids(3, "parking").empty());
}

TEST_F(Bm25IndexTest, ReplaceDropsOldChunksAndRemoveDropsAll) {
  index.replace_article(1, {chunk(1, 1, "T", "alpha", 0), chunk(1, 1, "T", "beta", 1)});
  EXPECT_EQ(index.chunk_count(), 2u);
  index.replace_article(1, {chunk(1, 1, "T", "gamma", 0)});
  EXPECT_EQ(index.chunk_count(), 1u);
  EXPECT_TRUE(ids(1, "beta").empty());
  EXPECT_EQ(ids(1, "gamma"), (std::vector<std::string>{"1:0"}));
  index.remove_article(1);
  EXPECT_EQ(index.chunk_count(), 0u);
  EXPECT_TRUE(ids(1, "gamma").empty());
}

TEST_F(Bm25IndexTest, MisspeltRareWordStillFinds) {
  index.replace_article(1, {chunk(1, 1, "Refills", "Prescription refills take two business days.")});
  index.replace_article(2, {chunk(2, 1, "Hours", "Open on weekdays.")});
  EXPECT_EQ(ids(1, "perscription refils").front(), "1:0");
}

TEST_F(Bm25IndexTest, TypoRepairForgetsRemovedArticles) {
  index.replace_article(1, {chunk(1, 1, "Refills", "Prescription refills")});
  index.remove_article(1);
  auto q = analyzer->analyze_query("perscription");
  index.repair_typos(q);
  EXPECT_TRUE(q.expansions.empty());
}

TEST_F(Bm25IndexTest, SynonymExpansionFindsTheLongForm) {
  index.replace_article(1, {chunk(1, 1, "Heart", "Check your blood pressure at home twice a day.")});
  index.replace_article(2, {chunk(2, 1, "Other", "Bring your insurance card.")});
  EXPECT_EQ(ids(1, "bp readings").front(), "1:0");
}

TEST_F(Bm25IndexTest, CountsMatchedQueryTerms) {
  index.replace_article(1, {chunk(1, 1, "T", "parking lot behind the building")});
  auto q = analyzer->analyze_query("parking lot elevator");
  auto hits = index.search(1, q, 5);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].matched_terms, 2);
}

TEST_F(Bm25IndexTest, StopWordOnlyQueryFindsNothing) {
  index.replace_article(1, {chunk(1, 1, "T", "the and of")});
  EXPECT_TRUE(ids(1, "the of and").empty());
}

}  // namespace
}  // namespace aurixa::rag
