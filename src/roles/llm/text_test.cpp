#include "roles/llm/text.hpp"

#include <gtest/gtest.h>

namespace aurixa::llm::text {
namespace {

TEST(LlmText, WordsAreLowerCasedAndSplitOnPunctuation) {
  EXPECT_EQ(words("Hello, WORLD! It's 9am."), (std::vector<std::string>{"hello", "world", "it's", "9am"}));
}

TEST(LlmText, StemMeetsInflections) {
  EXPECT_EQ(stem("appointments"), stem("appointment"));
  EXPECT_EQ(stem("booking"), "book");
  EXPECT_EQ(stem("booked"), "book");
  EXPECT_EQ(stem("scheduled"), stem("schedule"));
  EXPECT_EQ(stem("refills"), "refill");
  EXPECT_EQ(stem("pharmacies"), "pharmacy");
  EXPECT_EQ(stem("hours"), "hour");
}

TEST(LlmText, PhraseMatchIsWholeWord) {
  auto w = words("I had breakfast and a steadfast friend");
  EXPECT_FALSE(contains_phrase(w, "fast"));
  EXPECT_TRUE(contains_phrase(words("make it fast, please"), "fast"));
  EXPECT_TRUE(contains_phrase(words("a Deep Research question"), "deep research"));
  EXPECT_FALSE(contains_phrase(words("research deep"), "deep research"));
}

TEST(LlmText, SentencesKeepAbbreviationsAndTimes) {
  auto s = sentences("Dr. Lee sees patients from 9 a.m. to 5 p.m. Call us at 8.30 tomorrow! Parking is free.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Dr. Lee sees patients from 9 a.m. to 5 p.m.");
  EXPECT_EQ(s[1], "Call us at 8.30 tomorrow!");
  EXPECT_EQ(s[2], "Parking is free.");
}

TEST(LlmText, ContentTermsDropStopwords) {
  EXPECT_EQ(content_terms("What are your opening hours?"), (std::vector<std::string>{"open", "hour"}));
}

TEST(LlmText, AbbreviationsMeetTheirFullWords) {
  EXPECT_EQ(expand_abbreviation("appt"), "appointment");
  EXPECT_EQ(expand_abbreviation("thurs"), "thursday");
  EXPECT_EQ(expand_abbreviation("apple"), "apple");
  EXPECT_EQ(content_terms("can i move my appt to thurs"), content_terms("can i move my appointment to thursday"));
  EXPECT_EQ(content_terms("rx refill pls"), (std::vector<std::string>{"prescription", "refill"}));
}

TEST(LlmText, TokenEstimateCountsWordsAndPunctuation) {
  EXPECT_EQ(estimate_tokens(""), 0);
  EXPECT_EQ(estimate_tokens("Hello, world!"), 4);
  EXPECT_GT(estimate_tokens("internationalization"), 1);  // long words count as several pieces
}

}  // namespace
}  // namespace aurixa::llm::text
