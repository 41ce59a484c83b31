// POST /api/v1/validate and the tenant policy routes through the real binary (safety role only, port 0).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/safety/api.hpp"
#include "roles/safety/module.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

class SafetyHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = new std::string(testing::make_temp_dir("aurixa-safety"));
    auto env = testing::default_test_env(*data_dir_);
    env["SAFETY_BANNED_WORDS"] = "exploit,pii_leak";
    server_ = new ServerProcess({"serve", "--port", "0", "--roles", "safety"}, env);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_dir_;
  }

  ClientResponse send(const std::string& method, const std::string& path, std::string body) {
    ClientRequest r;
    r.method = method;
    r.url = server_->url(path);
    r.body = std::move(body);
    r.headers.set("Content-Type", "application/json");
    return client_.request(r);
  }
  ClientResponse validate(const bj::object& body) { return send("POST", "/api/v1/validate", bj::serialize(body)); }
  static bj::object obj(const ClientResponse& r) { return bj::parse(r.body).as_object(); }

  static std::string* data_dir_;
  static ServerProcess* server_;
  HttpClient client_;
};
std::string* SafetyHttp::data_dir_ = nullptr;
ServerProcess* SafetyHttp::server_ = nullptr;

TEST_F(SafetyHttp, HealthNamesTheOriginalService) {
  ClientRequest r;
  r.url = server_->url("/health");
  auto res = client_.request(r);
  ASSERT_EQ(res.status, 200);
  EXPECT_EQ(obj(res).at("service").as_string(), "safety-guardrails");
}

TEST_F(SafetyHttp, MissingTextIs422NamingText) {
  auto res = validate({{"metadata", bj::object{}}});
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(obj(res).at("field").as_string(), "text");
}

TEST_F(SafetyHttp, WrongTypesAre422NamingTheField) {
  EXPECT_EQ(obj(validate({{"text", 5}})).at("field").as_string(), "text");
  auto stage = validate({{"text", "hi"}, {"stage", "later"}});
  EXPECT_EQ(stage.status, 422);
  EXPECT_EQ(obj(stage).at("field").as_string(), "stage");
  auto meta = validate({{"text", "hi"}, {"metadata", "x"}});
  EXPECT_EQ(meta.status, 422);
  EXPECT_EQ(obj(meta).at("field").as_string(), "metadata");
}

TEST_F(SafetyHttp, MalformedJsonIs400) {
  EXPECT_EQ(send("POST", "/api/v1/validate", "{\"text\": ").status, 400);
  EXPECT_EQ(send("POST", "/api/v1/validate", "").status, 400);
}

TEST_F(SafetyHttp, CleanTextKeepsTheOriginalShapeAndAddsFields) {
  auto res = validate({{"text", "Can I book a checkup next week?"}});
  ASSERT_EQ(res.status, 200);
  auto o = obj(res);
  EXPECT_TRUE(o.at("is_safe").as_bool());
  EXPECT_EQ(o.at("validated_text").as_string(), "Can I book a checkup next week?");
  EXPECT_TRUE(o.at("issues").as_array().empty());
  EXPECT_FALSE(o.at("requires_escalation").as_bool());
  EXPECT_EQ(o.at("severity").to_number<double>(), 0.0);
  EXPECT_TRUE(o.at("category").is_null());
  EXPECT_TRUE(o.at("entities").as_array().empty());
  EXPECT_TRUE(o.at("escalation_message").is_null());
}

TEST_F(SafetyHttp, EmergencyOnInputEscalatesWithoutRedacting) {
  auto o = obj(validate({{"text", "my face is drooping and I can't lift my arm"}, {"stage", "input"}}));
  EXPECT_TRUE(o.at("requires_escalation").as_bool());
  EXPECT_TRUE(o.at("is_safe").as_bool());
  EXPECT_EQ(o.at("validated_text").as_string(), "my face is drooping and I can't lift my arm");
  EXPECT_EQ(o.at("category").as_string(), "stroke");
  EXPECT_NE(std::string(o.at("escalation_message").as_string()).find("911"), std::string::npos);
  EXPECT_EQ(o.at("issues").as_array().at(0).as_object().at("policy_name").as_string(), "emergency_triage");
}

TEST_F(SafetyHttp, SelfHarmGetsTheCrisisLine) {
  auto o = obj(validate({{"text", "I took the whole bottle of my pills because I want to die"}, {"stage", "input"}}));
  EXPECT_EQ(o.at("category").as_string(), "suicide_self_harm");
  EXPECT_NE(std::string(o.at("escalation_message").as_string()).find("988"), std::string::npos);
}

TEST_F(SafetyHttp, NegatedAndHistoricalSymptomsDoNotEscalate) {
  EXPECT_FALSE(obj(validate({{"text", "no chest pain, just a cough"}})).at("requires_escalation").as_bool());
  EXPECT_FALSE(obj(validate({{"text", "my dad had a stroke in 2019, I need his follow-up"}}))
                   .at("requires_escalation")
                   .as_bool());
}

TEST_F(SafetyHttp, AllPiiIsRedactedWithCodePointOffsets) {
  auto o = obj(validate({{"text", "José: ssn 536-22-8741, mail jose@example.com, call (608) 555-0129"}}));
  EXPECT_FALSE(o.at("is_safe").as_bool());
  // "José:" opening the message is a speaker label: a PERSON too.
  EXPECT_EQ(o.at("validated_text").as_string(),
            "[REDACTED-PERSON]: ssn [REDACTED-SSN], mail [REDACTED-EMAIL], call [REDACTED-PHONE]");
  const auto& e = o.at("entities").as_array();
  ASSERT_EQ(e.size(), 4u);
  EXPECT_EQ(e[0].as_object().at("type").as_string(), "PERSON");
  EXPECT_EQ(e[0].as_object().at("end").to_number<int>(), 4);  // "José" = 4 code points, 5 bytes
  EXPECT_EQ(e[1].as_object().at("type").as_string(), "SSN");
  EXPECT_EQ(e[1].as_object().at("start").to_number<int>(), 10);  // "José: ssn " = 10 code points, 11 bytes
  EXPECT_EQ(e[1].as_object().at("end").to_number<int>(), 21);
  EXPECT_EQ(e[1].as_object().at("text").as_string(), "536-22-8741");
}

TEST_F(SafetyHttp, BannedWordsFromEnvironmentAreWholeWord) {
  auto hit = obj(validate({{"text", "is there an exploit in the portal"}}));
  EXPECT_FALSE(hit.at("is_safe").as_bool());
  EXPECT_EQ(hit.at("validated_text").as_string(), "[Content Redacted]");
  EXPECT_TRUE(obj(validate({{"text", "exploitation is a word"}})).at("is_safe").as_bool());
}

TEST_F(SafetyHttp, TenantPolicyMasksAndIsReadBack) {
  auto put = send("PUT", "/api/v1/safety/policies/t-042", R"({"pii_mode":"mask","banned_words":["refund"]})");
  ASSERT_EQ(put.status, 200);
  auto get = obj(send("GET", "/api/v1/safety/policies/t-042", ""));
  EXPECT_EQ(get.at("pii_mode").as_string(), "mask");
  EXPECT_FALSE(get.at("default").as_bool());
  auto o = obj(validate({{"text", "ssn 536-22-8741"}, {"tenant_id", "t-042"}}));
  EXPECT_EQ(o.at("validated_text").as_string(), "ssn ***-**-8741");
  EXPECT_FALSE(obj(validate({{"text", "I want a refund"}, {"tenant_id", "t-042"}})).at("is_safe").as_bool());
  EXPECT_EQ(send("PUT", "/api/v1/safety/policies/t-042", R"({"pii_mode":"shred"})").status, 422);
  // One policy per tenant whichever way the id is written ("t-042", "42", 42), as the pipeline looks it up.
  EXPECT_EQ(obj(send("GET", "/api/v1/safety/policies/42", "")).at("pii_mode").as_string(), "mask");
  EXPECT_FALSE(obj(validate({{"text", "I want a refund"}, {"tenant_id", 42}})).at("is_safe").as_bool());
  EXPECT_FALSE(obj(validate({{"text", "I want a refund"}, {"tenant_id", "42"}})).at("is_safe").as_bool());
  // Not a tenant id: 422 naming it, and nothing is stored under it.
  for (const char* bad : {"abc", "-5", "t-0"}) {
    auto r = send("PUT", std::string("/api/v1/safety/policies/") + bad, R"({"pii_mode":"mask"})");
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_NE(r.body.find("tenant_id"), std::string::npos) << r.body;
  }
}

TEST_F(SafetyHttp, LogsDoNotContainSubmittedPersonalData) {
  validate({{"text", "my ssn is 536-22-8741"}});
  EXPECT_EQ(server_->read_log().find("536-22-8741"), std::string::npos);
}

// Split mode: the HTTP client implements the same safety::Api as the local service.
TEST_F(SafetyHttp, SplitModeClientSpeaksTheSameContract) {
  auto api = make_safety_client(client_, server_->url(""));
  auto r = api->validate({"my face is drooping and I can't lift my arm", safety::Stage::input, {}, {}});
  EXPECT_TRUE(r.requires_escalation);
  EXPECT_EQ(r.category.value_or(""), "stroke");
  api->set_tenant_policy("t-077", safety::TenantPolicy{safety::PiiMode::allow, {"refund"}});
  ASSERT_TRUE(api->tenant_policy("t-077"));
  EXPECT_EQ(api->tenant_policy("77")->pii_mode, safety::PiiMode::allow);
  EXPECT_FALSE(api->tenant_policy("t-078"));
  auto allowed = api->validate({"ssn 536-22-8741", safety::Stage::input, "77", {}});
  EXPECT_EQ(allowed.validated_text, "ssn 536-22-8741");
  EXPECT_EQ(allowed.entities.size(), 1u);
  EXPECT_EQ(api->redact("mail jane@example.com"), "mail [REDACTED-EMAIL]");  // local, no network
}

}  // namespace
}  // namespace aurixa
