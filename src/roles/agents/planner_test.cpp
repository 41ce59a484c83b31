// Dialogue planner against an in-memory clinic: multi-turn flows, confirmations, refusals.
#include "roles/agents/planner.hpp"
#include "roles/agents/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace aurixa::agents {
namespace {

// Wed 11 Mar 2026, 08:00 local. Providers Adams, Bell, Chen; slots 09:00, 10:00, 14:00 today .. today+6.
class FakeClinic final : public Clinic {
 public:
  FakeClinic() {
    for (int d = 0; d < 7; ++d)
      for (const char* p : {"Dr. Adams", "Dr. Bell", "Dr. Chen"})
        for (const char* t : {"09:00", "10:00", "14:00"}) slots.push_back({add_days("2026-03-11", d), t, p});
    visits = {{7, "2026-03-12", "09:00", "Dr. Adams", "Annual checkup"}, {8, "2026-03-14", "10:00", "Dr. Bell", "tb test"}};
    booked.push_back({"2026-03-12", "09:00", "Dr. Adams"});
  }
  nlu::Now now() override { return {2026, 3, 11, 8, 0}; }
  std::vector<std::string> providers() override { return {"Dr. Adams", "Dr. Bell", "Dr. Chen"}; }
  std::vector<Slot> free_slots(const std::string& first, const std::string& last) override {
    std::vector<Slot> out;
    for (const auto& s : slots)
      if (s.date >= first && s.date <= last && std::find(booked.begin(), booked.end(), s) == booked.end())
        out.push_back(s);
    std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) { return std::tie(a.date, a.time) < std::tie(b.date, b.time); });
    return out;
  }
  std::vector<Visit> upcoming_visits(std::int64_t) override { return visits; }
  std::vector<Medication> prescriptions(std::int64_t) override { return meds; }
  execution::ExecuteResult execute(const std::string& action, const std::map<std::string, std::string>& params,
                                   const std::string&) override {
    calls.push_back({action, params});
    execution::ExecuteResult r;
    if (action == "create_appointment") {
      Slot s{params.at("date"), params.at("start_time"), params.at("provider_name")};
      if (taken_on_write) {
        r.status = "error";
        r.error_code = "slot_taken";
        r.message = "That slot is no longer available.";
        r.options = {{"2026-03-13", "14:00", "Dr. Chen"}};
        taken_on_write = false;
        return r;
      }
      booked.push_back(s);
      r.message = "Appointment created for " + params.at("reason") + ". Confirmation: APT-99.";
      r.data = {{"confirmation", "APT-99"}, {"date", s.date}, {"time", s.time}, {"provider", s.provider}};
    } else if (action == "request_prescription_refill") {
      r.message = "Refill request submitted for " + params.at("medication_name") + ". Allow 24-48 hours for processing.";
    } else {
      r.message = action + " done";
    }
    return r;
  }

  std::vector<Slot> slots, booked;
  std::vector<Visit> visits;
  std::vector<Medication> meds = {{1, "Lisinopril", 2}, {2, "Metformin", 1}};
  std::vector<std::pair<std::string, std::map<std::string, std::string>>> calls;
  bool taken_on_write = false;
};

struct Dialogue {
  FakeClinic clinic;
  DialogueState state;
  std::string language;  // what the safety role would report for every message
  RunResult say(const std::string& text, const std::string& intent = "", double confidence = 0.9) {
    TurnInput in{text, intent, intent.empty() ? 0.0 : confidence, 1, "s-1", "", 0, language};
    auto r = plan_turn(state, in, clinic);
    ++state.version;
    return r;
  }
  std::size_t writes() const {
    return std::count_if(clinic.calls.begin(), clinic.calls.end(), [](const auto& c) {
      return c.first != "get_appointments" && c.first != "check_insurance";
    });
  }
};

TEST(Planner, BooksAfterCollectingDateAndTimeThenConfirming) {
  Dialogue d;
  auto r = d.say("hey can i schedule a checkup with dr adams", "book_appointment");
  EXPECT_TRUE(r.handled);
  EXPECT_EQ(r.state, "collecting");
  EXPECT_EQ(d.state.slots.provider, "Dr. Adams");
  r = d.say("could we do it in two days", "book_appointment", 0.4);
  EXPECT_TRUE(r.clarification) << r.output;  // three openings offered
  EXPECT_EQ(d.state.offered.size(), 3u);
  r = d.say("afternoon pls", "out_of_scope", 0.3);
  EXPECT_EQ(r.state, "confirming") << r.output;
  EXPECT_NE(r.output.find("Dr. Adams"), std::string::npos);
  EXPECT_NE(r.output.find("2:00 PM"), std::string::npos);
  EXPECT_EQ(d.writes(), 0u) << "nothing is written before the patient confirms";
  r = d.say("yes", "smalltalk", 0.5);
  EXPECT_TRUE(r.wrote);
  ASSERT_EQ(d.writes(), 1u);
  const auto& p = d.clinic.calls.back().second;
  EXPECT_EQ(p.at("date"), "2026-03-13");
  EXPECT_EQ(p.at("start_time"), "14:00");
  EXPECT_EQ(p.at("provider_name"), "Dr. Adams");
  EXPECT_NE(p.at("reason").find("checkup"), std::string::npos);
  EXPECT_FALSE(d.state.active());
}

TEST(Planner, CorrectionReplacesTheDateAndKeepsTheTime) {
  Dialogue d;
  auto r = d.say("book me for a tb test tomorrow at 9", "book_appointment");
  ASSERT_EQ(r.state, "confirming") << r.output;
  // Dr. Adams is taken tomorrow at 9 (seeded visit): another provider is proposed.
  EXPECT_EQ(d.state.chosen->date, "2026-03-12");
  EXPECT_NE(d.state.chosen->provider, "Dr. Adams");
  r = d.say("actually in 4 days is better, same time", "book_appointment", 0.5);
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(d.state.chosen->date, "2026-03-15");
  EXPECT_EQ(d.state.chosen->time, "09:00");
  d.say("yes");
  ASSERT_EQ(d.writes(), 1u);
  EXPECT_EQ(d.clinic.calls.back().second.at("date"), "2026-03-15");
}

TEST(Planner, ABareHourPicksTheOfferedTimeAndAPickMaySayTheReason) {
  Dialogue d;
  auto r = d.say("can i see dr bell in 5 days, mornings are best", "book_appointment");
  ASSERT_EQ(d.state.offered.size(), 2u) << r.output;  // 9:00 and 10:00
  r = d.say("10 works", "out_of_scope", 0.3);
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(d.state.chosen->time, "10:00");

  Dialogue e;
  r = e.say("what times does dr chen have open in 2 days?", "check_availability");
  ASSERT_EQ(e.state.offered.size(), 3u) << r.output;
  EXPECT_EQ(r.output.find(".."), std::string::npos) << r.output;
  r = e.say("ok book the 2pm one for a blood pressure follow up", "book_appointment");
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(e.state.chosen->time, "14:00");
  EXPECT_NE(e.state.slots.reason.find("blood pressure"), std::string::npos) << e.state.slots.reason;
  // A number that counts days is not a time of day.
  Dialogue f;
  f.say("book a checkup with dr chen in 2 days", "book_appointment");
  r = f.say("in 3 days then", "book_appointment", 0.5);
  EXPECT_NE(r.state, "confirming") << r.output;
}

TEST(Planner, NoWritesWhenThePatientDeclinesOrHolds) {
  Dialogue d;
  d.say("i'd like to book an appointment to talk about quitting smoking", "book_appointment");
  d.say("the day after tomorrow in the morning", "book_appointment", 0.4);
  auto r = d.say("hold on, let me check my calendar before you put anything on it. don't book it yet", "book_appointment", 0.5);
  EXPECT_EQ(d.writes(), 0u);
  EXPECT_FALSE(d.state.active()) << r.output;

  Dialogue e;
  e.say("can you cancel the one i have for the rash", "cancel_appointment");
  r = e.say("hmm on second thought keep it, don't cancel", "cancel_appointment", 0.6);
  EXPECT_EQ(e.writes(), 0u);
}

TEST(Planner, SideQuestionKeepsTheTaskForLater) {
  Dialogue d;
  d.say("need to schedule a follow-up for my reflux", "book_appointment");
  auto r = d.say("btw what number do i call for billing questions?", "billing", 0.9);
  EXPECT_FALSE(r.handled);
  EXPECT_TRUE(d.state.active());
  r = d.say("thanks. ok for the follow up, six days from now at 2pm works", "book_appointment", 0.6);
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(d.state.chosen->date, "2026-03-17");
  EXPECT_EQ(d.state.chosen->time, "14:00");
  d.say("yes");
  EXPECT_EQ(d.writes(), 1u);
  EXPECT_NE(d.clinic.calls.back().second.at("reason").find("reflux"), std::string::npos);
}

TEST(Planner, DroppingTheTaskWithAQuestionLetsTheQuestionBeAnswered) {
  Dialogue d;
  d.say("book me with dr chen tomorrow morning", "book_appointment");
  ASSERT_TRUE(d.state.active());
  TurnInput in{"never mind. how much is a visit without insurance?", "book_appointment", 0.9, 1, "s-1",
               "insurance_coverage", 0.9};
  const auto r = plan_turn(d.state, in, d.clinic);
  EXPECT_FALSE(r.handled);  // the pipeline answers the question
  EXPECT_FALSE(d.state.active());
  EXPECT_EQ(r.state, "cancelled");
  EXPECT_EQ(d.writes(), 0u);
}

TEST(Planner, AConfidentQuestionMentioningADayIsASideQuestion) {
  Dialogue d;
  d.say("book me with dr chen tomorrow morning", "book_appointment");
  const auto offered = d.state.offered;
  TurnInput in{"is the clinic open on sunday?", "book_appointment", 0.9, 1, "s-1", "clinic_info", 0.97};
  auto r = plan_turn(d.state, in, d.clinic);
  EXPECT_FALSE(r.handled);
  EXPECT_EQ(d.state.offered, offered);
  // The same words as an answer to the question (no confident other intent) fill the slot.
  TurnInput answer{"sunday morning then", "book_appointment", 0.9, 1, "s-1", "book_appointment", 0.6};
  r = plan_turn(d.state, answer, d.clinic);
  EXPECT_TRUE(r.handled);
}

TEST(Planner, AReplySayingWhatTheVisitIsForIsTheReasonNotAMedicalQuestion) {
  Dialogue d;
  d.say("I want to make an appointment", "book_appointment");
  TurnInput reason{"it's for a sore throat that won't go away", "book_appointment", 0.9, 1, "s-1", "medical_question", 0.97};
  auto r = plan_turn(d.state, reason, d.clinic);
  EXPECT_TRUE(r.handled);
  EXPECT_EQ(d.state.slots.reason, "sore throat");
  // A question about it is still a side question, and keeps the reason already given.
  TurnInput question{"is a sore throat contagious?", "book_appointment", 0.9, 1, "s-1", "medical_question", 0.97};
  r = plan_turn(d.state, question, d.clinic);
  EXPECT_FALSE(r.handled);
  EXPECT_TRUE(d.state.active());
  // Another task naming a visit is that task, not the reason.
  Dialogue e;
  e.clinic.visits = {{7, "2026-03-12", "09:00", "Dr. Adams", "physical"}};
  e.say("I want to make an appointment", "book_appointment");
  TurnInput cancel{"actually, cancel my physical instead", "book_appointment", 0.9, 1, "s-1", "cancel_appointment", 0.9};
  plan_turn(e.state, cancel, e.clinic);
  EXPECT_EQ(e.state.task, "cancel_appointment");
}

TEST(Planner, RepliesInThePatientsLanguage) {
  Dialogue d;
  d.language = "es";
  auto r = d.say("quiero una cita con el doctor Adams en dos dias", "book_appointment");
  EXPECT_NE(r.output.find("¿Cuál le conviene?"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("vie 13 mar a las 9:00 AM con Dr. Adams"), std::string::npos) << r.output;
  r = d.say("en la tarde", "book_appointment", 0.4);
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(r.output, "¿Reservo con Dr. Adams el vie 13 mar a las 2:00 PM para una consulta general? Responda sí o no.");
  // A reply without an English word says nothing of its language (the safety role reads "ok perfecto" or
  // "10:30" as English): the conversation's stays.
  d.language = "en";
  r = d.say("ok perfecto", "smalltalk", 0.5);
  EXPECT_TRUE(r.wrote);
  EXPECT_EQ(r.output, "Listo, su cita quedó reservada el vie 13 mar a las 2:00 PM con Dr. Adams. Confirmación: APT-99.");
  // What is written stays in the records' language.
  EXPECT_EQ(d.clinic.calls.back().second.at("reason"), "General visit");
  // A message in English switches back.
  r = d.say("i need a refill please", "prescription_refill");
  EXPECT_EQ(r.output, "Which medication would you like refilled? 1) Lisinopril; 2) Metformin.");
  d.language = "es";
  r = d.say("mejor otro dia, olvidalo", "", 0);
  EXPECT_EQ(r.output, "De acuerdo, no pedí nada. Avíseme cuando quiera el resurtido.") << r.output;
}

TEST(Planner, ARelativeTimeIsCountedFromNow) {
  Dialogue d;  // now: Wed 2026-03-11 08:00
  auto r = d.say("can I come in 2 hours from now for a flu shot?", "book_appointment");
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(d.state.chosen->date, "2026-03-11");
  EXPECT_EQ(d.state.chosen->time, "10:00");
}

TEST(Planner, TheDefaultReasonReadsAsAConsultaInSpanish) {
  Dialogue d;
  d.language = "es";
  d.clinic.visits = {{9, "2026-03-13", "14:00", "Dr. Adams", "General visit"}};
  const auto r = d.say("cancela mi cita por favor", "cancel_appointment");
  EXPECT_EQ(r.output, "¿Cancelo su consulta con Dr. Adams el vie 13 mar a las 2:00 PM? Responda sí o no.");
}

TEST(Planner, SpanishDateLabels) {
  EXPECT_EQ(date_label_es("2026-11-28"), "sáb 28 nov");
  EXPECT_EQ(date_label_es("2026-03-01"), "dom 1 mar");
  EXPECT_EQ(date_label_es("not a date"), "not a date");
}

TEST(Planner, StopsInsteadOfAskingTheSameQuestionForever) {
  Dialogue d;
  d.say("i need to reschedule", "reschedule_appointment");
  d.say("the blue one", "reschedule_appointment", 0.9);
  auto r = d.say("you know, that one", "reschedule_appointment", 0.9);
  EXPECT_FALSE(d.state.active()) << r.output;
  EXPECT_NE(r.output.find("nothing has been changed"), std::string::npos);
  EXPECT_EQ(d.writes(), 0u);
}

TEST(Planner, RescheduleAsksWhichAppointmentWhenThereAreSeveral) {
  Dialogue d;
  auto r = d.say("i need to reschedule", "reschedule_appointment");
  EXPECT_TRUE(r.clarification);
  // Even when the classifier reads "not the other ones" as a cancellation, an answer to the question keeps the task.
  r = d.say("my annual checkup, not the other ones", "cancel_appointment", 0.9);
  EXPECT_EQ(d.state.task, "reschedule_appointment");
  EXPECT_EQ(d.state.slots.appointment_id, 7);
  r = d.say("five days from now in the afternoon", "reschedule_appointment", 0.4);
  ASSERT_EQ(r.state, "confirming") << r.output;
  EXPECT_EQ(d.state.chosen->provider, "Dr. Adams");  // a move keeps the provider
  d.say("yes");
  ASSERT_EQ(d.writes(), 1u);
  EXPECT_EQ(d.clinic.calls.back().first, "reschedule_appointment");
  EXPECT_EQ(d.clinic.calls.back().second.at("appointment_id"), "7");
  EXPECT_EQ(d.clinic.calls.back().second.at("date"), "2026-03-16");
}

TEST(Planner, RefillAsksForMedicationAndPharmacy) {
  Dialogue d;
  auto r = d.say("refill please", "prescription_refill");
  EXPECT_TRUE(r.clarification);
  d.say("my metformin", "prescription_refill", 0.5);
  EXPECT_EQ(d.state.slots.medication, "Metformin");
  r = d.say("walmart on lakeshore", "out_of_scope", 0.3);
  ASSERT_EQ(r.state, "confirming") << r.output;
  d.say("yes send it");
  ASSERT_EQ(d.writes(), 1u);
  EXPECT_EQ(d.clinic.calls.back().second.at("medication_name"), "Metformin");
  EXPECT_NE(d.clinic.calls.back().second.at("pharmacy").find("walmart"), std::string::npos);
}

TEST(Planner, AnOrdinalPicksTheMedicationNotThePharmacy) {
  Dialogue d;
  d.say("I want a refill", "prescription_refill");
  auto r = d.say("the second one", "prescription_refill", 0.7);
  EXPECT_EQ(d.state.slots.medication, "Metformin");
  EXPECT_TRUE(d.state.slots.pharmacy.empty()) << r.output;
  EXPECT_EQ(r.missing_slots, std::vector<std::string>{"pharmacy"});
}

TEST(Planner, SlotTakenAtWriteTimeOffersAlternatives) {
  Dialogue d;
  d.say("book a physical tomorrow at 10 with dr bell", "book_appointment");
  d.clinic.taken_on_write = true;
  auto r = d.say("yes");
  EXPECT_FALSE(r.wrote);
  EXPECT_TRUE(r.clarification);
  ASSERT_EQ(d.state.offered.size(), 1u);
  r = d.say("the first one");
  EXPECT_EQ(r.state, "confirming");
  d.say("yes");
  EXPECT_EQ(d.clinic.calls.back().second.at("provider_name"), "Dr. Chen");
}

TEST(Planner, NeedsAPatientForRecordsAndHandsOffToStaff) {
  FakeClinic clinic;
  DialogueState st;
  auto r = plan_turn(st, {"book me in tomorrow", "book_appointment", 0.9, std::nullopt, "s"}, clinic);
  EXPECT_TRUE(r.handled);
  EXPECT_TRUE(clinic.calls.empty());
  EXPECT_FALSE(st.active());
  r = plan_turn(st, {"let me talk to someone", "human_handoff", 0.9, std::nullopt, "s"}, clinic);
  EXPECT_TRUE(r.escalated);
  EXPECT_EQ(r.escalation_type, "human");
  ASSERT_EQ(clinic.calls.size(), 1u);
  EXPECT_EQ(clinic.calls[0].first, "handoff_to_staff");
}

TEST(Planner, KnowledgeQuestionsAreNotAgentTasks) {
  Dialogue d;
  auto r = d.say("what are your hours on saturday", "clinic_info");
  EXPECT_FALSE(r.handled);
  EXPECT_TRUE(r.output.empty());
}

TEST(PlannerText, OrdinalChoices) {
  EXPECT_EQ(ordinal_choice("the second one", 3), 1u);
  EXPECT_EQ(ordinal_choice("option 3", 3), 2u);
  EXPECT_EQ(ordinal_choice("the last one", 3), 2u);
  // Options are listed soonest first.
  EXPECT_EQ(ordinal_choice("the earlier one", 3), 0u);
  EXPECT_EQ(ordinal_choice("the earliest please", 3), 0u);
  EXPECT_EQ(ordinal_choice("the later one", 3), 2u);
  EXPECT_EQ(ordinal_choice("la más temprana", 3), 0u);
  EXPECT_FALSE(ordinal_choice("anything later?", 3));
  EXPECT_FALSE(ordinal_choice("at 2 pm", 3));
  EXPECT_FALSE(ordinal_choice("the other one", 3));
}

TEST(Planner, Labels) {
  EXPECT_EQ(date_label("2026-03-13"), "Fri 13 Mar");
  EXPECT_EQ(time_label("14:00"), "2:00 PM");
  EXPECT_EQ(time_label("09:30"), "9:30 AM");
  EXPECT_EQ(add_days("2026-02-27", 3), "2026-03-02");
}

}  // namespace
}  // namespace aurixa::agents
