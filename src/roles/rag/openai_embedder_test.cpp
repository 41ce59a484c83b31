// The OpenAI-compatible provider against a local fake server speaking the /v1/embeddings wire format.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "roles/rag/embedder.hpp"
#include "roles/rag/testing/fake_embeddings_server.hpp"

namespace aurixa::rag {
namespace {

using testing::FakeEmbeddingsServer;

// Each text becomes (length, 1, 0): order and normalisation are checkable.
std::vector<double> length_vector(const std::string& t) { return {static_cast<double>(t.size()), 1.0, 0.0}; }

TEST(EmbeddingsEndpoint, AcceptsBaseOriginV1OrFullUrl) {
  EXPECT_EQ(embeddings_endpoint("http://h:1"), "http://h:1/v1/embeddings");
  EXPECT_EQ(embeddings_endpoint("http://h:1/v1/"), "http://h:1/v1/embeddings");
  EXPECT_EQ(embeddings_endpoint("http://h:1/api/embeddings"), "http://h:1/api/embeddings");
}

TEST(OpenAiEmbedder, EmbedsInOrderNormalisedAndBatched) {
  FakeEmbeddingsServer server(length_vector);
  HttpClient http;
  auto e =
      make_openai_embedder(http, {.base_url = server.url(), .model = "all-minilm", .api_key = "k", .batch_size = 2});
  EXPECT_EQ(e->name(), "openai:all-minilm");
  auto v = e->embed({"a", "abc", "abcdefg"});
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(server.requests, 2);  // 2 + 1
  EXPECT_EQ(server.last_model(), "all-minilm");
  EXPECT_EQ(server.last_auth(), "Bearer k");
  for (const auto& x : v) {
    ASSERT_EQ(x.size(), 3u);
    EXPECT_NEAR(std::sqrt(x[0] * x[0] + x[1] * x[1]), 1.0, 1e-6);
  }
  // Longer input -> larger first component: vectors are in input order.
  EXPECT_LT(v[0][0], v[1][0]);
  EXPECT_LT(v[1][0], v[2][0]);
}

TEST(OpenAiEmbedder, ServerErrorIsBadGateway) {
  FakeEmbeddingsServer server(length_vector);
  server.status = 500;
  HttpClient http;
  auto e = make_openai_embedder(http, {.base_url = server.url(), .model = "m"});
  try {
    e->embed({"x"});
    ADD_FAILURE() << "no error";
  } catch (const ApiError& err) {
    EXPECT_EQ(err.status(), 502);
  }
}

TEST(OpenAiEmbedder, UnreachableServerIsAnApiError) {
  HttpClient http;
  auto e = make_openai_embedder(http, {.base_url = "http://127.0.0.1:1", .model = "m", .timeout_ms = 2000});
  EXPECT_THROW(e->embed({"x"}), ApiError);
}

}  // namespace
}  // namespace aurixa::rag
