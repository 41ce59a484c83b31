// orchestration::Api over HTTP (split mode, used by the voice role): /api/v1/pipelines and the NDJSON stream,
// with the caller's identity forwarded.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/orchestration/api.hpp"
#include "roles/orchestration/module.hpp"
#include "roles/orchestration/pipeline_codec.hpp"

namespace aurixa::orchestration {
namespace {

class PipelineClient final : public Api {
 public:
  PipelineClient(HttpClient& http, std::string base, std::string token)
      : http_(http), base_(std::move(base)), token_(std::move(token)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  PipelineResult run(const PipelineRequest& request, const CallContext& ctx) override {
    return codec::parse_result(json::parse_object(role_call(http_, make(request, "/api/v1/pipelines", ctx))));
  }

  void run_stream(const PipelineRequest& request, const CallContext& ctx,
                  const std::function<void(const StreamEvent&)>& on_event) override {
    auto req = make(request, "/api/v1/pipelines/stream", ctx);
    int status = 0;
    std::string error_body;
    try {
      const auto res = http_.stream_lines(
          req, [&](const ClientResponse& head) { status = head.status; },
          [&](std::string_view line) {
            if (status < 200 || status >= 300) {
              error_body.append(line);
              return true;
            }
            if (line.empty()) return true;
            const auto o = json::parse_object(line);
            const auto event = json::optional_string(o, "event").value_or("");
            if (event == "done") {
              auto result = codec::parse_result(o);
              on_event({"done", result.final_response, &result});
            } else if (event == "text_delta") {
              on_event({"text_delta", json::optional_string(o, "delta").value_or(""), nullptr});
            } else {
              on_event({event, json::optional_string(o, "message").value_or(""), nullptr});
            }
            return true;
          });
      if (res.status < 200 || res.status >= 300) {
        const auto e = ApiError::from_http(res.status, error_body.empty() ? res.body : error_body);
        on_event({"error", std::string(e.detail()), nullptr});
      }
    } catch (const std::exception& e) {
      on_event({"error", e.what(), nullptr});
    }
  }

 private:
  ClientRequest make(const PipelineRequest& request, const char* path, const CallContext& ctx) {
    auto body = codec::to_json(request);
    if (request.tenant_id) body["tenant_id"] = *request.tenant_id;
    return role_request("POST", base_ + path, aurixa::json::serialize(body), ctx, token_,
                        std::chrono::milliseconds(180'000));
  }

  HttpClient& http_;
  std::string base_, token_;
};

}  // namespace

void wire_remote(App& app) {
  app.apis.orchestration =
      std::make_shared<PipelineClient>(app.http, app.config.role_url("orchestration"), app.config.internal_token);
}

}  // namespace aurixa::orchestration
