// Thin HTTP adapter of the agent runtime: parse, call agents::Api, serialise.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/json.hpp"
#include "roles/agents/api.hpp"
#include "roles/agents/codec.hpp"
#include "roles/agents/module.hpp"

namespace aurixa::agents {

void register_routes(http::Router& router, App& app) {
  std::shared_ptr<Api> api = app.apis.agents;
  if (!api) throw std::logic_error("agents routes registered before agents::wire");
  router.post("/api/v1/run",
              [api](const http::Request& req, CallContext& ctx) {
                return json::ok(codec::to_json(api->run(codec::parse_run_request(json::parse_object(req)), ctx)));
              },
              {.name = "/api/v1/run"});
  router.post("/api/v1/sessions/{session_id}/reset",
              [api](const http::Request& req, CallContext& ctx) {
                api->reset(std::string(req.param("session_id")), ctx);
                return json::ok(boost::json::object{{"status", "ok"}});
              },
              {.name = "/api/v1/sessions/{session_id}/reset"});
}

}  // namespace aurixa::agents
