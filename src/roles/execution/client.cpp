// execution::Api over HTTP: the same JSON as http.cpp (codec); errors are rebuilt with ApiError::from_http,
// so a remote 404/422 is the same error as a local one.
#include "roles/execution/client.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/execution/api.hpp"
#include "roles/execution/codec.hpp"

namespace aurixa::execution {
namespace {

class ExecutionClient final : public Api {
 public:
  ExecutionClient(HttpClient& http, std::string base, std::string token)
      : http_(http), base_(std::move(base)), token_(std::move(token)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  ExecuteResult execute(const ExecuteRequest& request, const CallContext& ctx) override {
    auto body = aurixa::json::serialize(codec::to_json(request));
    return codec::parse_result(json::parse_object(call("POST", "/api/v1/execute", std::move(body), ctx)));
  }

  std::vector<ActionInfo> actions() override {
    CallContext ctx;
    return codec::parse_actions(json::parse_object(call("GET", "/api/v1/actions", {}, ctx)));
  }

 private:
  std::string call(const char* method, const std::string& path, std::string body, const CallContext& ctx) {
    // Who acts and for which tenant: the execution role scopes and audits by it.
    return role_call(http_, role_request(method, base_ + path, std::move(body), ctx, token_));
  }

  HttpClient& http_;
  std::string base_;
  std::string token_;
};

}  // namespace

std::shared_ptr<Api> make_client(HttpClient& http, std::string base_url, std::string internal_token) {
  return std::make_shared<ExecutionClient>(http, std::move(base_url), std::move(internal_token));
}

}  // namespace aurixa::execution
