#include "roles/llm/answer_type.hpp"

#include <gtest/gtest.h>

#include "roles/llm/builtin.hpp"

namespace aurixa::llm {
namespace {

using namespace answer;

TEST(AnswerType, ExpectedFromTheQuestion) {
  EXPECT_EQ(expected("How much is a flu shot without insurance?"), kMoney);
  EXPECT_EQ(expected("what's the fee for a copy of my chart"), kMoney);
  EXPECT_EQ(expected("¿cuánto cuesta la consulta?"), kMoney);
  EXPECT_EQ(expected("how much ibuprofen can I take"), kNone);  // a dose, not a price
  EXPECT_EQ(expected("how long does it take to get results"), kDuration);
  EXPECT_EQ(expected("how many days until the referral goes through"), kDuration);
  EXPECT_EQ(expected("cuánto tiempo tarda la receta"), kDuration);
  EXPECT_EQ(expected("how often should I get a tetanus booster"), kFrequency);
  EXPECT_EQ(expected("when does the walk-in clinic open"), kTime);
  EXPECT_EQ(expected("what time do you close on saturday"), kTime);
  EXPECT_EQ(expected("what's the phone number for billing"), kPhone);
  EXPECT_EQ(expected("how many people can come with me"), kCount);
  EXPECT_EQ(expected("do you take walk-ins"), kNone);
  EXPECT_EQ(expected(""), kNone);
}

TEST(AnswerType, PresentInTheSentence) {
  EXPECT_TRUE(present("A sports physical costs $35.") & kMoney);
  EXPECT_TRUE(present("Parking is free for patients.") & kMoney);
  EXPECT_TRUE(present("Copies are made at no extra charge.") & kMoney);
  EXPECT_TRUE(present("Allow 2 business days for refills.") & kDuration);
  EXPECT_TRUE(present("Results take 24 to 48 hours.") & kDuration);
  EXPECT_TRUE(present("The lab closes at 4:30 p.m. on Fridays.") & kTime);
  EXPECT_TRUE(present("We open at 8 am.") & kTime);
  EXPECT_TRUE(present("A Pap test is recommended every 3 years.") & kFrequency);
  EXPECT_TRUE(present("Moisturize twice a day.") & kFrequency);
  EXPECT_TRUE(present("Call (555) 388-1250 for billing.") & kPhone);
  EXPECT_TRUE(present("or 555-388-1250 after hours") & kPhone);
  EXPECT_FALSE(present("Order 12345678901 shipped.") & kPhone);
  EXPECT_EQ(present("Bring your insurance card to every visit"), kFrequency);  // "every" alone is a frequency word
  EXPECT_EQ(present("We welcome new patients of all ages."), kNone);
}

// Among equally matching sentences (three answer slots), the responder keeps the one that holds what the
// question asks for.
TEST(AnswerType, ResponderKeepsTheSentenceWithTheAnswer) {
  const std::vector<Passage> passages = {{"Clinic services",
                                          "Sports physicals are offered at the main office. Sports physicals are "
                                          "offered at the north office. Sports physicals are offered on weekdays. "
                                          "A sports physical takes 30 minutes.",
                                          "", "1"}};
  const BuiltinResponder with(512, BuiltinResponder::kMinCoverage, 1.5);
  const BuiltinResponder without(512, BuiltinResponder::kMinCoverage, 1.0);
  const std::string q = "how long is a sports physical";
  EXPECT_NE(with.answer_from_passages(q, passages).find("30 minutes"), std::string::npos);
  EXPECT_EQ(without.answer_from_passages(q, passages).find("30 minutes"), std::string::npos);
}

}  // namespace
}  // namespace aurixa::llm
