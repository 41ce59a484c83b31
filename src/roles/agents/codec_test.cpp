#include "roles/agents/codec.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace aurixa::agents {
namespace {

namespace bj = boost::json;

// The split-mode client and the route speak the same format: every field survives the round trip.
TEST(AgentsCodec, RunRequestRoundTrip) {
  RunRequest r;
  r.prompt = "book a checkup";
  r.session_id = "s-1";
  r.new_session = true;
  r.patient_id = 7;
  r.tenant_id = 2;
  r.intent = "book_appointment";
  r.confidence = 0.9;
  r.standalone_intent = "book_appointment";
  r.standalone_confidence = 0.8;
  r.language = "es";
  const auto back = codec::parse_run_request(codec::to_json(r));
  EXPECT_EQ(back.prompt, r.prompt);
  EXPECT_EQ(back.session_id, r.session_id);
  EXPECT_TRUE(back.new_session);
  EXPECT_EQ(back.patient_id, r.patient_id);
  EXPECT_EQ(back.tenant_id, r.tenant_id);
  EXPECT_EQ(back.intent, r.intent);
  EXPECT_DOUBLE_EQ(back.confidence, r.confidence);
  EXPECT_EQ(back.standalone_intent, r.standalone_intent);
  EXPECT_DOUBLE_EQ(back.standalone_confidence, r.standalone_confidence);
  EXPECT_EQ(back.language, "es");
  r.new_session = false;  // absent on the wire when false
  EXPECT_FALSE(codec::to_json(r).at("task").at("metadata").as_object().contains("new_session"));
  EXPECT_FALSE(codec::parse_run_request(codec::to_json(r)).new_session);
}

// parse_run_request(body) must refuse with a 422 naming `field`.
void expect_422(const char* body, const char* field) {
  try {
    codec::parse_run_request(bj::parse(body).as_object());
    ADD_FAILURE() << "accepted " << body;
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422) << body;
    EXPECT_EQ(e.field(), field) << body;
  }
}

TEST(AgentsCodec, BadMetadataIsA422NamingTheField) {
  expect_422(R"({"task":{"prompt":"hi","metadata":{"new_session":"yes"}}})", "task.metadata.new_session");
  expect_422(R"({"task":{"prompt":"hola","metadata":{"language":"klingon"}}})", "task.metadata.language");
}

}  // namespace
}  // namespace aurixa::agents
