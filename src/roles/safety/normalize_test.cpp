#include "roles/safety/normalize.hpp"

#include <gtest/gtest.h>

namespace aurixa::safety {
namespace {

TEST(SafetyNormalize, FoldsCaseAccentsAndApostrophes) {
  EXPECT_EQ(normalize("Mi PAPÁ se desmayó").text, "mi papa se desmayo");
  EXPECT_EQ(normalize("I can\xE2\x80\x99t breathe").text, "i cant breathe");  // curly apostrophe
  EXPECT_EQ(normalize("my dad's face").text, "my dads face");
}

TEST(SafetyNormalize, ClausePunctuationBecomesTokens) {
  const auto t = normalize("no chest pain, just a cough!!!");
  EXPECT_EQ(t.text, "no chest pain , just a cough !");
  ASSERT_EQ(t.tokens.size(), 8u);
  EXPECT_TRUE(t.tokens[3].punct);
  EXPECT_EQ(t.token(4), "just");
}

TEST(SafetyNormalize, KeepsDecimalNumbersAndSplitsSymbols) {
  EXPECT_EQ(normalize("temp 101.5F / BP 128/76").text, "temp 101.5f bp 128 76");
}

TEST(SafetyNormalize, InvalidUtf8BecomesSpaceNotCrash) {
  const std::string bad = std::string("chest\xFF\xFEpain");
  EXPECT_EQ(normalize(bad).text, "chest pain");
}

TEST(SafetyTypoCorrector, FixesOneEditButNotProtectedOrShortWords) {
  TypoCorrector c({"chest", "stroke", "breathe"}, {"strike"});
  EXPECT_EQ(c.correct("chset"), "chest");       // transposition
  EXPECT_EQ(c.correct("strok"), "stroke");      // missing letter
  EXPECT_EQ(c.correct("breathee"), "breathe");  // extra letter
  EXPECT_EQ(c.correct("strike"), "");           // a real word: protected
  EXPECT_EQ(c.correct("hest"), "");             // first letter changed: never guessed
  EXPECT_EQ(c.correct("abc"), "");              // too short
}

TEST(SafetyTypoCorrector, LeavesCapitalisedNamesAlone) {
  TypoCorrector c({"killer", "chest", "pain"}, {});
  ASSERT_EQ(c.correct("keller"), "killer");  // one edit away, so a lower-case "keller" would be rewritten
  auto n = normalize("my name is Laura Keller");
  EXPECT_EQ(c.apply(n, "my name is Laura Keller"), 0u);  // a capitalised word inside a sentence is a name
  EXPECT_EQ(n.text, "my name is laura keller");
  auto title = normalize("Help my Chest Pain is bad, my Chest Pian");  // title case: not a surname
  EXPECT_EQ(c.apply(title, "Help my Chest Pain is bad, my Chest Pian"), 1u);
  auto shout = normalize("CHEST PIAN");
  EXPECT_EQ(c.apply(shout, "CHEST PIAN"), 1u);  // all capitals is shouting, still corrected
  EXPECT_EQ(shout.text, "chest pain");
}

TEST(SafetyCodepointCounter, CountsCodePointsNotBytes) {
  const std::string s = "José 123";  // é is two bytes
  CodepointCounter c(s);
  EXPECT_EQ(c.at(0), 0u);
  EXPECT_EQ(c.at(5), 4u);  // byte 5 is the space after "José"
  EXPECT_EQ(c.at(s.size()), 8u);
}

}  // namespace
}  // namespace aurixa::safety
