// Thin HTTP adapter: parse JSON, call execution::Api, serialize (codec). No logic here.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "roles/execution/api.hpp"
#include "roles/execution/codec.hpp"
#include "roles/execution/module.hpp"

namespace aurixa::execution {

void register_routes(http::Router& router, App& app) {
  std::shared_ptr<Api> api = app.apis.execution;
  if (!api) throw std::logic_error("execution routes registered before execution::wire");

  router.post("/api/v1/execute",
              [api](const http::Request& req, CallContext& ctx) {
                auto request = codec::parse_request(json::parse_object(req));
                if (request.idempotency_key.empty())
                  if (auto h = req.header("Idempotency-Key")) request.idempotency_key = std::string(*h);
                return json::ok(codec::to_json(api->execute(request, ctx)));
              },
              {.name = "/api/v1/execute"});

  router.get("/api/v1/actions",
             [api](const http::Request&, CallContext&) { return json::ok(codec::to_json(api->actions())); },
             {.execution = http::Execution::inline_io, .name = "/api/v1/actions"});
}

}  // namespace aurixa::execution
