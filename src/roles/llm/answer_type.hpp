#pragma once
// Expected answer types for the builtin responder's sentence choice (classic factoid QA): "how much does it
// cost" wants a sentence with an amount of money, "how long" a duration, "how often" a frequency, "when" a
// time or day, "what number" a phone number, "how many" a count. A sentence that matches the question's
// words and also holds what the question asks for is the likelier answer ("A physical takes 40 minutes"
// over "Physicals are offered for students and adults"). English and Spanish wording. Pure functions.
#include <string_view>

namespace aurixa::llm::answer {

enum Type : unsigned {
  kNone = 0,
  kMoney = 1u << 0,      // $35, 20 dollars, free, no cost
  kDuration = 1u << 1,   // 40 minutes, 2 business days, 24 to 48 hours
  kTime = 1u << 2,       // 4:00 p.m., noon, Friday, September
  kFrequency = 1u << 3,  // every 5 years, twice a year, annually
  kCount = 1u << 4,      // any number
  kPhone = 1u << 5,      // (555) 388-1250, 555-388-1250
};

// The one type the question asks for, or kNone (most questions: "what is", "can I", "do you").
Type expected(std::string_view question);
// Every type the sentence holds (a bit set of Type).
unsigned present(std::string_view sentence);

}  // namespace aurixa::llm::answer
