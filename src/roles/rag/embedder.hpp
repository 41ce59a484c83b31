#pragma once
// Embedding providers. An Embedder maps texts to unit-length vectors of a fixed dimension; indexes are
// kept per (provider, model) because vectors of two models are not comparable.
//
// Providers:
//   openai   any OpenAI-compatible POST /v1/embeddings (OpenAI, Ollama, LM Studio, a local
//            all-MiniLM-L6-v2 server); configured by AURIXA_EMBEDDINGS_URL / _MODEL / _API_KEY.
//   builtin  Universal Sentence Encoder Lite (512-d) run natively in C++ (use_lite.hpp) from the model
//            files scripts/install-deps.sh installs under models/use-lite; "auto" without a URL picks
//            it. Without the model files the role logs so and runs BM25-only.
//
// Thread-safety: embed() may be called concurrently. Errors: ApiError (bad_gateway / gateway_timeout /
// unavailable) when the provider fails.
#include <memory>
#include <string>
#include <vector>

namespace aurixa {
class HttpClient;
}

namespace aurixa::rag {

class Embedder {
 public:
  virtual ~Embedder() = default;
  // "<provider>:<model>", e.g. "openai:all-minilm"; names the vector index.
  virtual std::string name() const = 0;
  // One unit-length vector per text, in order. All vectors have the same dimension.
  virtual std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) = 0;
};

struct OpenAiEmbedderOptions {
  std::string base_url;  // http://host:port, http://host:port/v1 or the full .../embeddings URL
  std::string model;
  std::string api_key;  // sent as a Bearer token when set
  int timeout_ms = 10'000;
  std::size_t batch_size = 64;  // texts per request
};

std::shared_ptr<Embedder> make_openai_embedder(HttpClient& http, OpenAiEmbedderOptions options);

// The endpoint URL for a configured base ("http://h:1" -> "http://h:1/v1/embeddings").
std::string embeddings_endpoint(const std::string& base_url);

// Scales v to unit length (a zero vector stays zero).
void normalize(std::vector<float>& v);

}  // namespace aurixa::rag
