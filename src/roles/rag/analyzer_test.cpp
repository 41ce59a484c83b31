#include "roles/rag/analyzer.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "roles/rag/vocabulary.hpp"

namespace aurixa::rag {
namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Analyzer, IndexTermsAreStemmedWithoutStopWords) {
  Analyzer a;
  EXPECT_EQ(a.index_terms("The clinics are closing on Wednesdays"),
            (std::vector<std::string>{"clinic", "close", "wednesday"}));
}

TEST(Analyzer, QueryAndIndexShareStems) {
  Analyzer a;
  auto q = a.analyze_query("Refilling my prescriptions?");
  auto idx = a.index_terms("prescription refill");
  for (const auto& s : idx) EXPECT_TRUE(has(q.stems, s)) << s;
}

TEST(Analyzer, AbbreviationExpandsToPhrase) {
  Analyzer a;
  auto q = a.analyze_query("how often should I check my BP");
  EXPECT_TRUE(has(q.stems, "bp"));
  EXPECT_TRUE(has(q.expansions, "blood"));
  EXPECT_TRUE(has(q.expansions, "pressur"));
}

TEST(Analyzer, PhraseExpandsToAbbreviation) {
  Analyzer a;
  auto q = a.analyze_query("go to the emergency room");
  EXPECT_TRUE(has(q.expansions, "er"));
}

TEST(Analyzer, PartialPhraseDoesNotExpand) {
  Analyzer a;
  auto q = a.analyze_query("my blood type");  // "blood" alone is not "blood pressure"
  EXPECT_FALSE(has(q.expansions, "bp"));
}

TEST(Analyzer, ExpansionsNeverRepeatQueryStems) {
  Analyzer a;
  auto q = a.analyze_query("rx prescription");
  for (const auto& e : q.expansions) EXPECT_FALSE(has(q.stems, e)) << e;
}

TEST(Analyzer, CustomSynonymTable) {
  Analyzer a(std::vector<SynonymGroup>{{"lvc", "lakeview connect"}});
  EXPECT_TRUE(has(a.analyze_query("lvc login").expansions, "lakeview"));
  EXPECT_TRUE(a.analyze_query("bp").expansions.empty());
}

TEST(Analyzer, PatientWordsThatLookLikeContractionsAreKept) {
  Analyzer a;
  EXPECT_FALSE(a.is_stopword("ill"));
  EXPECT_FALSE(a.is_stopword("wed"));
  EXPECT_TRUE(a.is_stopword("the"));
}

TEST(EditDistance, CountsTranspositionAsOne) {
  EXPECT_EQ(edit_distance("teh", "the", 2), 1);
  EXPECT_EQ(edit_distance("kitten", "sitting", 5), 3);
  EXPECT_EQ(edit_distance("abc", "abcdef", 1), 2);  // capped at max + 1
}

TEST(Vocabulary, CorrectsRareMisspellingToKnownWord) {
  Vocabulary v;
  for (const char* w : {"prescription", "refill", "pharmacy", "pressure"}) v.add(w);
  EXPECT_EQ(v.correct("perscription"), "prescription");  // transposition + length >= 8: distance 2 allowed
  EXPECT_EQ(v.correct("refil"), "refill");
  EXPECT_EQ(v.correct("pharmcy"), "pharmacy");
  EXPECT_EQ(v.correct("refill"), "");  // known words are left alone
  EXPECT_EQ(v.correct("bp"), "");      // too short to guess
  EXPECT_EQ(v.correct("zebra"), "");
}

// A long "word" is neither corrected nor indexed for correction: its candidates were n^2 strings of n letters
// (a 2,000-letter query took 3 s and held up every retrieval behind it; this one took far longer).
TEST(Vocabulary, LongWordsAreNotCorrected) {
  Vocabulary v;
  v.add("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
  v.add(std::string(20000, 'b'));
  EXPECT_EQ(v.correct(std::string(6000, 'b')), "");
  EXPECT_TRUE(v.contains(std::string(20000, 'b')));
}

TEST(Vocabulary, PrefersMoreFrequentNeighbour) {
  Vocabulary v;
  v.add("cast");
  v.add("cost");
  v.add("cost");
  EXPECT_EQ(v.correct("cqst"), "cost");
}

TEST(Vocabulary, ForgetsRemovedWords) {
  Vocabulary v;
  v.add("strep");
  v.remove("strep");
  EXPECT_FALSE(v.contains("strep"));
  EXPECT_EQ(v.correct("strepp"), "");
}

}  // namespace
}  // namespace aurixa::rag
