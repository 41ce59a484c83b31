#include "roles/rag/codec.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace aurixa::rag {
namespace {

namespace bj = boost::json;

bj::object parse(const char* text) { return bj::parse(text).as_object(); }

int status_of(const std::function<void()>& fn, std::string* field = nullptr) {
  try {
    fn();
  } catch (const ApiError& e) {
    if (field) *field = e.field();
    return e.status();
  }
  return 0;
}

TEST(RagCodec, ParsesTheOriginalRequest) {
  auto r = codec::parse_retrieve_request(parse(R"({"prompt":"hours?","intent":{"intent":"clinic_info"},"top_k":3})"));
  EXPECT_EQ(r.prompt, "hours?");
  EXPECT_EQ(r.intent, "clinic_info");
  EXPECT_EQ(r.top_k, 3);
  EXPECT_FALSE(r.tenant_id.has_value());
}

TEST(RagCodec, TenantIdForms) {
  for (const char* body : {R"({"prompt":"x","tenant_id":1})", R"({"prompt":"x","tenant_id":"1"})",
                           R"({"prompt":"x","tenant_id":"t-001"})", R"({"prompt":"x","tenant_id":"t-1"})"})
    EXPECT_EQ(codec::parse_retrieve_request(parse(body)).tenant_id, 1) << body;
  for (const char* body : {R"({"prompt":"x","tenant_id":"t-"})", R"({"prompt":"x","tenant_id":"abc"})",
                           R"({"prompt":"x","tenant_id":0})", R"({"prompt":"x","tenant_id":[1]})"}) {
    std::string field;
    EXPECT_EQ(status_of([&] { codec::parse_retrieve_request(parse(body)); }, &field), 422) << body;
    EXPECT_EQ(field, "tenant_id");
  }
}

TEST(RagCodec, BadFieldsAre422NamingThem) {
  std::string field;
  EXPECT_EQ(status_of([&] { codec::parse_retrieve_request(parse(R"({"top_k":3})")); }, &field), 422);
  EXPECT_EQ(field, "prompt");
  EXPECT_EQ(status_of([&] { codec::parse_retrieve_request(parse(R"({"prompt":"x","top_k":0})")); }, &field), 422);
  EXPECT_EQ(field, "top_k");
  EXPECT_EQ(status_of([&] { codec::parse_retrieve_request(parse(R"({"prompt":"x","top_k":"many"})")); }, &field), 422);
  EXPECT_EQ(field, "top_k");
  EXPECT_EQ(status_of([&] { codec::parse_retrieve_request(parse(R"({"prompt":"x","intent":3})")); }, &field), 422);
  EXPECT_EQ(field, "intent");
}

TEST(RagCodec, ResultRoundTrips) {
  RetrieveResult r;
  r.tenant_id = 3;
  r.hybrid = true;
  r.query_time_ms = 1.23456;
  Snippet s;
  s.source = "kb-1-Hours.txt";
  s.content = "Open daily.";
  s.score = 0.3167;
  s.article_id = 1;
  s.title = "Hours";
  s.chunk_id = "1:0";
  s.ranks = {2, std::nullopt};
  s.retrieval_method = "hybrid";
  s.engine = "xapian+hnsw";
  s.keyword_matches = 2;
  r.snippets.push_back(s);
  auto json = codec::to_json(r);
  EXPECT_TRUE(json.at("snippets").as_array()[0].as_object().at("ranks").as_object().at("vector").is_null());
  auto back = codec::parse_retrieve_result(bj::parse(bj::serialize(json)).as_object());
  ASSERT_EQ(back.snippets.size(), 1u);
  EXPECT_EQ(back.snippets[0].source, s.source);
  EXPECT_EQ(back.snippets[0].ranks.bm25, 2);
  EXPECT_FALSE(back.snippets[0].ranks.vector.has_value());
  EXPECT_EQ(back.snippets[0].keyword_matches, 2);
  EXPECT_EQ(back.snippets[0].engine, "xapian+hnsw");
  EXPECT_TRUE(back.hybrid);
  EXPECT_EQ(back.tenant_id, 3);
  EXPECT_DOUBLE_EQ(back.query_time_ms, 1.235);
}

}  // namespace
}  // namespace aurixa::rag
