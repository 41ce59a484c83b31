#include "roles/safety/service.hpp"

#include <gtest/gtest.h>

namespace aurixa::safety {
namespace {

SafetyService& svc() {
  static SafetyService s;  // detectors are expensive to build; tests that change policy use their own
  return s;
}

ValidateResult check(const std::string& text, Stage stage = Stage::input, const std::string& tenant = {}) {
  return svc().validate(ValidateRequest{text, stage, tenant, {}});
}

TEST(SafetyService, CleanTextIsSafeAndUnchanged) {
  auto r = check("Can I book a checkup next Tuesday?");
  EXPECT_TRUE(r.is_safe);
  EXPECT_EQ(r.validated_text, "Can I book a checkup next Tuesday?");
  EXPECT_TRUE(r.issues.empty());
  EXPECT_FALSE(r.requires_escalation);
  EXPECT_EQ(r.severity, 0);
  EXPECT_FALSE(r.category);
}

// An answer quoting the clinic's knowledge base keeps the clinic's own phone number; a patient's number in the
// same answer is still redacted.
TEST(SafetyService, TheClinicsPublishedNumbersAreNotPersonalData) {
  ValidateRequest req{"Call our billing office at 555-123-4567. Your callback number is 312-555-0199.", Stage::output,
                      {}, {}};
  auto r = svc().validate(req);
  EXPECT_EQ(r.entities.size(), 2u);
  req.public_text = {"For questions about a bill, call our billing office at 555-123-4567 or use the portal."};
  r = svc().validate(req);
  ASSERT_EQ(r.entities.size(), 1u);
  EXPECT_EQ(r.entities[0].text, "312-555-0199");
  EXPECT_EQ(r.validated_text, "Call our billing office at 555-123-4567. Your callback number is [REDACTED-PHONE].");
}

TEST(SafetyService, EmergencyEscalatesWithoutMarkingTextUnsafe) {  // D8
  auto r = check("my face is drooping and I can't lift my arm");
  EXPECT_TRUE(r.requires_escalation);
  EXPECT_TRUE(r.is_safe);
  EXPECT_EQ(r.validated_text, "my face is drooping and I can't lift my arm");
  EXPECT_EQ(r.category.value_or(""), "stroke");
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].policy_name, "emergency_triage");
  EXPECT_EQ(r.issues[0].risk_category, "clinical_escalation");
  EXPECT_NE(r.escalation_message.value_or("").find("911"), std::string::npos);
  EXPECT_GE(r.severity, 0.8);
}

// The pipeline's intent classifier may not escalate words the triage read in context and ruled out.
TEST(SafetyService, EmergencyWordsRuledOutByContextAreReported) {
  EXPECT_TRUE(check("he's not choking, he just coughs when he drinks fast").emergency_ruled_out);  // negated
  EXPECT_TRUE(check("my dad had a stroke in 2019, I need his records").emergency_ruled_out);       // past
  EXPECT_FALSE(check("she fell and can't get up, she's on blood thinners").emergency_ruled_out);   // a modifier only
  EXPECT_FALSE(check("my face is drooping and I can't lift my arm").emergency_ruled_out);          // escalated
  EXPECT_FALSE(check("Can I book a checkup next Tuesday?").emergency_ruled_out);                   // no emergency words
}

// A stand-in for the intent model: "emergency" with confidence 0.9 for any text mentioning "happening".
TEST(SafetyService, TheEmergencyModelEscalatesWhatTheTriageMisses) {
  SafetyConfig cfg;
  cfg.emergency_model = [](std::string_view t) { return t.find("happening") != std::string_view::npos ? 0.9 : 0.0; };
  SafetyService s(cfg);
  auto r = s.validate(ValidateRequest{"it is happening again and I am scared", Stage::input, {}, {}});
  EXPECT_TRUE(r.requires_escalation);
  EXPECT_EQ(r.category.value_or(""), "other");
  EXPECT_NE(r.escalation_message.value_or("").find("911"), std::string::npos);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].policy_name, "emergency_triage");
  EXPECT_TRUE(r.is_safe);  // an emergency alone does not make the text unsafe (D8)
  // Turned off by the caller, for tool results, and when the triage ruled the emergency words out.
  ValidateRequest off{"it is happening again and I am scared", Stage::input, {}, {}};
  off.emergency_model = false;
  EXPECT_FALSE(s.validate(off).requires_escalation);
  EXPECT_FALSE(
      s.validate(ValidateRequest{"it is happening again and I am scared", Stage::tool, {}, {}}).requires_escalation);
  EXPECT_FALSE(s.validate(ValidateRequest{"he's not choking, it is not happening now", Stage::input, {}, {}})
                   .requires_escalation);
  // Below the threshold: no escalation.
  SafetyConfig weak;
  weak.emergency_model = [](std::string_view) { return kEmergencyModelThreshold - 0.01; };
  EXPECT_FALSE(SafetyService(weak)
                   .validate(ValidateRequest{"it is happening again and I am scared", Stage::input, {}, {}})
                   .requires_escalation);
}

TEST(SafetyService, EscalationGuidanceIsInThePatientsLanguage) {
  auto es = check("mi esposo tiene un dolor de pecho muy fuerte y está sudando");
  ASSERT_TRUE(es.requires_escalation);
  EXPECT_EQ(es.language, "es");
  EXPECT_NE(es.escalation_message.value_or("").find("Llame al 911"), std::string::npos) << *es.escalation_message;
  auto crisis = check("me quiero matar");
  EXPECT_NE(crisis.escalation_message.value_or("").find("988"), std::string::npos);
  EXPECT_NE(crisis.escalation_message.value_or("").find("oprima 2"), std::string::npos);
  auto en = check("my husband has crushing chest pain");
  EXPECT_EQ(en.language, "en");
  EXPECT_NE(en.escalation_message.value_or("").find("Call 911"), std::string::npos);
}

TEST(SafetyService, SelfHarmGetsCrisisLine) {
  auto r = check("I want to end my life");
  EXPECT_EQ(r.category.value_or(""), "suicide_self_harm");
  EXPECT_NE(r.escalation_message.value_or("").find("988"), std::string::npos);
}

TEST(SafetyService, ToolResultsAreNotTriaged) {
  EXPECT_FALSE(check("Patient history: stroke, chest pain", Stage::tool).requires_escalation);
}

TEST(SafetyService, EveryPiiTypeIsRedactedNotJustTheFirst) {  // D8
  auto r = check("ssn 536-22-8741, email a.b@example.com, phone (608) 555-0129");
  EXPECT_FALSE(r.is_safe);
  EXPECT_EQ(r.validated_text, "ssn [REDACTED-SSN], email [REDACTED-EMAIL], phone [REDACTED-PHONE]");
  ASSERT_EQ(r.entities.size(), 3u);
  int pii_issues = 0;
  for (const auto& i : r.issues) pii_issues += i.policy_name == "pii_policy";
  EXPECT_EQ(pii_issues, 3);
}

TEST(SafetyService, EntityOffsetsAreCodePoints) {
  const std::string text = "José: 536-22-8741";
  auto r = check(text);
  ASSERT_EQ(r.entities.size(), 2u);  // the speaker label "José" (PERSON) and the SSN
  EXPECT_EQ(r.entities[0].start, 0u);
  EXPECT_EQ(r.entities[0].end, 4u);    // "José" is 4 code points (5 bytes)
  EXPECT_EQ(r.entities[1].start, 6u);  // "José: " is 6 code points (7 bytes)
  EXPECT_EQ(r.entities[1].end, 17u);
  EXPECT_EQ(r.entities[1].text, "536-22-8741");
}

TEST(SafetyService, BannedWordsReplaceTextWholeWordOnly) {
  auto r = check("that is an exploit");
  EXPECT_FALSE(r.is_safe);
  EXPECT_EQ(r.validated_text, "[Content Redacted]");
  EXPECT_EQ(r.issues.at(0).policy_name, "banned_word_policy");
  EXPECT_TRUE(check("exploitation is a word").is_safe);
}

TEST(SafetyService, TenantPolicyMaskAllowAndExtraWords) {
  SafetyService s;
  s.set_tenant_policy("t-mask", TenantPolicy{PiiMode::mask, {"refund"}});
  s.set_tenant_policy("t-allow", TenantPolicy{PiiMode::allow, {}});
  auto masked = s.validate({"ssn 536-22-8741", Stage::input, "t-mask", {}});
  EXPECT_EQ(masked.validated_text, "ssn ***-**-8741");
  auto allowed = s.validate({"ssn 536-22-8741", Stage::input, "t-allow", {}});
  EXPECT_TRUE(allowed.is_safe);
  EXPECT_EQ(allowed.validated_text, "ssn 536-22-8741");
  EXPECT_EQ(allowed.entities.size(), 1u);
  EXPECT_FALSE(s.validate({"I want a refund", Stage::input, "t-mask", {}}).is_safe);
  EXPECT_TRUE(s.validate({"I want a refund", Stage::input, "other", {}}).is_safe);
  EXPECT_EQ(s.tenant_policy("t-mask")->pii_mode, PiiMode::mask);
  EXPECT_FALSE(s.tenant_policy("nobody"));
}

TEST(SafetyService, RedactorForLogsIgnoresTenantAllow) {
  EXPECT_EQ(svc().redact("user jane@example.com from 10.0.0.7"), "user [REDACTED-EMAIL] from [REDACTED-IP_ADDRESS]");
  EXPECT_EQ(svc().redact("nothing here"), "nothing here");
}

}  // namespace
}  // namespace aurixa::safety

namespace aurixa::safety {
namespace {

// AURIXA_SAFETY_PII_TAGGER (on by default): the learned tagger drops a company name the person rule takes for a
// surname.
TEST(SafetyService, PiiTaggerSettingReachesTheDetector) {
  const std::string text = "Their first single was pressed for Orvend Van Lines, 12 Harbour Road, Leeds";
  auto types = [&](bool tagger) {
    SafetyConfig cfg;
    cfg.pii_tagger = tagger;
    SafetyService svc(cfg);
    ValidateRequest req;
    req.text = text;
    std::vector<std::string> out;
    for (const auto& e : svc.validate(req).entities) out.push_back(e.type);
    return out;
  };
  EXPECT_EQ(types(false), (std::vector<std::string>{"PERSON", "ADDRESS"}));
  EXPECT_EQ(types(true), (std::vector<std::string>{"ADDRESS"}));
}

}  // namespace
}  // namespace aurixa::safety
