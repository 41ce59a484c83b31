// The wire format: request parsing (scalars become strings, malformed -> 422 naming the field) and a
// result surviving a round trip (what the idempotency store and the split-mode client rely on).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "roles/execution/codec.hpp"

namespace aurixa::execution {
namespace {

namespace bj = boost::json;

std::string field_of(const bj::value& body) {
  try {
    codec::parse_request(body.as_object());
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    return e.field();
  }
  return "(accepted)";
}

TEST(ExecutionCodec, ParamsOfAnyScalarTypeBecomeStrings) {
  auto r = codec::parse_request(
      bj::parse(
          R"({"action_name":"x","params":{"a":1,"b":"two","c":true,"d":2.5,"e":3.0,"f":null},"idempotency_key":"k"})")
          .as_object());
  EXPECT_EQ(r.action_name, "x");
  EXPECT_EQ(r.params.at("a"), "1");
  EXPECT_EQ(r.params.at("b"), "two");
  EXPECT_EQ(r.params.at("c"), "true");
  EXPECT_EQ(r.params.at("d"), "2.5");
  EXPECT_EQ(r.params.at("e"), "3");
  EXPECT_EQ(r.params.count("f"), 0u);
  EXPECT_EQ(r.idempotency_key, "k");
}

TEST(ExecutionCodec, MalformedRequestsNameTheField) {
  EXPECT_EQ(field_of(bj::parse(R"({"params":{}})")), "action_name");
  EXPECT_EQ(field_of(bj::parse(R"({"action_name":5})")), "action_name");
  EXPECT_EQ(field_of(bj::parse(R"({"action_name":"x","params":[1]})")), "params");
  EXPECT_EQ(field_of(bj::parse(R"({"action_name":"x","params":{"p":{"q":1}}})")), "params.p");
  EXPECT_EQ(field_of(bj::parse(R"({"action_name":"x","idempotency_key":1})")), "idempotency_key");
}

TEST(ExecutionCodec, ResultRoundTrips) {
  ExecuteResult r;
  r.status = "error";
  r.message = "taken";
  r.error_code = "slot_taken";
  r.error_field = "start_time";
  r.data = {{"date", "2030-01-02"}};
  r.options = {{"2030-01-02", "10:00", "Dr. Bell"}};
  auto j = codec::to_json(r);
  EXPECT_EQ(j.at("error_message"), "taken");
  EXPECT_EQ(j.at("result").at("message"), "taken");
  auto back = codec::parse_result(j);
  EXPECT_EQ(back.status, "error");
  EXPECT_EQ(back.message, "taken");
  EXPECT_EQ(back.error_code, "slot_taken");
  EXPECT_EQ(back.error_field, "start_time");
  EXPECT_EQ(back.data.at("date"), "2030-01-02");
  ASSERT_EQ(back.options.size(), 1u);
  EXPECT_EQ(back.options[0].provider, "Dr. Bell");
  EXPECT_FALSE(back.replayed);
}

TEST(ExecutionCodec, SuccessHasNullErrorFields) {
  ExecuteResult r;
  r.message = "ok";
  auto j = codec::to_json(r);
  EXPECT_TRUE(j.at("error_message").is_null());
  EXPECT_TRUE(j.at("error_code").is_null());
  EXPECT_EQ(j.at("status"), "success");
}

TEST(ExecutionCodec, ActionsAreSortedWithSchemas) {
  std::vector<ActionInfo> in = {{"b", "B", R"({"type":"object"})", true}, {"a", "A", R"({"type":"object"})", false}};
  auto j = codec::to_json(in);
  EXPECT_EQ(j.at("actions").as_array()[0], "a");
  EXPECT_EQ(j.at("definitions").as_array()[1].at("writes"), true);
  auto back = codec::parse_actions(j);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].name, "a");
}

}  // namespace
}  // namespace aurixa::execution
