// The builtin responder must answer only from what it was given.
#include "roles/llm/builtin.hpp"

#include <gtest/gtest.h>

#include <regex>

#include "roles/llm/text.hpp"

namespace aurixa::llm {
namespace {

ChatRequest ask(std::string question) {
  ChatRequest r;
  r.messages = {{"user", std::move(question)}};
  return r;
}

std::vector<Passage> clinic_passages() {
  return {
      {"Opening hours",
       "We are open Monday to Friday from 8 a.m. to 6 p.m. On Saturdays we open from 9 a.m. to 1 p.m. "
       "We are closed on Sundays and public holidays.",
       "kb/hours", "11"},
      {"Parking", "Free parking is available in the garage on Elm Street. The garage entrance is on the north side.",
       "kb/parking", "12"},
      {"Insurance", "We accept Blue Cross, Aetna and Medicare. Bring your insurance card to every visit.",
       "kb/insurance", "13"},
  };
}

// Every cited sentence of the answer body (before "Sources:") must appear verbatim in some passage, and
// nothing may stand outside a cited sentence.
void expect_only_passage_sentences(const std::string& answer, const std::vector<Passage>& passages) {
  auto body = answer.substr(0, answer.find("\n\nSources:"));
  std::regex cited(R"((.+?) \[(\d+)\] ?)");
  std::size_t covered = 0;
  for (std::sregex_iterator it(body.begin(), body.end(), cited), end; it != end; ++it) {
    std::string sentence = (*it)[1];
    bool found = false;
    for (const auto& p : passages) found = found || p.content.find(sentence) != std::string::npos;
    EXPECT_TRUE(found) << "sentence not from any passage: '" << sentence << "'";
    covered += static_cast<std::size_t>(it->length());
  }
  EXPECT_EQ(covered, body.size()) << "uncited text in: " << body;
}

TEST(LlmBuiltin, AnswersWithTheRelevantSentenceAndCitesIt) {
  BuiltinResponder b;
  auto r = ask("Where can I park my car?");
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("Free parking is available in the garage on Elm Street."), std::string::npos) << a;
  EXPECT_NE(a.find("[1]"), std::string::npos);
  EXPECT_NE(a.find("Sources: [1] Parking"), std::string::npos) << a;
  EXPECT_EQ(a.find("Monday"), std::string::npos) << "irrelevant passage used: " << a;
  expect_only_passage_sentences(a, r.passages);
}

// A list's lead-in ("Bring to your first visit:") is followed by its items, cited once at the end.
TEST(LlmBuiltin, AListLeadInBringsItsItems) {
  BuiltinResponder b;
  auto r = ask("what should I bring to my first visit?");
  r.passages = {{"New patients",
                 "Welcome to the clinic.\nBring to your first visit:\n- Photo ID and insurance card\n- Your "
                 "medications in their bottles\n- Immunization records\nArrive 20 minutes early.",
                 "kb/new", "21"}};
  const auto a = b.respond(r);
  EXPECT_NE(a.find("Bring to your first visit: - Photo ID and insurance card. - Your medications in their bottles. "
                   "- Immunization records. [1]"),
            std::string::npos)
      << a;
  EXPECT_EQ(a.find(":."), std::string::npos) << a;
}

// Passages are analysed once and then served from a bounded cache; a cached analysis gives the same answer,
// and a passage whose text changed is analysed again (the key is its title and content).
TEST(LlmBuiltin, CachedPassagesGiveTheSameAnswers) {
  BuiltinResponder cached(4), uncached(0);
  const char* questions[] = {"Where can I park my car?", "What are your opening hours?",
                             "Do you accept Aetna insurance, and is there parking in the garage?"};
  for (int round = 0; round < 2; ++round)
    for (const char* q : questions) {
      auto r = ask(q);
      r.passages = clinic_passages();
      EXPECT_EQ(cached.respond(r), uncached.respond(r)) << q;
    }
  EXPECT_EQ(uncached.cached_passages(), 0u);
  EXPECT_GT(cached.cached_passages(), 0u);
  EXPECT_LE(cached.cached_passages(), 4u);
  auto r = ask("Where can I park my car?");
  r.passages = clinic_passages();
  for (auto& p : r.passages)
    if (p.title == "Parking") p.content = "Parking is on Oak Street.";
  EXPECT_NE(cached.respond(r).find("Parking is on Oak Street."), std::string::npos);
  // A long passage is answered from but not kept (the cache's memory stays bounded).
  BuiltinResponder fresh(4);
  auto big = ask("Where can I park my car?");
  big.passages = {{"Parking", "Free parking is available in the garage on Elm Street. " + std::string(20000, 'x') + ".",
                   "kb/parking", "12"}};
  EXPECT_NE(fresh.respond(big).find("Free parking is available"), std::string::npos);
  EXPECT_EQ(fresh.cached_passages(), 0u);
}

TEST(LlmBuiltin, UsesTitleToFindTheOpeningSentence) {
  BuiltinResponder b;
  auto r = ask("What are your opening hours?");
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("Monday to Friday from 8 a.m. to 6 p.m."), std::string::npos) << a;
  EXPECT_NE(a.find("Opening hours"), std::string::npos);
  expect_only_passage_sentences(a, r.passages);
}

TEST(LlmBuiltin, CombinesPassagesAndNumbersCitationsInOrder) {
  BuiltinResponder b;
  auto r = ask("Do you accept Aetna insurance, and is there parking in the garage?");
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("Aetna"), std::string::npos) << a;
  EXPECT_NE(a.find("garage"), std::string::npos) << a;
  EXPECT_NE(a.find("[1] Parking; [2] Insurance"), std::string::npos) << a;  // passage order, numbered by use
  expect_only_passage_sentences(a, r.passages);
}

TEST(LlmBuiltin, GenericWordsDoNotVetoAMatch) {
  BuiltinResponder b;
  auto r = ask("Can I use my Aetna plan there?");
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("We accept Blue Cross, Aetna and Medicare. [1]"), std::string::npos) << a;
  expect_only_passage_sentences(a, r.passages);
}

TEST(LlmBuiltin, CommonWordsAloneDoNotAnswer) {
  BuiltinResponder b;
  auto r = ask("What is the street address of the garage's billing office?");
  r.passages = {{"Billing", "Statements are mailed monthly by the billing team.", "", ""},
                {"Parking", "The garage is free for patients.", "", ""}};
  auto a = b.respond(r);
  EXPECT_NE(a.find("don't have that information"), std::string::npos) << a;
}

// "hours" after a count is a length of time, not the clinic's opening hours.
TEST(LlmBuiltin, ALengthOfTimeDoesNotAnswerOpeningHours) {
  BuiltinResponder b;
  const std::vector<Passage> passages = {
      {"Lab Results", "Lab results are usually ready within 24 to 48 hours. You can view them in the portal.", "", ""},
      {"Prescription Refills", "Please allow 24 hours for the refill to be processed.", "", ""}};
  auto r = ask("what are your hours on weekends?");
  r.passages = passages;
  EXPECT_NE(b.respond(r).find("don't have that information"), std::string::npos);
  r = ask("how many hours until my lab results are ready?");
  r.passages = passages;
  EXPECT_NE(b.respond(r).find("24 to 48 hours"), std::string::npos);
}

// What the safety role redacted, and the words that introduced it, are not what the patient asks about.
TEST(LlmBuiltin, RedactedPersonalDataDoesNotDiluteTheQuestion) {
  BuiltinResponder b;
  auto r = ask("my name is [REDACTED-PERSON], born [REDACTED-DATE_OF_BIRTH], can you tell me if my blood test results "
               "are in?");
  r.passages = {{"Lab Results", "Lab results are usually ready within 24 to 48 hours. You can view them in the portal.",
                 "", ""}};
  EXPECT_NE(b.respond(r).find("24 to 48 hours"), std::string::npos);
}

// A question the knowledge base cannot answer ("how much do I owe?") but whose topic has an article: that article
// says whom to ask. No such article, no answer.
TEST(LlmBuiltin, AnUnansweredQuestionGetsItsTopicsArticle) {
  BuiltinResponder b;
  auto r = ask("how much do I owe?");
  r.intent = "billing";
  r.passages = {{"Lab Results", "Lab results are usually ready within 24 to 48 hours.", "", ""},
                {"Billing Inquiries", "For questions about a bill, call our billing office at 555-123-4567. We accept "
                 "most major insurance plans.", "", ""}};
  auto a = b.respond(r);
  EXPECT_EQ(a.rfind("I can't see that detail here, but this should help: For questions about a bill, call our "
                    "billing office at 555-123-4567.", 0), 0u) << a;
  EXPECT_NE(a.find("Sources: [1] Billing Inquiries"), std::string::npos) << a;
  r.passages.pop_back();
  EXPECT_NE(b.respond(r).find("don't have that information"), std::string::npos);
  r.intent = "clinic_info";  // no topic article for clinic information in general
  r.passages = {{"Billing Inquiries", "For questions about a bill, call our billing office.", "", ""}};
  EXPECT_NE(b.respond(r).find("don't have that information"), std::string::npos);
}

TEST(LlmBuiltin, WithoutPassagesSaysItDoesNotKnowAndOffersStaff) {
  BuiltinResponder b;
  auto a = b.respond(ask("How much does an MRI cost?"));
  EXPECT_NE(a.find("don't have that information"), std::string::npos) << a;
  EXPECT_NE(a.find("staff"), std::string::npos);
  EXPECT_EQ(a.find("$"), std::string::npos);
}

TEST(LlmBuiltin, UnrelatedPassagesAreNotUsed) {
  BuiltinResponder b;
  auto r = ask("How much does an MRI scan cost?");
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("don't have that information"), std::string::npos) << a;
  EXPECT_EQ(a.find("Sources"), std::string::npos) << a;
}

TEST(LlmBuiltin, AsksForMissingSlots) {
  BuiltinResponder b;
  auto r = ask("I'd like to book an appointment");
  r.intent = "book_appointment";
  r.missing_slots = {"date", "time", "provider"};
  auto a = b.respond(r);
  EXPECT_NE(a.find("book an appointment"), std::string::npos) << a;
  EXPECT_NE(a.find("the date you'd prefer"), std::string::npos) << a;
  EXPECT_NE(a.find("the time that works best"), std::string::npos);
  EXPECT_NE(a.find("which doctor"), std::string::npos);
  EXPECT_EQ(a.back(), '?');
}

TEST(LlmBuiltin, UnknownSlotNamesAreHumanised) {
  BuiltinResponder b;
  EXPECT_EQ(b.ask_for_slots("", {"referral_code"}), "Could you please tell me your referral code?");
}

TEST(LlmBuiltin, RefusesOutOfScope) {
  BuiltinResponder b;
  auto r = ask("Who will win the football match tonight?");
  r.intent = "out_of_scope";
  r.passages = clinic_passages();
  auto a = b.respond(r);
  EXPECT_NE(a.find("only help with questions about our clinic"), std::string::npos) << a;
}

TEST(LlmBuiltin, ConfirmsToolResultsWithTheirOwnFields) {
  BuiltinResponder b;
  auto r = ask("Book me with Dr. Patel on Thursday morning");
  ToolResult t;
  t.name = "book_appointment";
  t.fields = {
      {"date", "2026-08-20"}, {"time", "09:30"}, {"provider", "Dr. Asha Patel"}, {"confirmation_code", "APT-4471"}};
  r.tool_results = {t};
  auto a = b.respond(r);
  EXPECT_NE(a.find("Your appointment is booked."), std::string::npos) << a;
  for (const auto& v : {"2026-08-20", "09:30", "Dr. Asha Patel", "APT-4471", "Confirmation code"})
    EXPECT_NE(a.find(v), std::string::npos) << v << " missing in: " << a;
}

TEST(LlmBuiltin, ReportsFailedToolsAndOffersHelp) {
  BuiltinResponder b;
  auto r = ask("refill my lisinopril");
  ToolResult t;
  t.name = "request_refill";
  t.ok = false;
  t.error = "no active prescription for lisinopril";
  r.tool_results = {t};
  auto a = b.respond(r);
  EXPECT_NE(a.find("couldn't complete the request refill request: no active prescription for lisinopril."),
            std::string::npos)
      << a;
  EXPECT_NE(a.find("staff"), std::string::npos);
  EXPECT_EQ(a.find("has been submitted"), std::string::npos);
}

TEST(LlmBuiltin, GreetsOnSmallTalk) {
  BuiltinResponder b;
  EXPECT_NE(b.respond(ask("Hello there!")).find("How can I help"), std::string::npos);
  EXPECT_NE(b.respond(ask("thanks!")).find("welcome"), std::string::npos);
}

// Its own sentences follow the patient's language; answers from the passages stay as the passages say them.
TEST(LlmBuiltin, OwnSentencesAreInSpanishForASpanishSpeaker) {
  BuiltinResponder b;
  auto spanish = [](std::string q, std::string intent = {}) {
    auto r = ask(std::move(q));
    r.language = "es";
    r.intent = std::move(intent);
    return r;
  };
  EXPECT_NE(b.respond(spanish("Hola", "smalltalk")).find("asistente virtual"), std::string::npos);
  EXPECT_NE(b.respond(spanish("muchas gracias", "smalltalk")).find("Con gusto"), std::string::npos);
  EXPECT_NE(b.respond(spanish("¿Cuánto cuesta una resonancia?")).find("no tengo esa información"), std::string::npos);
  EXPECT_NE(b.respond(spanish("¿Quién ganó el partido?", "out_of_scope")).find("solo puedo ayudar"), std::string::npos);
  EXPECT_NE(b.respond(spanish("¿Es grave mi tos?", "medical_question")).find("No puedo dar consejos médicos"),
            std::string::npos);
  EXPECT_NE(b.respond(spanish("Quiero hablar con una persona", "human_handoff")).find("Por supuesto"),
            std::string::npos);
  auto r = spanish("¿Dónde me puedo estacionar?", "clinic_info");
  r.passages = clinic_passages();
  const auto a = b.respond(r);
  EXPECT_NE(a.find("Free parking is available in the garage on Elm Street. [1]"), std::string::npos) << a;
  // English stays English.
  EXPECT_NE(b.respond(ask("How much does an MRI cost?")).find("don't have that information"), std::string::npos);
}

TEST(LlmBuiltin, IsDeterministic) {
  BuiltinResponder b;
  auto r = ask("When are you open on Saturday?");
  r.passages = clinic_passages();
  EXPECT_EQ(b.respond(r), b.respond(r));
  EXPECT_NE(b.respond(r).find("On Saturdays we open from 9 a.m. to 1 p.m."), std::string::npos) << b.respond(r);
}

}  // namespace
}  // namespace aurixa::llm
