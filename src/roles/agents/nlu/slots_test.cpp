#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "roles/agents/nlu/internal.hpp"
#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace {

constexpr Now kWed{2026, 3, 11, 10, 15};

Vocabulary vocab() {
  return Vocabulary{{"Dr. Adams", "Dr. Bell", "Dr. Chen", "Dr. Maria Lee"},
                    {"Family Medicine", "Pediatrics", "Cardiology", "Dermatology"},
                    {"Lisinopril 10mg", "Metformin"}};
}

std::string provider(const char* text) { return extract_slots(text, kWed, vocab()).provider.value_or(""); }
std::string medication(const char* text) { return extract_slots(text, kWed, vocab()).medication.value_or(""); }
std::string reason(const char* text) { return extract_slots(text, kWed, vocab()).reason.value_or(""); }
std::string pharmacy(const char* text) { return extract_slots(text, kWed, vocab()).pharmacy.value_or(""); }

TEST(NluSlots, ProviderByName) {
  EXPECT_EQ(provider("can i see dr adams tomorrow"), "Dr. Adams");
  EXPECT_EQ(provider("an appointment with Adams"), "Dr. Adams");
  EXPECT_EQ(provider("i want to see adam"), "Dr. Adams");
  EXPECT_EQ(provider("appointment with doctor bell"), "Dr. Bell");
  EXPECT_EQ(provider("Dr. Chen please"), "Dr. Chen");
  EXPECT_EQ(provider("DR CHEN"), "Dr. Chen");
  EXPECT_EQ(provider("maria lee on friday"), "Dr. Maria Lee");
  EXPECT_EQ(provider("with dr lee"), "Dr. Maria Lee");
  EXPECT_EQ(provider("with Maria"), "Dr. Maria Lee");
  EXPECT_EQ(provider("dr adms"), "Dr. Adams");
  EXPECT_EQ(provider("see dr. chenn"), "Dr. Chen");
  EXPECT_EQ(provider("book with dr. bel"), "Dr. Bell");
}

TEST(NluSlots, ProviderBySpecialty) {
  EXPECT_EQ(provider("the dermatologist"), "Dr. Maria Lee");
  EXPECT_EQ(provider("i need a cardiologist"), "Dr. Chen");
  EXPECT_EQ(provider("pediatrician for my son"), "Dr. Bell");
  EXPECT_EQ(provider("my pcp"), "Dr. Adams");
  EXPECT_EQ(provider("my family doctor"), "Dr. Adams");
  EXPECT_EQ(provider("a skin doctor"), "Dr. Maria Lee");
  EXPECT_EQ(provider("cardiology visit"), "Dr. Chen");
}

TEST(NluSlots, NoProvider) {
  EXPECT_EQ(provider("i need an appointment"), "");
  EXPECT_EQ(provider("then i will come in"), "");
  EXPECT_EQ(provider("the orthopedist"), "");  // nobody on staff
  EXPECT_EQ(provider("i want a checkup"), "");
  EXPECT_EQ(provider("see you then"), "");
  EXPECT_EQ(provider("my mom Mrs. Chen needs a refill"), "");
}

TEST(NluSlots, Medication) {
  EXPECT_EQ(medication("refill my lisinopril"), "Lisinopril 10mg");
  EXPECT_EQ(medication("lisinopril 10mg"), "Lisinopril 10mg");
  EXPECT_EQ(medication("LISINOPRIL"), "Lisinopril 10mg");
  EXPECT_EQ(medication("metformn refill"), "Metformin");
  EXPECT_EQ(medication("metformin 500 mg please"), "Metformin");
  EXPECT_EQ(medication("my zestril ran out"), "Lisinopril 10mg");
  EXPECT_EQ(medication("refill my blood pressure pills"), "Lisinopril 10mg");
  EXPECT_EQ(medication("i need more of my diabetes medicine"), "Metformin");
  EXPECT_EQ(medication("lisinoprl"), "Lisinopril 10mg");
  EXPECT_EQ(medication("i need a refill"), "");
  EXPECT_EQ(medication("refill my atorvastatin"), "");
  EXPECT_EQ(medication("appointment about my diabetes"), "");  // no medication words: a visit reason
}

TEST(NluSlots, Reason) {
  EXPECT_EQ(reason("book me for a tb test tomorrow at 9"), "tb test");
  EXPECT_NE(reason("i need a physical for my soccer league").find("physical"), std::string::npos);
  EXPECT_EQ(reason("i'd like to come in for a flu shot"), "flu shot");
  EXPECT_EQ(reason("I need an appointment with Dr. Adams about my migraines"), "migraines");
  EXPECT_EQ(reason("can i come in for this rash on my neck"), "this rash on my neck");
  EXPECT_EQ(reason("schedule a checkup next week"), "checkup");
  EXPECT_EQ(reason("my knee hurts, can dr adams see me"), "knee");
  EXPECT_EQ(reason("quiero una cita para un examen físico"), "examen físico");
  EXPECT_EQ(reason("appointment to talk about my blood pressure"), "blood pressure");
  EXPECT_EQ(reason("book a follow-up with dr chen"), "follow-up");
  EXPECT_EQ(reason("I need to be seen because of a sore throat"), "sore throat");
  EXPECT_EQ(reason("he needs his diabetes follow up"), "diabetes follow up");
  EXPECT_EQ(reason("my daughter needs her vaccines on friday"), "vaccines");
  EXPECT_EQ(reason("cita para mañana por dolor de cabeza"), "dolor de cabeza");
  EXPECT_EQ(reason("regarding my lab results"), "lab results");
  EXPECT_EQ(reason("my son needs his 4 year shots"), "shots");
  EXPECT_EQ(reason("book my kid for a well child visit"), "well child visit");
}

TEST(NluSlots, NoReason) {
  EXPECT_EQ(reason("appointment for my son"), "");
  EXPECT_EQ(reason("can i book for tomorrow"), "");
  EXPECT_EQ(reason("i need an appointment with dr adams"), "");
  EXPECT_EQ(reason("refill my lisinopril"), "");
  EXPECT_EQ(reason("my rx for lisinopril is about to run out"), "");
  EXPECT_EQ(reason("yes"), "");
}

TEST(NluSlots, Pharmacy) {
  EXPECT_EQ(pharmacy("send it to the cvs on main"), "cvs on main");
  EXPECT_EQ(pharmacy("Walgreens"), "walgreens");
  EXPECT_EQ(pharmacy("walmart on lakeshore please"), "walmart on lakeshore");
  EXPECT_EQ(pharmacy("pharmacy on file"), "on file");
  EXPECT_EQ(pharmacy("whichever pharmacy you have on file"), "on file");
  EXPECT_EQ(pharmacy("my usual pharmacy"), "on file");
  EXPECT_EQ(pharmacy("the costco pharmacy please"), "costco");
  EXPECT_EQ(pharmacy("rite aid on 5th street"), "rite aid on 5th street");
  EXPECT_EQ(pharmacy("Main Street Pharmacy"), "main street pharmacy");
  EXPECT_EQ(pharmacy("the Walgreens on 5th and Main?"), "walgreens on 5th and main");
  EXPECT_EQ(pharmacy("i need a refill"), "");
  EXPECT_EQ(pharmacy("my son has a target heart rate"), "");
}

TEST(NluSlots, AllSlotsTogether) {
  auto s = extract_slots("book me with dr chen next tuesday at 3 for a follow up", kWed, vocab());
  ASSERT_TRUE(s.when.date);
  EXPECT_EQ(s.when.date->first, "2026-03-17");
  ASSERT_TRUE(s.when.time);
  EXPECT_EQ(s.when.time->start_minute, 15 * 60);
  EXPECT_EQ(s.provider.value_or(""), "Dr. Chen");
  EXPECT_EQ(s.reason.value_or(""), "follow up");
  EXPECT_FALSE(s.medication);
  EXPECT_FALSE(s.pharmacy);
}

TEST(NluSlots, EmptyVocabulary) {
  auto s = extract_slots("dr adams tomorrow for a checkup, lisinopril to cvs", kWed, Vocabulary{});
  EXPECT_FALSE(s.provider);
  EXPECT_FALSE(s.medication);
  EXPECT_TRUE(s.when.date);
  EXPECT_EQ(s.reason.value_or(""), "checkup");
  EXPECT_EQ(s.pharmacy.value_or(""), "cvs");
}

// The rolling-row edit distance agrees with the textbook full matrix (optimal string alignment), also past
// the 63-byte stack rows.
TEST(NluInternal, EditDistanceMatchesTheFullMatrix) {
  auto reference = [](std::string_view a, std::string_view b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i)
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    return d[a.size()][b.size()];
  };
  std::mt19937 rng(7);
  auto word = [&](std::size_t max_len) {
    std::string w(rng() % (max_len + 1), 'a');
    for (char& c : w) c = static_cast<char>('a' + rng() % 4);  // a small alphabet: many repeats and swaps
    return w;
  };
  for (int k = 0; k < 2000; ++k) {
    const std::size_t len = k % 10 == 0 ? 90 : 9;
    const auto a = word(len), b = word(len);
    ASSERT_EQ(detail::edit_distance(a, b), reference(a, b)) << a << " / " << b;
  }
}

TEST(NluInternal, EditDistanceAndTokens) {
  EXPECT_EQ(detail::edit_distance("yse", "yes"), 1);
  EXPECT_EQ(detail::edit_distance("metformn", "metformin"), 1);
  EXPECT_EQ(detail::edit_distance("", "abc"), 3);
  auto t = detail::tokenize("Today's 3:30pm, Dr. O'Neil");
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].w, "todays");
  EXPECT_TRUE(t[0].possessive);
  EXPECT_EQ(t[1].w, "3:30pm");
  EXPECT_EQ(t[2].w, "dr");
  EXPECT_TRUE(t[2].punct_before);
  EXPECT_EQ(t[3].w, "oneil");
}

}  // namespace
}  // namespace aurixa::agents::nlu
