// agents::Api over HTTP (split mode): the wire format of http.cpp via codec; the caller's identity is
// forwarded so the remote role acts for the same tenant and patient.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/agents/api.hpp"
#include "roles/agents/codec.hpp"
#include "roles/agents/module.hpp"

namespace aurixa::agents {
namespace {

class AgentsClient final : public Api {
 public:
  AgentsClient(HttpClient& http, std::string base, std::string token)
      : http_(http), base_(std::move(base)), token_(std::move(token)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  RunResult run(const RunRequest& request, const CallContext& ctx) override {
    auto body = codec::to_json(request);
    return codec::parse_run_result(json::parse_object(call("/api/v1/run", aurixa::json::serialize(body), ctx)));
  }

  void reset(const std::string& session_id, const CallContext& ctx) override {
    if (!session_id.empty()) call("/api/v1/sessions/" + session_id + "/reset", "{}", ctx);
  }

 private:
  std::string call(const std::string& path, std::string body, const CallContext& ctx) {
    return role_call(http_, role_request("POST", base_ + path, std::move(body), ctx, token_));
  }

  HttpClient& http_;
  std::string base_, token_;
};

}  // namespace

void wire_remote(App& app) {
  app.apis.agents = std::make_shared<AgentsClient>(app.http, app.config.role_url("agents"), app.config.internal_token);
}

}  // namespace aurixa::agents
