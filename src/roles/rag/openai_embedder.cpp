// OpenAI-compatible /v1/embeddings provider.
#include <boost/json.hpp>
#include <cmath>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "roles/rag/embedder.hpp"
#include "core/json.hpp"

namespace aurixa::rag {
namespace {

class OpenAiEmbedder final : public Embedder {
 public:
  OpenAiEmbedder(HttpClient& http, OpenAiEmbedderOptions options)
      : http_(http), options_(std::move(options)), url_(embeddings_endpoint(options_.base_url)) {}

  std::string name() const override { return "openai:" + options_.model; }

  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    std::vector<std::vector<float>> out;
    out.reserve(texts.size());
    for (std::size_t i = 0; i < texts.size(); i += options_.batch_size) {
      std::vector<std::string> batch(
          texts.begin() + static_cast<std::ptrdiff_t>(i),
          texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), i + options_.batch_size)));
      for (auto& v : embed_batch(batch)) out.push_back(std::move(v));
    }
    return out;
  }

 private:
  std::vector<std::vector<float>> embed_batch(const std::vector<std::string>& texts) {
    boost::json::array input;
    for (const auto& t : texts) input.emplace_back(t.empty() ? std::string(" ") : t);  // some servers reject ""
    boost::json::object body{{"input", std::move(input)}};
    if (!options_.model.empty()) body["model"] = options_.model;
    ClientRequest req;
    req.method = "POST";
    req.url = url_;
    req.body = aurixa::json::serialize(body);
    req.headers.set("Content-Type", "application/json");
    if (!options_.api_key.empty()) req.headers.set("Authorization", "Bearer " + options_.api_key);
    req.timeout = std::chrono::milliseconds(options_.timeout_ms);
    auto res = http_.request(req);
    if (res.status != 200)
      throw ApiError(Errc::bad_gateway, "embedding provider returned HTTP " + std::to_string(res.status));
    std::vector<std::vector<float>> out(texts.size());
    try {
      auto v = boost::json::parse(res.body);
      const auto& data = v.as_object().at("data").as_array();
      if (data.size() != texts.size()) throw std::runtime_error("wrong number of embeddings");
      for (std::size_t i = 0; i < data.size(); ++i) {
        const auto& item = data[i].as_object();
        std::size_t index =
            item.contains("index") ? static_cast<std::size_t>(item.at("index").to_number<std::int64_t>()) : i;
        if (index >= out.size()) throw std::runtime_error("embedding index out of range");
        for (const auto& x : item.at("embedding").as_array())
          out[index].push_back(static_cast<float>(x.to_number<double>()));
        normalize(out[index]);
      }
      for (const auto& e : out)
        if (e.empty() || e.size() != out.front().size()) throw std::runtime_error("inconsistent embedding dimensions");
    } catch (const ApiError&) {
      throw;
    } catch (const std::exception& e) {
      throw ApiError(Errc::bad_gateway, std::string("embedding provider sent an invalid response: ") + e.what());
    }
    return out;
  }

  HttpClient& http_;
  OpenAiEmbedderOptions options_;
  std::string url_;
};

}  // namespace

std::string embeddings_endpoint(const std::string& base_url) {
  std::string u = base_url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  auto ends_with = [&](std::string_view s) {
    return u.size() >= s.size() && u.compare(u.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with("/embeddings")) return u;
  if (ends_with("/v1")) return u + "/embeddings";
  return u + "/v1/embeddings";
}

std::shared_ptr<Embedder> make_openai_embedder(HttpClient& http, OpenAiEmbedderOptions options) {
  return std::make_shared<OpenAiEmbedder>(http, std::move(options));
}

}  // namespace aurixa::rag
