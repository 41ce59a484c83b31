// rag::Api over HTTP (split mode): the same JSON as http.cpp via codec; errors are rebuilt with
// ApiError::from_http so a remote 422 is the same error as a local one.
#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/rag/api.hpp"
#include "roles/rag/codec.hpp"
#include "roles/rag/module.hpp"

namespace aurixa::rag {
namespace {

class RagClient final : public Api {
 public:
  RagClient(HttpClient& http, std::string base) : http_(http), base_(std::move(base)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  RetrieveResult retrieve(const RetrieveRequest& request, const CallContext& ctx) override {
    auto body = codec::to_json(request);
    if (!request.tenant_id && ctx.tenant_id) body["tenant_id"] = *ctx.tenant_id;
    return codec::parse_retrieve_result(
        json::parse_object(call("/api/v1/retrieve", aurixa::json::serialize(body), ctx)));
  }

  EmbedResult embed(const std::string& text, const CallContext& ctx) override {
    auto o =
        json::parse_object(call("/api/v1/embed", aurixa::json::serialize(boost::json::object{{"text", text}}), ctx));
    EmbedResult r;
    for (const auto& x : o.at("embedding").as_array()) r.embedding.push_back(static_cast<float>(x.to_number<double>()));
    if (const auto* m = o.if_contains("model"); m && m->is_string()) r.model = m->as_string();
    return r;
  }

  // The remote service polls the store itself; nothing to send.
  void on_article_changed(std::int64_t, std::int64_t) override {}

 private:
  std::string call(const std::string& path, std::string body, const CallContext& ctx) {
    return role_call(http_, role_request("POST", base_ + path, std::move(body), ctx, {}));
  }

  HttpClient& http_;
  std::string base_;
};

}  // namespace

std::shared_ptr<Api> make_client(HttpClient& http, std::string base_url) {
  return std::make_shared<RagClient>(http, std::move(base_url));
}

}  // namespace aurixa::rag
