#include "core/redaction_marks.hpp"

#include <gtest/gtest.h>

namespace aurixa {
namespace {

TEST(RedactionMarks, AreRemovedAndOtherBracketsKept) {
  EXPECT_EQ(without_redaction_marks("my name is [REDACTED-PERSON], born [REDACTED-DATE_OF_BIRTH], results?"),
            "my name is  , born  , results?");
  EXPECT_EQ(without_redaction_marks("no marks [here]"), "no marks [here]");
  EXPECT_EQ(without_redaction_marks("[REDACTED-lower] stays"), "[REDACTED-lower] stays");
  EXPECT_EQ(without_redaction_marks("cut off [REDACTED-PERS"), "cut off [REDACTED-PERS");
  EXPECT_EQ(without_redaction_marks(""), "");
}

}  // namespace
}  // namespace aurixa
