#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace {

const char* name(Act a) {
  switch (a) {
    case Act::none: return "none";
    case Act::affirm: return "affirm";
    case Act::deny: return "deny";
    case Act::abandon: return "abandon";
    case Act::hold: return "hold";
    case Act::correction: return "correction";
  }
  return "?";
}

TEST(NluActs, Table) {
  const std::vector<std::pair<const char*, Act>> rows = {
      // affirm
      {"yes", Act::affirm}, {"Yes!", Act::affirm}, {"yse", Act::affirm}, {"yess", Act::affirm},
      {"YESSS", Act::affirm}, {"yup", Act::affirm}, {"yeah sure", Act::affirm}, {"ok do it", Act::affirm},
      {"sounds good", Act::affirm}, {"confirm", Act::affirm}, {"that works", Act::affirm}, {"sí", Act::affirm},
      {"claro", Act::affirm}, {"dale", Act::affirm}, {"cancélala", Act::affirm}, {"yes cancel it", Act::affirm},
      {"sure thing", Act::affirm}, {"\xF0\x9F\x91\x8D", Act::affirm}, {"Yes please!!", Act::affirm},
      {"ok", Act::affirm}, {"okay thanks", Act::affirm}, {"perfect", Act::affirm}, {"correct", Act::affirm},
      {"go ahead", Act::affirm}, {"absolutely", Act::affirm}, {"sí, por favor", Act::affirm},
      {"de acuerdo", Act::affirm}, {"that's right", Act::affirm}, {"works for me", Act::affirm},
      {"yep \xF0\x9F\x91\x8D", Act::affirm}, {"no problem", Act::affirm}, {"y", Act::affirm},
      {"book it", Act::affirm}, {"cancel it", Act::affirm}, {"yea that's fine", Act::affirm},
      {"Sure, go for it.", Act::affirm}, {"okey dokey", Act::affirm}, {"actually yes", Act::affirm},
      // deny
      {"no", Act::deny}, {"nope", Act::deny}, {"No thanks", Act::deny}, {"don't cancel", Act::deny},
      {"no, that's fine", Act::deny}, {"nah", Act::deny}, {"no, keep it", Act::deny}, {"keep it", Act::deny},
      {"that's not right", Act::deny}, {"no gracias", Act::deny}, {"no quiero", Act::deny},
      {"I don't want that", Act::deny}, {"negative", Act::deny}, {"nooo", Act::deny},
      {"please don't", Act::deny}, {"i can't make it then", Act::deny}, {"I don't think so", Act::deny}, {"that time doesn't work", Act::deny},
      // abandon
      {"never mind", Act::abandon}, {"Nevermind!", Act::abandon}, {"forget it", Act::abandon},
      {"not now", Act::abandon}, {"i'll call my insurance first", Act::abandon}, {"nvm", Act::abandon},
      {"maybe later", Act::abandon}, {"olvídalo", Act::abandon}, {"ahora no", Act::abandon},
      {"I changed my mind", Act::abandon}, {"forget about it, thanks", Act::abandon},
      {"no, never mind", Act::abandon}, {"I'll call back later", Act::abandon}, {"mejor no", Act::abandon},
      // hold
      {"hold on, let me check my calendar ... don't book it yet", Act::hold}, {"wait", Act::hold},
      {"one sec", Act::hold}, {"let me check with my wife", Act::hold}, {"hang on", Act::hold},
      {"espera", Act::hold}, {"un momento", Act::hold}, {"not yet", Act::hold}, {"give me a minute", Act::hold},
      {"wait a second", Act::hold}, {"don't book anything yet", Act::hold}, {"déjame revisar", Act::hold},
      // correction
      {"actually, make it 4pm", Act::correction}, {"oops i meant thursday", Act::correction},
      {"change it to friday", Act::correction}, {"tuesday instead", Act::correction},
      {"actually can we do the morning", Act::correction}, {"no wait, i meant 3", Act::correction},
      {"en realidad el martes", Act::correction}, {"quise decir a las 3", Act::correction},
      {"how about friday instead?", Act::correction}, {"make that 2pm", Act::correction},
      {"Actually, Dr. Bell would be better", Act::correction},
      // none
      {"what time is it?", Act::none}, {"who is dr adams", Act::none}, {"maybe", Act::none},
      {"i'm not sure", Act::none}, {"hmm", Act::none}, {"what are your hours", Act::none}, {"", Act::none},
      {"...", Act::none}, {"i have a question about billing", Act::none},
      {"can you put me on the wait list", Act::none}, {"have someone give me a call", Act::none},
  };
  ASSERT_GE(rows.size(), 60u);
  int wrong = 0;
  for (const auto& [text, want] : rows) {
    Act got = classify_act(text);
    if (got != want) {
      ++wrong;
      ADD_FAILURE() << "'" << text << "': got " << name(got) << ", want " << name(want);
    }
  }
  EXPECT_EQ(wrong, 0);
}

}  // namespace
}  // namespace aurixa::agents::nlu
