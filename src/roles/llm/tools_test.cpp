// Function calling on the role's own wire (/api/v1/generate, used by the split-mode client): tools, the
// calls a model made and the tool turns survive a round trip; unknown tool shapes are ignored as before.
#include <gtest/gtest.h>

#include "roles/llm/codec.hpp"

namespace aurixa::llm {
namespace {

namespace bj = boost::json;

TEST(LlmToolsWire, RequestAndResponseRoundTrip) {
  ChatRequest r;
  r.messages = {{"user", "book me in"}};
  Message call{"assistant", ""};
  call.tool_calls = {{"call_1", "get_availability", R"({"date_from":"2026-03-12"})"}};
  r.messages.push_back(call);
  Message result{"tool", "Free slots: none"};
  result.tool_call_id = "call_1";
  result.name = "get_availability";
  result.is_error = true;
  r.messages.push_back(result);
  r.tools = {{"get_availability", "Free slots", R"({"type":"object","properties":{"date_from":{"type":"string"}}})"}};

  const auto back = codec::parse_generate(bj::parse(bj::serialize(codec::generate_request_json(r))).as_object());
  ASSERT_EQ(back.tools.size(), 1u);
  EXPECT_EQ(back.tools[0].name, "get_availability");
  EXPECT_EQ(back.tools[0].description, "Free slots");
  EXPECT_NE(back.tools[0].parameters.find("date_from"), std::string::npos);
  ASSERT_EQ(back.messages.size(), 3u);
  ASSERT_EQ(back.messages[1].tool_calls.size(), 1u);
  EXPECT_EQ(back.messages[1].tool_calls[0].id, "call_1");
  EXPECT_EQ(back.messages[1].tool_calls[0].arguments, R"({"date_from":"2026-03-12"})");
  EXPECT_EQ(back.messages[2].tool_call_id, "call_1");
  EXPECT_EQ(back.messages[2].name, "get_availability");
  EXPECT_TRUE(back.messages[2].is_error);

  ChatResponse res;
  res.provider = "openai";
  res.tool_calls = {{"call_2", "create_appointment", R"({"date":"2026-03-12"})"}};
  const auto parsed = codec::parse_generate_response(codec::generate_response(res));
  ASSERT_EQ(parsed.tool_calls.size(), 1u);
  EXPECT_EQ(parsed.tool_calls[0].name, "create_appointment");
  EXPECT_EQ(parsed.tool_calls[0].arguments, R"({"date":"2026-03-12"})");
  EXPECT_TRUE(codec::generate_response(ChatResponse{}).at("tool_calls").is_null());
}

TEST(LlmToolsWire, ToolsOfOtherShapesAreIgnored) {
  const auto body = bj::parse(R"({"messages":[{"role":"user","content":"hi"}],"tools":[1,"x",{"type":"retrieval"}]})");
  EXPECT_TRUE(codec::parse_generate(body.as_object()).tools.empty());
}

}  // namespace
}  // namespace aurixa::llm
