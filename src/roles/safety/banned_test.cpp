#include "roles/safety/banned.hpp"

#include <gtest/gtest.h>

namespace aurixa::safety {
namespace {

TEST(SafetyBannedWords, WholeWordCaseInsensitive) {
  BannedWords b({"unsafe", "exploit", "pii_leak"});
  EXPECT_EQ(b.find("This is UNSAFE."), (std::vector<std::string>{"unsafe"}));
  EXPECT_EQ(b.find("a pii_leak and an exploit"), (std::vector<std::string>{"exploit", "pii_leak"}));
}

TEST(SafetyBannedWords, DoesNotMatchInsideOtherWords) {  // D8: the original matched substrings
  BannedWords b({"unsafe", "exploit"});
  EXPECT_TRUE(b.find("exploitation of unsafely stored data").empty());
  EXPECT_TRUE(b.find("unsafe_mode").empty());  // underscore joins words
}

TEST(SafetyBannedWords, AdjacentAndRepeatedWords) {
  BannedWords b({"bad", "word"});
  EXPECT_EQ(b.find("bad word bad"), (std::vector<std::string>{"bad", "word"}));
}

TEST(SafetyBannedWords, SplitList) {
  EXPECT_EQ(split_word_list(" a, b ,,c "), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_word_list("").empty());
}

}  // namespace
}  // namespace aurixa::safety
