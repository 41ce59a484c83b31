#include "roles/agents/state.hpp"

#include <gtest/gtest.h>

namespace aurixa::agents {
namespace {

TEST(DialogueState, RoundTripsThroughJson) {
  DialogueState s;
  s.task = "book_appointment";
  s.stage = "confirming";
  s.slots.reason = "tb \"test\"";
  s.slots.time_start = 540;
  s.slots.time_exact = true;
  s.chosen = Slot{"2026-03-12", "09:00", "Dr. Bell"};
  s.offered = {{"2026-03-12", "10:00", "Dr. Adams"}};
  s.offered_visits = {{7, "2026-03-12", "09:00", "Dr. Adams", "Annual checkup"}};
  s.offered_meds = {"Metformin"};
  s.version = 4;
  s.language = "es";
  const auto back = state_from_json(to_json(s));
  EXPECT_EQ(back.task, s.task);
  EXPECT_EQ(back.stage, s.stage);
  EXPECT_EQ(back.slots.reason, s.slots.reason);
  EXPECT_EQ(back.slots.time_start, 540);
  EXPECT_TRUE(back.slots.time_exact);
  ASSERT_TRUE(back.chosen);
  EXPECT_EQ(*back.chosen, *s.chosen);
  EXPECT_EQ(back.offered, s.offered);
  ASSERT_EQ(back.offered_visits.size(), 1u);
  EXPECT_EQ(back.offered_visits[0].id, 7);
  EXPECT_EQ(back.offered_meds, s.offered_meds);
  EXPECT_EQ(back.version, 4);
  EXPECT_EQ(back.language, "es");
  s.clear();  // the conversation's language outlives its task
  EXPECT_EQ(s.language, "es");
}

TEST(DialogueState, MalformedTextGivesAFreshState) {
  EXPECT_FALSE(state_from_json("{not json").active());
  EXPECT_FALSE(state_from_json("[1,2]").active());
  EXPECT_FALSE(state_from_json("").active());
}

}  // namespace
}  // namespace aurixa::agents
