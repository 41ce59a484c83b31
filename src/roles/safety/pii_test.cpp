#include "roles/safety/pii.hpp"
#include "roles/safety/pii_tagger.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace aurixa::safety {
namespace {

const PiiDetector& detector() {
  static const PiiDetector d;  // immutable; built once for this test binary
  return d;
}

// "TYPE=text" for each entity, in order.
std::vector<std::string> found(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& e : detector().detect(text))
    out.push_back(std::string(entity_type_name(e.type)) + "=" + std::string(text.substr(e.begin, e.end - e.begin)));
  return out;
}
using V = std::vector<std::string>;

TEST(SafetyPiiValidators, Luhn) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
}

TEST(SafetyPiiValidators, SsnRules) {
  EXPECT_TRUE(ssn_valid("078051121"));
  EXPECT_FALSE(ssn_valid("000123456"));  // area 000
  EXPECT_FALSE(ssn_valid("666123456"));  // area 666
  EXPECT_FALSE(ssn_valid("912345678"));  // 9xx (ITIN range)
  EXPECT_FALSE(ssn_valid("123004567"));  // group 00
  EXPECT_FALSE(ssn_valid("123450000"));  // serial 0000
}

TEST(SafetyPiiValidators, NpiDeaMbi) {
  EXPECT_TRUE(npi_valid("1234567893"));
  EXPECT_FALSE(npi_valid("1234567890"));
  EXPECT_FALSE(npi_valid("3234567893"));  // must start with 1 or 2
  EXPECT_TRUE(dea_valid("BG4633839") || !dea_valid("BG4633838"));
  // AB1234563: (1+3+5) + 2*(2+4+6) = 33 -> check digit 3.
  EXPECT_TRUE(dea_valid("AB1234563"));
  EXPECT_FALSE(dea_valid("AB1234564"));
  EXPECT_FALSE(dea_valid("IB1234563"));  // I is not a registrant type
  EXPECT_TRUE(mbi_valid("1EG4-TE5-MK73"));
  EXPECT_FALSE(mbi_valid("1SG4-TE5-MK73"));  // S is excluded
}

TEST(SafetyPiiValidators, CardBrands) {
  EXPECT_EQ(card_brand("4111111111111111").value_or(""), "visa");
  EXPECT_EQ(card_brand("371449635398431").value_or(""), "amex");
  EXPECT_FALSE(card_brand("6826137272184103"));  // 68: no issuer
}

// The RE2 path over libphonenumber's US/CA metadata must accept and reject exactly what
// IsValidNumberForRegion does: every area code with many exchanges/lines, plus arbitrary 10-digit strings.
TEST(SafetyPiiValidators, NanpFastPathAgreesWithLibphonenumber) {
  const PhoneValidator v;
  std::mt19937 rng(20261126);
  std::uniform_int_distribution<int> seven(0, 9999999), first(1, 9), rest(0, 999999999);
  char buf[16];
  int accepted = 0, checked = 0;
  auto check = [&](const char* n) {
    ++checked;
    const bool ref = PhoneValidator::nanp_valid_reference(n);
    accepted += ref;
    ASSERT_EQ(v.nanp_valid(n), ref) << n;
  };
  for (int npa = 100; npa <= 999; ++npa)
    for (int i = 0; i < 24; ++i) {
      std::snprintf(buf, sizeof buf, "%03d%07d", npa, seven(rng));
      check(buf);
    }
  for (int i = 0; i < 20000; ++i) {
    std::snprintf(buf, sizeof buf, "%d%09d", first(rng), rest(rng));
    check(buf);
  }
  for (const char* n : {"6085550142", "2125551234", "8005550100", "9002345678", "4165550199", "3052012345",
                        "5056412345", "2742123456", "9832123456", "2011111111"})
    check(n);
  EXPECT_GT(accepted, checked / 4);  // both accepts and rejects are exercised
  EXPECT_LT(accepted, checked);
}

TEST(SafetyPii, FindsEveryTypeWithExactSpans) {
  EXPECT_EQ(found("ssn 536-22-8741"), (V{"SSN=536-22-8741"}));
  EXPECT_EQ(found("card 4111 1111 1111 1111 please"), (V{"CREDIT_CARD=4111 1111 1111 1111"}));
  EXPECT_EQ(found("write to jane.doe+clinic@example.org."), (V{"EMAIL=jane.doe+clinic@example.org"}));
  EXPECT_EQ(found("call me at (608) 555-0129 ext 4"), (V{"PHONE=(608) 555-0129"}));
  EXPECT_EQ(found("or +44 20 7946 0958 from abroad"), (V{"PHONE=+44 20 7946 0958"}));
  EXPECT_EQ(found("MRN: 00123456"), (V{"MRN=00123456"}));
  EXPECT_EQ(found("the NPI is 1234567893"), (V{"NPI=1234567893"}));
  EXPECT_EQ(found("DEA AB1234563"), (V{"DEA=AB1234563"}));
  EXPECT_EQ(found("medicare 1EG4-TE5-MK73"), (V{"MEDICARE_MBI=1EG4-TE5-MK73"}));
  EXPECT_EQ(found("from 10.1.2.3 and 2001:db8::1"), (V{"IP_ADDRESS=10.1.2.3", "IP_ADDRESS=2001:db8::1"}));
  EXPECT_EQ(found("I live at 742 Evergreen Terrace, Springfield, IL 62704"),
            (V{"ADDRESS=742 Evergreen Terrace, Springfield, IL 62704"}));
  EXPECT_EQ(found("my name is Maria Lopez"), (V{"PERSON=Maria Lopez"}));
  EXPECT_EQ(found("DOB 04/12/1979"), (V{"DATE_OF_BIRTH=04/12/1979"}));
}

TEST(SafetyPii, HardNegatives) {
  EXPECT_EQ(found("card 4111 1111 1111 1112 got declined"), V{});  // Luhn-invalid 16 digits
  EXPECT_EQ(found("confirmation code APT-1042"), V{});
  EXPECT_EQ(found("take 500 mg twice a day for 10 days"), V{});
  EXPECT_EQ(found("my appointment is on 03/14/2025 at 10:30"), V{});  // not a birth date
  EXPECT_EQ(found("order number 4405129987"), V{});                   // vetoed by "order"
  EXPECT_EQ(found("app version 7.2.3 and build 4.18.0.1"), V{});
  EXPECT_EQ(found("my zip code is 53703"), V{});
  EXPECT_EQ(found("paid with the card ending 4432"), V{});
  EXPECT_EQ(found("bp 128/76, hr 72, a1c 6.1"), V{});
  EXPECT_EQ(found("walk 3 blocks down the road"), V{});
}

TEST(SafetyPii, ClinicianNamesAreNotPersons) {
  EXPECT_EQ(found("I saw Dr. Grace Hopper last week"), V{});
  EXPECT_EQ(found("patient Oscar Lindgren"), (V{"PERSON=Oscar Lindgren"}));
}

TEST(SafetyPii, BirthDateNeedsBirthContextNotAppointmentContext) {
  EXPECT_EQ(found("my appt was 2/2/2025 and my dob is 2/2/1992"), (V{"DATE_OF_BIRTH=2/2/1992"}));
  EXPECT_EQ(found("born the 3rd of July, 1949"), (V{"DATE_OF_BIRTH=the 3rd of July, 1949"}));
}

TEST(SafetyPii, AccentedCueWordsCount) {
  // Cue lists are written unaccented; the text's Latin-1 letters are folded before matching.
  EXPECT_EQ(found("nací el 3 de abril de 1968"), (V{"DATE_OF_BIRTH=3 de abril de 1968"}));
  EXPECT_EQ(found("NACIÓ el 3 de abril de 1968"), (V{"DATE_OF_BIRTH=3 de abril de 1968"}));
  EXPECT_EQ(found("la cita es el 3 de abril de 2026"), V{});
  EXPECT_EQ(lower_folded("Teléfono ÑANDÚ ×2"), "telefono nandu ×2");
}

TEST(SafetyPii, TheEntitysOwnLabelOverridesAnEarlierReferenceWord) {
  // "claim" makes a number a claim number, unless the number's own label stands closer.
  EXPECT_EQ(found("about the claim, provider npi 1234567893"), (V{"NPI=1234567893"}));
  EXPECT_EQ(found("the claim 1234567893"), V{});
  EXPECT_EQ(found("for the claim, ssn 536-22-8741"), (V{"SSN=536-22-8741"}));
  EXPECT_EQ(found("claim: medicare 1EG4-TE5-MK73"), (V{"MEDICARE_MBI=1EG4-TE5-MK73"}));
  EXPECT_EQ(found("claim denied, dea AB1234563"), (V{"DEA=AB1234563"}));
}

// Given names of people born since the 1990s (the Moby lists predate them) anchor an intake line's birth date.
TEST(SafetyPii, ModernGivenNamesAreKnown) {
  EXPECT_EQ(found("Kayden Fields, 4/4/2016, needs a booster"), (V{"PERSON=Kayden Fields", "DATE_OF_BIRTH=4/4/2016"}));
  EXPECT_EQ(found("Jayden Ortiz, 02/03/2015, peanut allergy"), (V{"PERSON=Jayden Ortiz", "DATE_OF_BIRTH=02/03/2015"}));
}

TEST(SafetyPii, AMedicalRecordLabelOutranksAPhoneReading) {
  // 8 digits after "chart number" are valid as a phone number of some country; the label decides.
  EXPECT_EQ(found("patient chart number 30056129, can I get a copy"), (V{"MRN=30056129"}));
}

TEST(SafetyPii, SsnNeedsFormatOrContext) {
  EXPECT_EQ(found("SSN 329089419"), (V{"SSN=329089419"}));
  EXPECT_EQ(found("ticket 329089419"), V{});
}

TEST(SafetyPii, ByteOffsetsAreExactWithMultibyteText) {
  // "José:" at the start of a line is a speaker label, i.e. a PERSON too; the SSN is the last entity.
  const std::string text = "Señora José: 536-22-8741";
  auto e = detector().detect(text);
  ASSERT_FALSE(e.empty());
  EXPECT_EQ(e.back().type, EntityType::SSN);
  EXPECT_EQ(text.substr(e.back().begin, e.back().end - e.back().begin), "536-22-8741");
}

TEST(SafetyPiiAddress, InternationalAndMilitaryForms) {
  EXPECT_EQ(found("send it to 4821 Mannerheimintie 12 Apt. 5, Helsinki, Finland 00100 please"),
            (V{"ADDRESS=4821 Mannerheimintie 12 Apt. 5, Helsinki, Finland 00100"}));
  EXPECT_EQ(found("mail: PSC 1234, Box 5678\nAPO AE 09123"), (V{"ADDRESS=PSC 1234, Box 5678\nAPO AE 09123"}));
  EXPECT_EQ(found("we moved to ul. Długa 44 last week"), (V{"ADDRESS=ul. Długa 44"}));
  EXPECT_EQ(found("Meet me at 7943 2027 Prospect St, Dehylov"), (V{"ADDRESS=7943 2027 Prospect St, Dehylov"}));
  EXPECT_EQ(found("12 Oak Street\nThe weather is nice"), (V{"ADDRESS=12 Oak Street"}));
}

TEST(SafetyPiiAddress, HardNegatives) {
  EXPECT_EQ(found("take 2 Tylenol 500 mg twice a day"), V{});
  EXPECT_EQ(found("I walked 3 blocks down the road"), V{});
  EXPECT_EQ(found("the corner of {street_name} and {street_name}"), V{});
}

TEST(SafetyPiiPerson, ProperNounsWithoutCueWords) {
  EXPECT_EQ(found("Please ask Bartholomew Quist about the forms"), (V{"PERSON=Bartholomew Quist"}));
  EXPECT_EQ(found("our founders: Quist, Okafor and Lindqvist"),
            (V{"PERSON=Quist", "PERSON=Okafor", "PERSON=Lindqvist"}));
  EXPECT_EQ(found("What's your last name? Okonkwo"), (V{"PERSON=Okonkwo"}));
  EXPECT_EQ(found("Mrs. Halvorsen flew home"), (V{"PERSON=Halvorsen"}));
  EXPECT_EQ(found("I would like to remove my kid Tadeusz from the plan"), (V{"PERSON=Tadeusz"}));
}

TEST(SafetyPiiPerson, GazetteerListsRepeatsAndLowerCase) {
  // A list of given names, also in lower case (the wider given-name list, pii_given_names.inc).
  EXPECT_EQ(found("our kids are tomasz, emily, grace and oliver"),
            (V{"PERSON=tomasz", "PERSON=emily", "PERSON=grace", "PERSON=oliver"}));
  // The same person named again by surname only.
  EXPECT_EQ(found("Bring Henrietta Oyelaran's file. Oyelaran called twice."),
            (V{"PERSON=Henrietta Oyelaran", "PERSON=Oyelaran"}));
  // All-lower-case messages: a given name next to a person cue.
  EXPECT_EQ(found("rosalind has been waiting since noon"), (V{"PERSON=rosalind"}));
  EXPECT_EQ(found("everyone calls me tadeo"), (V{"PERSON=tadeo"}));
  // A given name that is also a common word, with a cue: a possessive, a vocative.
  EXPECT_EQ(found("I'm Misty's brother"), (V{"PERSON=Misty"}));
  EXPECT_EQ(found("Wait, Derrick!"), (V{"PERSON=Derrick"}));
  // Non-ASCII middle initial.
  EXPECT_EQ(found("Ask Sigrún Ó Pálsdóttir about it"), (V{"PERSON=Sigrún Ó Pálsdóttir"}));
}

TEST(SafetyPiiPerson, GazetteerHardNegatives) {
  EXPECT_EQ(found("Will you call me back tomorrow?"), V{});
  EXPECT_EQ(found("please call me back asap"), V{});
  EXPECT_EQ(found("May I book a slot for next week?"), V{});
  EXPECT_EQ(found("The Clark, Romero and Hall Orchestra was founded in 1973."), V{});
  EXPECT_EQ(found("I work for Corvantiq and my wife works at Zelbrix"), V{});
  EXPECT_EQ(found("I am originally from Tervakoski and flew to Marindale last week"), V{});
  EXPECT_EQ(found("mi número de seguro social es 342-56-6194"), (V{"SSN=342-56-6194"}));
}

// Lower-case Spanish: articles and pronouns that are also given names in the wide list ("una", "ella", "mia")
// start no name in Spanish text, and a Spanish verb or pronoun ends one; a real name in the same style still
// counts, and in English text they are names.
TEST(SafetyPiiPerson, LowerCaseSpanishFunctionWordsAreNotNames) {
  EXPECT_EQ(found("necesito que una enfermera me llame por mis resultados"), V{});
  EXPECT_EQ(found("tengo una pregunta sobre mi factura"), V{});
  EXPECT_EQ(found("busco una doctora para mi hija"), V{});
  EXPECT_EQ(found("ella necesita una cita"), V{});
  // Spanish words that are also given names ("cara", "rosa") need a person cue in Spanish text.
  EXPECT_EQ(found("mi esposa de repente tiene la cara caida de un lado"), V{});
  EXPECT_EQ(found("la herida esta rosa y caliente"), V{});
  EXPECT_EQ(found("la luz me molesta mucho en los ojos"), V{});
  EXPECT_EQ(found("recomiéndame una película"), V{});
  EXPECT_EQ(found("mi mamá se llama dolores peña"), (V{"PERSON=dolores peña"}));
  EXPECT_EQ(found("me pueden dar turno para el martes"), V{});
  EXPECT_EQ(found("me llamo rosalind"), (V{"PERSON=rosalind"}));
  EXPECT_EQ(found("rosalind tiene fiebre desde ayer"), (V{"PERSON=rosalind"}));
  // The same words in English text are names.
  EXPECT_EQ(found("mia has a rash, can she be seen today"), (V{"PERSON=mia"}));
  EXPECT_EQ(found("mi hija sofia tiene fiebre desde ayer"), (V{"PERSON=sofia"}));
  EXPECT_EQ(found("me llamo jose de jesus"), (V{"PERSON=jose de jesus"}));
}

TEST(SafetyPiiPerson, AddressingVerbsParticlesEponymsAndPeopleLists) {
  // "<verb> at/to <Name>": a given name that is also a common word needs such a cue.
  EXPECT_EQ(found("Later on Ingeborg yelled at Tiffany about the bill."), (V{"PERSON=Ingeborg", "PERSON=Tiffany"}));
  // A particle inside a name takes a capitalised common word as the surname.
  EXPECT_EQ(found("Gerritje ter Hill will chair the meeting"), (V{"PERSON=Gerritje ter Hill"}));
  // An eponymous modifier.
  EXPECT_EQ(found("Unlike the Szczepanski novel, the film ends well."), (V{"PERSON=Szczepanski"}));
  // A list after a plural noun for people and a colon, also of capitalised common words.
  EXPECT_EQ(found("We thank our two partners: Oyelaran, Brand and Black."),
            (V{"PERSON=Oyelaran", "PERSON=Brand", "PERSON=Black"}));
  // A given name that is also a common word, or a month, before a proper surname.
  EXPECT_EQ(found("A card from Lea Brannigan arrived."), (V{"PERSON=Lea Brannigan"}));
  EXPECT_EQ(found("Follow up with Jan Kowalczyk next week."), (V{"PERSON=Jan Kowalczyk"}));
  // The writer's own name is PII whatever its title.
  EXPECT_EQ(found("My name is misspelled on the invoice, please change it to Dr. Maren Solheim."),
            (V{"PERSON=Maren Solheim"}));
  EXPECT_EQ(found("sometimes friends call me dağhan"), (V{"PERSON=dağhan"}));
}

TEST(SafetyPiiPerson, StreetsMonthsAndStaffAreNotPersons) {
  EXPECT_EQ(found("Turn left onto Mathias Pass and then right."), V{});
  EXPECT_EQ(found("Is the clinic open on Jan 5 and May 12?"), V{});
  EXPECT_EQ(found("I have an appointment with Dr. Maren Solheim tomorrow."), V{});  // staff policy
  EXPECT_EQ(found("Our hours: Monday to Friday, Saturday mornings."), V{});
  EXPECT_EQ(found("Unlike the Python book, this one is short."), V{});
}

TEST(SafetyPiiPerson, HardNegatives) {
  EXPECT_EQ(found("I take Lisinopril and Metformin every morning"), V{});
  EXPECT_EQ(found("Can I book an appointment with Ricci on Tuesday?"), V{});  // staff: not patient PII
  EXPECT_EQ(found("I need to reschedule my session with Ms. Davis."), V{});
  EXPECT_EQ(found("Dr. Lee said it is fine"), V{});
  EXPECT_EQ(found("I live in Porto Alegre now"), V{});
  EXPECT_EQ(found("I work for Blue Harbor Solutions"), V{});
  EXPECT_EQ(found("What's the weather in March? Let's see."), V{});
  EXPECT_EQ(found("The Davis, Reynolds and Williamson Orchestra plays tonight"), V{});
}

// ---- learned tagger (pii_tagger.hpp) -------------------------------------------------------------
TEST(SafetyPiiTagger, CommittedModelIsLoaded) {
  const PiiTagger t;
  EXPECT_FALSE(t.empty());
  EXPECT_GT(t.thresholds().add_person, -1e6f);
}

TEST(SafetyPiiTagger, TokensHaveByteOffsetsAndRuleMarks) {
  const std::string text = "Hi, Åsa Öberg #12";  // UTF-8: Å and Ö are two bytes each
  std::vector<TagToken> toks;
  const std::vector<PiiEntity> rules = {{EntityType::PERSON, 4, 14, 0.7}};
  const std::vector<PiiEntity> declined = {{EntityType::PERSON, 0, 2, 0}};
  tag_tokenize(text, rules, declined, toks);
  ASSERT_EQ(toks.size(), 6u);  // Hi , Åsa Öberg # 12
  EXPECT_EQ(text.substr(toks[2].b, toks[2].e - toks[2].b), "Åsa");
  EXPECT_EQ(text.substr(toks[3].b, toks[3].e - toks[3].b), "Öberg");
  EXPECT_EQ(toks[0].rule, 4);
  EXPECT_EQ(toks[2].rule, 1);
  EXPECT_EQ(toks[3].rule, 1);
  EXPECT_FALSE(toks[4].word);
  EXPECT_TRUE(toks[5].candidate);  // digits
  std::uint32_t f[kTagMaxFeatures];
  const auto n = tag_features(text, toks, 3, true, f);
  EXPECT_GT(n, 10u);
  EXPECT_LE(n, kTagMaxFeatures);
  for (std::size_t k = 0; k < n; ++k) EXPECT_LT(f[k], kTagBuckets);
}

// A tagger that calls every candidate token a name (or an address): only the guards stand between it and
// the output, so this checks them, independent of the trained weights.
PiiTagger always(std::size_t cls) {
  std::vector<float> w(kTagBuckets * kTagClasses, 0.0f);
  for (std::size_t i = 0; i < kTagBuckets; ++i) w[i * kTagClasses + cls] = 1.0f;
  return PiiTagger(std::move(w), {0, 0, -1e9f});
}

std::vector<std::string> tagged(const PiiTagger& t, std::string_view text) {
  std::vector<PiiEntity> declined;
  const auto rules = detector().detect_rules(text, &declined);
  std::vector<std::string> out;
  for (const auto& e : t.apply(text, rules, declined))
    out.push_back(std::string(entity_type_name(e.type)) + "=" + std::string(text.substr(e.begin, e.end - e.begin)));
  return out;
}

TEST(SafetyPiiTagger, NeverAddsOverStaffNamesDatesAcronymsOrReferenceNumbers) {
  const auto person = always(1);
  // Staff policy: names after Dr/Prof and providers a scheduling message books stay out.
  EXPECT_EQ(tagged(person, "I need to move my visit with Dr. Okafor"), V{});
  EXPECT_EQ(tagged(person, "Nurse Quinlan called, I will see Prof. Adeyemi later"), V{});
  EXPECT_EQ(tagged(person, "can I book a consult with Van Houten next week"), V{});
  // Acronyms and lower-case words are not names the tagger may add.
  EXPECT_EQ(tagged(person, "SSN and DOB are on file"), V{});
  // A compass word alone names a place ("Lakeview North"), as a month or weekday alone names a date.
  EXPECT_EQ(tagged(person, "the lakeview North site, then West"), V{});
  EXPECT_EQ(tagged(person, "see you Tuesday"), V{});
  const auto address = always(2);
  // A reference number and a date are not addresses.
  EXPECT_EQ(tagged(address, "my booking #017187 is confirmed"), V{});
  EXPECT_EQ(tagged(address, "the surgery date is June 14, 2025"), V{});
}

TEST(SafetyPiiTagger, AddsOnlyOutsideRuleSpansAndKeepsThemSorted) {
  const auto person = always(1);
  const std::string_view text = "Call Harriet Lowe at 415-555-0132 about Quorvane";
  const auto out = tagged(person, text);
  // The rules' phone number stays whole; the tagger adds the capitalised words the rules left.
  ASSERT_FALSE(out.empty());
  bool phone = false;
  for (const auto& s : out) phone = phone || s == "PHONE=415-555-0132";
  EXPECT_TRUE(phone);
  std::vector<PiiEntity> declined;
  const auto ents = person.apply(text, detector().detect_rules(text, &declined), declined);
  for (std::size_t i = 1; i < ents.size(); ++i) EXPECT_LE(ents[i - 1].end, ents[i].begin);
}

TEST(SafetyPiiTagger, TrainedModelKeepsHardNegativesClean) {
  const PiiDetector with_tagger(true);
  auto found_tagged = [&](std::string_view text) {
    std::vector<std::string> out;
    for (const auto& e : with_tagger.detect(text))
      out.push_back(std::string(entity_type_name(e.type)) + "=" + std::string(text.substr(e.begin, e.end - e.begin)));
    return out;
  };
  for (std::string_view t : {"take 2 tablets of lisinopril 10 mg at 8 am", "order #88231 shipped to the clinic",
                             "the surgery date is June 14, 2025", "APT-1042 is your confirmation",
                             "Can I book a checkup next Tuesday?", "I see Dr. Patel on Monday"})
    EXPECT_EQ(found_tagged(t), V{}) << t;
  // The rules' entities stay (the tagger only adds, or drops a low-score name).
  EXPECT_EQ(found_tagged("My name is Laura Keller, call me at (608) 555-0142"),
            (V{"PERSON=Laura Keller", "PHONE=(608) 555-0142"}));
}

}  // namespace
}  // namespace aurixa::safety
