#include "roles/rag/text.hpp"

#include <gtest/gtest.h>

namespace aurixa::rag {
namespace {

using Words = std::vector<std::string>;

TEST(FoldWords, LowerCasesAndStripsAccents) {
  EXPECT_EQ(fold_words("Papá SE DESMAYÓ"), (Words{"papa", "se", "desmayo"}));
}

TEST(FoldWords, KeepsContractionsAsOneWord) { EXPECT_EQ(fold_words("don't   it’s"), (Words{"dont", "its"})); }

TEST(FoldWords, PunctuationAndDigitsSplitSensibly) {
  EXPECT_EQ(fold_words("(555) 388-1200, A1c!"), (Words{"555", "388", "1200", "a1c"}));
}

TEST(FoldWords, CompatibilityFormsAreNormalised) { EXPECT_EQ(fold_words("ﬁle Ｆｕｌｌ"), (Words{"file", "full"})); }

TEST(FoldWords, InvalidUtf8SeparatesWords) {
  EXPECT_EQ(fold_words("ab\xff"
                       "cd"),
            (Words{"ab", "cd"}));
}

TEST(SplitSentences, SplitsAtSentenceEndsAndLines) {
  EXPECT_EQ(split_sentences("One here. Two there!\n- item three\nFour?"),
            (Words{"One here.", "Two there!", "- item three", "Four?"}));
}

TEST(SplitSentences, AbbreviationFollowedByLowerCaseDoesNotSplit) {
  EXPECT_EQ(split_sentences("Open 8:00 a.m. to 5 p.m. Closed Sunday."),
            (Words{"Open 8:00 a.m. to 5 p.m.", "Closed Sunday."}));
}

TEST(CountWords, CountsWhitespaceSeparatedWords) {
  EXPECT_EQ(count_words("  a bb\tccc\n d "), 4u);
  EXPECT_EQ(count_words(""), 0u);
}

}  // namespace
}  // namespace aurixa::rag
