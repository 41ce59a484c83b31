// Thin HTTP adapter: parse JSON, call rag::Api, serialize. No logic here.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "roles/rag/api.hpp"
#include "roles/rag/codec.hpp"
#include "roles/rag/module.hpp"

namespace aurixa::rag {

void register_routes(http::Router& router, App& app) {
  std::shared_ptr<Api> api = app.apis.rag;
  if (!api) throw std::logic_error("rag routes registered before rag::wire");

  router.post("/api/v1/retrieve",
              [api](const http::Request& req, CallContext& ctx) {
                auto request = codec::parse_retrieve_request(json::parse_object(req));
                return json::ok(codec::to_json(api->retrieve(request, ctx)));
              },
              {.name = "/api/v1/retrieve"});

  router.post(
      "/api/v1/embed",
      [api](const http::Request& req, CallContext& ctx) {
        auto o = json::parse_object(req);
        auto result = api->embed(json::require_string(o, "text"), ctx);
        boost::json::array v;
        v.reserve(result.embedding.size());
        for (float x : result.embedding) v.emplace_back(static_cast<double>(x));
        auto dims = static_cast<std::int64_t>(result.embedding.size());
        return json::ok(boost::json::object{{"embedding", std::move(v)}, {"dims", dims}, {"model", result.model}});
      },
      {.name = "/api/v1/embed"});
}

}  // namespace aurixa::rag
