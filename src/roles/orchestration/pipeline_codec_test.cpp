// The directly written pipeline response is the same JSON document as the Boost.JSON tree of to_json().
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "roles/orchestration/pipeline_codec.hpp"

namespace aurixa::orchestration {
namespace {

namespace bj = boost::json;

PipelineResult sample() {
  PipelineResult r;
  r.session_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  r.request.prompt = "Quote \" backslash \\ newline \n tab \t bell \x07 and caf\xC3\xA9 \xF0\x9F\x99\x82";
  r.request.session_id = r.session_id;
  r.request.tenant_id = 1;
  r.request.patient_id = 42;
  r.request.channel = "voice";
  r.steps.push_back({"validate_input", "success", R"({"stage":"input"})", R"({"is_safe":true,"entities":[]})", "",
                     1764123456.125, 1764123456.25});
  r.steps.push_back({"generate_response", "error", "", "", "model \"x\" failed\r\n", 1764123456.5, 0});
  r.final_response = "Line one.\nLine two \xE2\x80\x94 \"quoted\".";
  r.intent = "clinic_info";
  r.confidence = 0.8731;
  r.escalated = true;
  r.escalation_type = "human";
  r.citations.push_back({"faq.md", "Opening \"hours\"", "17"});
  r.cached = false;
  r.created_at = 1764123456.0625;
  r.updated_at = 1764123457.5;
  return r;
}

TEST(PipelineCodec, DirectTextIsTheSameDocumentAsTheJsonTree) {
  const auto r = sample();
  EXPECT_EQ(bj::parse(codec::to_json_text(r)), bj::value(codec::to_json(r)));
}

TEST(PipelineCodec, DirectTextWritesNullsForAbsentFields) {
  PipelineResult r;
  r.session_id = "s";
  r.request.prompt = "hi";
  r.confidence = 0.5;
  r.created_at = r.updated_at = 1.5;
  r.steps.push_back({"cache_hit", "success", "", R"({"cached":true})", "", 0, 0});
  EXPECT_EQ(bj::parse(codec::to_json_text(r)), bj::value(codec::to_json(r)));
  const auto o = bj::parse(codec::to_json_text(r)).as_object();
  EXPECT_TRUE(o.at("request").at("tenant_id").is_null());
  EXPECT_TRUE(o.at("escalation_type").is_null());
  EXPECT_TRUE(o.at("steps").at(0).at("input").is_null());
  EXPECT_TRUE(o.at("steps").at(0).at("start_time").is_null());
}

}  // namespace
}  // namespace aurixa::orchestration
