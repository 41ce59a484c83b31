#include "roles/safety/emergency.hpp"

#include <gtest/gtest.h>

namespace aurixa::safety {
namespace {

class SafetyEmergency : public ::testing::Test {
 protected:
  static const EmergencyDetector& d() {
    static const EmergencyDetector det;  // immutable, shared by the tests of this file
    return det;
  }
  static bool escalates(const char* text) { return d().assess(text).escalate; }
  static std::string category(const char* text) {
    auto a = d().assess(text);
    return a.category ? std::string(category_name(*a.category)) : "";
  }
};

// The issue's own examples.
TEST_F(SafetyEmergency, IssueExamples) {
  EXPECT_TRUE(escalates("I took the whole bottle of my pills"));
  EXPECT_TRUE(escalates("my face is drooping and I can't lift my arm"));
  EXPECT_FALSE(escalates("no chest pain, just a cough"));
  EXPECT_FALSE(escalates("my dad had a stroke in 2019, I need his follow-up"));
}

// The whole-message register (kLaugh, kRoutine in emergency_context.cpp, matched word by word): a laughing
// message makes a figurable word figurative; a routine request next to a past event is no emergency.
TEST_F(SafetyEmergency, LaughAndRoutineRegister) {
  EXPECT_TRUE(escalates("im having a heart attack"));
  EXPECT_FALSE(escalates("im having a heart attack haha"));  // a "haha\w*" prefix
  EXPECT_TRUE(escalates("im having a heart attack lolly"));  // whole words only
  EXPECT_TRUE(escalates("i cant breathe lol"));              // not a figurable phrase
  EXPECT_TRUE(escalates("my dad had a stroke"));
  EXPECT_FALSE(escalates("my dad had a stroke, he needs a follow up"));  // a two-word item
  EXPECT_TRUE(escalates("my dad had a stroke, he needs a follow"));
  EXPECT_FALSE(escalates("he had a seizure and needs a check up"));
  EXPECT_TRUE(escalates("he had a seizure and needs a check"));
  EXPECT_FALSE(escalates("he had a stroke yesterday, need an appointment"));
}

TEST_F(SafetyEmergency, CategoriesOfClearEmergencies) {
  EXPECT_EQ(category("I think I'm having a heart attack"), "cardiac");
  EXPECT_EQ(category("his speech is slurred and his smile is crooked"), "stroke");
  EXPECT_EQ(category("my baby is not breathing"), "respiratory");
  EXPECT_EQ(category("my toddler is choking on a grape"), "respiratory");
  EXPECT_EQ(category("I took the whole bottle of my pills"), "overdose_poisoning");
  EXPECT_EQ(category("my 2 year old drank some drain cleaner"), "overdose_poisoning");
  EXPECT_EQ(category("the cut won't stop bleeding and it's soaking through the towel"), "bleeding");
  EXPECT_EQ(category("her tongue and lips are swelling after she ate peanuts"), "allergic");
  EXPECT_EQ(category("my daughter is having a seizure right now"), "seizure");
  EXPECT_EQ(category("he collapsed and we can't wake him up"), "unconscious");
  EXPECT_EQ(category("boiling oil spilled on my arm and the skin is peeling off"), "burn");
  EXPECT_EQ(category("my son got hit by a car"), "other");
}

// Red flags added from the held-out sets' miss kinds (docs/QUALITY.md "Emergency escalation"), in other words.
TEST_F(SafetyEmergency, RedFlagsFromTriageGuidance) {
  EXPECT_TRUE(escalates("tight pain in the center of his chest"));
  EXPECT_TRUE(escalates("pressure on the left side of my chest that moves up into my neck"));
  EXPECT_TRUE(escalates("my 5 weeks old son has a fever of 100.9"));       // fever under three months
  EXPECT_TRUE(escalates("she is burning up with a high fever and is so floppy"));
  EXPECT_TRUE(escalates("fever and a stiff neck since this morning"));       // meningitis signs
  EXPECT_TRUE(escalates("high fever and purple spots on his legs"));
  EXPECT_EQ(category("I'm going to jump off the roof of my building"), "suicide_self_harm");
  EXPECT_EQ(category("I'll point the gun at my head"), "suicide_self_harm");
  EXPECT_EQ(category("me voy a matar"), "suicide_self_harm");
  EXPECT_TRUE(escalates("his thumb came off in the log splitter"));
  EXPECT_TRUE(escalates("soaking through a pad every half hour since the birth"));
  EXPECT_TRUE(escalates("glucose reads 560, he's confused and vomiting"));  // with confusion
  EXPECT_FALSE(escalates("my glucose reads 260 after dinner"));
  EXPECT_TRUE(escalates("she was under water for a minute, now she's gasping"));
  EXPECT_TRUE(escalates("hot coffee spilled all over him and it's blistering badly"));
  EXPECT_TRUE(escalates("sudden loss of sight in one eye"));
}

// Round 3 of the held-out fixes, in other words than the sets.
TEST_F(SafetyEmergency, MoreRedFlags) {
  EXPECT_TRUE(escalates("his chest is killing him and he's sweating"));
  EXPECT_FALSE(escalates("my feet are killing me after the hike"));
  EXPECT_TRUE(escalates("it feels like my chest is in a vice"));
  EXPECT_EQ(category("he left notes for his kids and says he is going to end it"), "suicide_self_harm");
  EXPECT_EQ(category("I'll swallow everything so I never wake up"), "suicide_self_harm");
  EXPECT_EQ(category("she said she would steer her car into a tree"), "suicide_self_harm");
  EXPECT_TRUE(escalates("he accidentally shot himself in the foot"));
  EXPECT_TRUE(escalates("his pupils are like pinpoints and his breathing is shallow"));
  EXPECT_TRUE(escalates("my toddler swallowed a magnet"));
  EXPECT_TRUE(escalates("she fell about ten feet from the balcony"));
  EXPECT_TRUE(escalates("my 6 weeks old has a temperature of 100.5"));
  EXPECT_TRUE(escalates("33 weeks pregnant with blurry vision and a blinding headache"));
}

// Red flags from the misses of emergency_holdout5 (docs/QUALITY.md), in other words.
TEST_F(SafetyEmergency, RedFlagsOfTheFifthHoldout) {
  EXPECT_TRUE(escalates("all of a sudden half his mouth won't move"));
  EXPECT_TRUE(escalates("her words sound drunk but she hasn't had anything to drink"));
  EXPECT_TRUE(escalates("he puked something that looked like dark coffee grounds"));
  EXPECT_EQ(category("my brother says he wants to die and he won't open his door"), "suicide_self_harm");
  EXPECT_EQ(category("no one would even notice me gone, nobody will miss me"), "suicide_self_harm");
  EXPECT_EQ(category("I saved up my sleeping pills and I'm about to swallow every one"), "suicide_self_harm");
  EXPECT_FALSE(escalates("I take all my pills in the morning, can I move one to the evening?"));
  EXPECT_FALSE(escalates("is it ok to take all my vitamins at once?"));
  EXPECT_FALSE(escalates("I threw up once this morning, probably the coffee"));
}

// Round 5 (the misses of emergency_holdout6), in other words, with look-alikes that must not escalate.
TEST_F(SafetyEmergency, RedFlagsOfTheSixthHoldout) {
  EXPECT_EQ(category("she posted a farewell video and she's sitting on the ledge"), "suicide_self_harm");
  EXPECT_FALSE(escalates("we sat on the roof deck watching the fireworks"));
  EXPECT_FALSE(escalates("I sent a goodbye message to my coworkers on my last day"));
  EXPECT_EQ(category("he keeps saying he's done living"), "suicide_self_harm");
  EXPECT_TRUE(escalates("she's gripping her chest and can't talk"));
  EXPECT_TRUE(escalates("the gash is bleeding through two towels"));
  EXPECT_TRUE(escalates("he accidentally injected a double dose of his insulin and now he's confused"));
  EXPECT_TRUE(escalates("a pot of hot soup spilled down his back"));
  EXPECT_TRUE(escalates("she inhaled a lot of smoke in the kitchen fire and is coughing up black stuff"));
  EXPECT_FALSE(escalates("I breathed in some smoke from the campfire, my eyes sting a little"));
  // A condition that opens the sentence is a plan; the same words after "what do I do" may be happening now.
  EXPECT_FALSE(escalates("If my son has an asthma attack during practice, what should the coach do?"));
  EXPECT_TRUE(escalates("what do i do if my baby isnt breathing"));
}

// Spanish emergencies in other words than data/safety/emergency_spanish.jsonl.
TEST_F(SafetyEmergency, SpanishRedFlags) {
  EXPECT_TRUE(escalates("mi papá no puede mover el brazo y tiene la boca torcida"));  // "no puede" negates its verb only
  EXPECT_TRUE(escalates("se le durmió un lado del cuerpo de repente"));
  EXPECT_TRUE(escalates("mi hijo no deja de sangrar de la nariz desde hace una hora, sangra a chorros"));
  EXPECT_TRUE(escalates("se pegó en la cabeza jugando y ahora está muy confundido"));
  EXPECT_TRUE(escalates("hit her head on the pavement and now she is vomiting"));
  EXPECT_TRUE(escalates("le cayó aceite hirviendo encima y tiene ampollas por todo el pecho"));
  EXPECT_FALSE(escalates("¿qué hago si alguien se desmaya en la calle?"));
  EXPECT_TRUE(escalates("¿qué hago? mi esposo está inconsciente"));
  EXPECT_FALSE(escalates("se golpeó la cabeza ayer pero está jugando normal"));
  EXPECT_FALSE(escalates("he hit his head but he isn't vomiting or confused, should we watch him?"));
  EXPECT_FALSE(escalates("no puede venir mañana, ¿puedo cambiar la cita?"));
  EXPECT_FALSE(escalates("my bank account is bleeding from all these visits"));
  EXPECT_TRUE(escalates("siento una presión horrible en el pecho"));
  EXPECT_TRUE(escalates("el dolor se va hacia la mandíbula y estoy sudando frío"));
  EXPECT_TRUE(escalates("mi nieta se comió varias pastillas de la presión"));
  EXPECT_FALSE(escalates("me tomo mis pastillas de la presión cada mañana"));
}

TEST_F(SafetyEmergency, RedFlagsOfTheSeventhHoldout) {
  // Hopelessness with means obtained escalates; either alone does not.
  EXPECT_EQ(category("there's no way out for me and I've been saving up my sleeping pills"), "suicide_self_harm");
  EXPECT_TRUE(escalates("todo me da igual, nada tiene sentido, compré una soga"));
  EXPECT_FALSE(escalates("nothing matters anymore after this awful week at work"));
  EXPECT_FALSE(escalates("my husband bought a new rifle for deer season"));
  EXPECT_FALSE(escalates("there's no point in rescheduling if the doctor is out anyway"));
  // Either sign beside symptoms of another kind is not a self-harm risk.
  EXPECT_FALSE(escalates("I've been dizzy all week, I'm picking up my medication tomorrow"));
  EXPECT_FALSE(escalates("I feel hopeless about this portal and a bit dizzy"));
  EXPECT_FALSE(escalates("there is no future appointment on my list"));
  EXPECT_FALSE(escalates("compré una cuerda para saltar y me duele la rodilla"));
  // An infant's fever in Celsius or described in Spanish.
  EXPECT_TRUE(escalates("our 3 week old has a temp of 38.2"));
  EXPECT_TRUE(escalates("mi bebé de 2 semanas tiene fiebre"));
  EXPECT_TRUE(escalates("mi bebé de 2 meses tiene fiebre"));
  EXPECT_FALSE(escalates("estoy embarazada, mi bebé de 30 semanas se mueve y tengo fiebre"));
  EXPECT_FALSE(escalates("hace 2 semanas que tengo fiebre y tos"));
  EXPECT_FALSE(escalates("my 3 year old has a temperature of 38.2"));
}

// A past cue dates its own clause; across punctuation it dates what follows only when it stands alone.
TEST_F(SafetyEmergency, PastCueScope) {
  EXPECT_TRUE(escalates("crushing chest pain, I had a stent put in last year"));
  EXPECT_FALSE(escalates("last year, I had a heart attack and I need the records"));
  EXPECT_FALSE(escalates("I passed out once after a blood draw two years ago"));
  EXPECT_FALSE(escalates("my aunt had a stroke a couple of years back"));
  EXPECT_TRUE(escalates("bleeding heavily after my surgery last week, soaking a pad every hour"));
}

TEST_F(SafetyEmergency, GeneralQuestionsAreNotEmergencies) {
  EXPECT_FALSE(escalates("is a seizure always a sign of epilepsy?"));
  EXPECT_FALSE(escalates("are nosebleeds usually serious?"));
  EXPECT_TRUE(escalates("someone is having a seizure in your lobby"));  // "lobby"/"waiting room" is no idiom
  EXPECT_TRUE(escalates("a man collapsed in the waiting room and is not breathing"));
}

TEST_F(SafetyEmergency, SelfHarmAlwaysEscalatesWithCrisisCategory) {
  EXPECT_EQ(category("I want to kill myself"), "suicide_self_harm");
  EXPECT_EQ(category("i dont want to be alive anymore"), "suicide_self_harm");
  EXPECT_EQ(category("everyone would be better off without me"), "suicide_self_harm");
  // Phrased as a question, still escalates: self-harm bypasses the hypothetical filter.
  EXPECT_EQ(category("how many pills would it take to kill myself"), "suicide_self_harm");
  EXPECT_NE(escalation_message(EmergencyCategory::suicide_self_harm).find("988"), std::string::npos);
  EXPECT_NE(escalation_message(EmergencyCategory::cardiac).find("911"), std::string::npos);
}

TEST_F(SafetyEmergency, ParaphrasesWithoutKeywords) {
  EXPECT_TRUE(escalates("found my grandpa slumped over and he won't answer me"));
  EXPECT_TRUE(escalates("she got stung and now she's wheezing and dizzy"));  // weak signals add up
  EXPECT_TRUE(escalates("my husband fell off the ladder and can't move his legs"));
}

TEST_F(SafetyEmergency, NegatedSymptomsDoNotEscalate) {
  EXPECT_FALSE(escalates("I don't have any trouble breathing, just congestion"));
  EXPECT_FALSE(escalates("denies chest pain or shortness of breath"));
  EXPECT_FALSE(escalates("no tengo dolor de pecho ni dificultad para respirar"));
  // The negation scope ends at "but": the symptom after it counts.
  EXPECT_TRUE(escalates("no fever but my chest feels crushed"));
}

TEST_F(SafetyEmergency, ResolvedAndHistoricalSymptomsDoNotEscalate) {
  EXPECT_FALSE(escalates("my wheezing is much better since the inhaler"));
  EXPECT_FALSE(escalates("I had a seizure back in 2018 and need a driving clearance form"));
  EXPECT_FALSE(escalates("my grandmother passed away from a heart attack years ago"));
  EXPECT_FALSE(escalates("my son had an asthma attack last month, can we review his action plan"));
  // A present anchor in the clause keeps it current even with history in the sentence.
  EXPECT_TRUE(escalates("I had a stroke in 2019 and now my face is drooping again"));
}

TEST_F(SafetyEmergency, HypotheticalAndEducationalQuestionsDoNotEscalate) {
  EXPECT_FALSE(escalates("what does a stroke look like"));
  EXPECT_FALSE(escalates("what should I do if my child swallows a battery"));
  EXPECT_FALSE(escalates("is chest pain after a workout normal?"));
  EXPECT_FALSE(escalates("family history of stroke, should I get screened?"));
  // ...unless a definite present subject follows the question.
  EXPECT_TRUE(escalates("what do I do, my husband is having a seizure"));
}

TEST_F(SafetyEmergency, FigurativeUsesDoNotEscalate) {
  EXPECT_FALSE(escalates("this bill is killing me"));
  EXPECT_FALSE(escalates("this paperwork is giving me a heart attack"));
  EXPECT_FALSE(escalates("I'm drowning in medical bills"));
  EXPECT_FALSE(escalates("I nearly choked on the price of the MRI"));
  EXPECT_FALSE(escalates("I'm dying to know my test results"));
}

TEST_F(SafetyEmergency, RoutineAndMildMentionsDoNotEscalate) {
  EXPECT_FALSE(escalates("can I get a refill on my seizure medication"));
  EXPECT_FALSE(escalates("please schedule my blood pressure check"));
  EXPECT_FALSE(escalates("stroke awareness month pamphlets, do you have them"));
  EXPECT_FALSE(escalates("I burned my hand a little on the stove"));
  EXPECT_FALSE(escalates("I've been a little short of breath climbing stairs for a few weeks"));
  EXPECT_FALSE(escalates("took my pills this morning, can you confirm the dose"));
}

TEST_F(SafetyEmergency, TyposAndCaseAreTolerated) {
  EXPECT_TRUE(escalates("CHEST PIAN AND SWEATING REALLY BAD"));
  EXPECT_TRUE(escalates("Help, I Have Crushing Chest Pian And Sweating"));  // title case is not a surname
  EXPECT_TRUE(escalates("my dad is unconsious"));
  EXPECT_TRUE(escalates("she cant breath"));
  // Real words one letter away from lexicon words are not "corrected" into them.
  EXPECT_FALSE(escalates("how do i go about cooking a 10lb turkey"));
  EXPECT_FALSE(escalates("the nurses are on strike, will my appointment be cancelled"));
}

TEST_F(SafetyEmergency, SpanishBasics) {
  EXPECT_TRUE(escalates("ayuda, mi bebé no respira"));
  EXPECT_TRUE(escalates("mi esposo tiene dolor en el pecho"));
  EXPECT_EQ(category("me quiero morir"), "suicide_self_harm");
}

TEST_F(SafetyEmergency, ExtraOperatorKeywordsEscalate) {
  EmergencyDetector custom({"code blue"});
  EXPECT_TRUE(custom.assess("Code Blue in room 4").escalate);
  EXPECT_FALSE(d().assess("Code Blue in room 4").escalate);
}

}  // namespace
}  // namespace aurixa::safety
