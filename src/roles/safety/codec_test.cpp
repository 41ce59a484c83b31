#include "roles/safety/codec.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "roles/safety/service.hpp"

namespace aurixa::safety {
namespace {

// Split deployments carry the validate result over HTTP: the orchestration parses what the safety role wrote.
TEST(SafetyCodec, ValidateResultSurvivesTheWireFormat) {
  SafetyService svc;
  for (const char* text : {"he's not choking, he just coughs when he drinks fast", "my face is drooping",
                           "mi papá no puede respirar",
                           "Can I book a checkup? My SSN is 123-45-6789"}) {
    const auto r = svc.validate(ValidateRequest{text, Stage::input, {}, {}});
    const auto back = codec::parse_validate_result(codec::to_json(r));
    EXPECT_EQ(back.emergency_ruled_out, r.emergency_ruled_out) << text;
    EXPECT_EQ(back.requires_escalation, r.requires_escalation) << text;
    EXPECT_EQ(back.category, r.category) << text;
    EXPECT_EQ(back.validated_text, r.validated_text) << text;
    EXPECT_EQ(back.entities.size(), r.entities.size()) << text;
    EXPECT_EQ(back.language, r.language) << text;
  }
  // A safety role of an older release writes no emergency_ruled_out: read as false.
  const auto old = codec::parse_validate_result(boost::json::object{{"is_safe", true}, {"requires_escalation", false}});
  EXPECT_FALSE(old.emergency_ruled_out);
}

TEST(SafetyCodec, EmergencyModelFlagIsOptionalAndBoolean) {
  EXPECT_TRUE(codec::parse_validate_request(boost::json::object{{"text", "hi"}}).emergency_model);
  EXPECT_FALSE(
      codec::parse_validate_request(boost::json::object{{"text", "hi"}, {"emergency_model", false}}).emergency_model);
  EXPECT_THROW(codec::parse_validate_request(boost::json::object{{"text", "hi"}, {"emergency_model", "no"}}), ApiError);
  // The client writes the flag only when it is off, so older safety roles see the request they know.
  ValidateRequest r{"hi", Stage::input, {}, {}};
  EXPECT_FALSE(codec::to_json(r).contains("emergency_model"));
  r.emergency_model = false;
  EXPECT_FALSE(codec::parse_validate_request(codec::to_json(r)).emergency_model);
}

TEST(SafetyCodec, PublicTextIsAnOptionalArrayOfStrings) {
  ValidateRequest r{"call 555-123-4567", Stage::output, {}, {}};
  EXPECT_FALSE(codec::to_json(r).contains("public_text"));
  r.public_text = {"Billing: 555-123-4567.", "Lab results in 48 hours."};
  EXPECT_EQ(codec::parse_validate_request(codec::to_json(r)).public_text, r.public_text);
  for (const char* bad : {R"({"text":"hi","public_text":"555"})", R"({"text":"hi","public_text":[1]})"}) {
    try {
      codec::parse_validate_request(boost::json::parse(bad).as_object());
      ADD_FAILURE() << bad;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 422);
      EXPECT_EQ(e.field(), "public_text");
    }
  }
}

}  // namespace
}  // namespace aurixa::safety
