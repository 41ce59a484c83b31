// llm::Api over HTTP, for processes that do not run the LLM role (split mode): the same calls, the same
// errors (ApiError rebuilt from the role's JSON), X-Request-Id and traceparent propagated, deadlines from
// the CallContext.
#include <algorithm>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/role_call.hpp"
#include "roles/llm/api.hpp"
#include "roles/llm/codec.hpp"
#include "roles/llm/module.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using namespace llm;

// The original's orchestration -> llm generate timeout; a caller's shorter deadline wins.
constexpr std::chrono::milliseconds kMaxTimeout{120'000};

class LlmClient final : public llm::Api {
 public:
  LlmClient(HttpClient& http, std::string base_url) : http_(http), base_(std::move(base_url)) {
    while (!base_.empty() && base_.back() == '/') base_.pop_back();
  }

  ChatResponse generate(const ChatRequest& request, const CallContext& ctx) override {
    return codec::parse_generate_response(json::parse_object(
        role_call(http_, build("POST", "/api/v1/generate", codec::generate_request_json(with_tenant(request, ctx)), ctx))));
  }

  ChatResponse generate_stream(const ChatRequest& request, const CallContext& ctx, const DeltaSink& on_delta) override {
    auto req = build("POST", "/api/v1/generate/stream", codec::generate_request_json(with_tenant(request, ctx)), ctx);
    ChatResponse out;
    int status = 0;
    std::string error_body, error_message;
    bool cancelled = false, done = false;
    http_.stream_lines(
        req, [&](const ClientResponse& head) { status = head.status; },
        [&](std::string_view line) {
          if (status != 200) {
            error_body.append(line);
            return true;
          }
          if (line.empty()) return true;
          auto o = json::parse_object(line);
          auto type = o.if_contains("type") && o.at("type").is_string() ? std::string(o.at("type").as_string()) : "";
          if (type == "delta") {
            std::string delta =
                o.if_contains("content") && o.at("content").is_string() ? std::string(o.at("content").as_string()) : "";
            out.text += delta;
            if (!on_delta(delta)) {
              cancelled = true;
              return false;
            }
          } else if (type == "error") {
            error_message = o.if_contains("message") && o.at("message").is_string()
                                ? std::string(o.at("message").as_string())
                                : "error";
          } else if (type == "done") {
            codec::apply_done_line(o, out);
            done = true;
          }
          return true;
        });
    if (status != 200) throw ApiError::from_http(status, error_body);
    if (cancelled) {
      out.finish_reason = "cancelled";
    } else if (!error_message.empty() && !done) {
      if (out.text.empty()) throw ApiError(Errc::bad_gateway, error_message);
      out.finish_reason = "error";
      out.error = error_message;
    } else if (!done) {
      throw ApiError(Errc::bad_gateway, "LLM stream ended without a done event");
    }
    return out;
  }

  // The role checks admission itself and answers 422/429 before its stream starts.
  void check_admission(const ChatRequest&, const CallContext&) override {}

  RouteDecision route(const RouteRequest& request, const CallContext& ctx) override {
    auto body = codec::route_request_json(request);
    if (request.tenant_id.empty() && ctx.tenant_id) body["tenant_id"] = std::to_string(*ctx.tenant_id);
    return codec::parse_route_response(json::parse_object(role_call(http_, build("POST", "/api/v1/route", body, ctx))));
  }

  std::vector<ProviderInfo> providers() override {
    CallContext ctx;
    return codec::parse_providers(json::parse_object(role_call(http_, build("GET", "/api/v1/providers", nullptr, ctx))));
  }

  std::vector<ModelInfo> models() override {
    CallContext ctx;
    return codec::parse_models(json::parse_object(role_call(http_, build("GET", "/api/v1/models", nullptr, ctx))));
  }

 private:
  static ChatRequest with_tenant(const ChatRequest& r, const CallContext& ctx) {
    ChatRequest c = r;
    if (c.tenant_id.empty() && ctx.tenant_id) c.tenant_id = std::to_string(*ctx.tenant_id);
    return c;
  }

  ClientRequest build(const char* method, const char* path, const bj::value& body, const CallContext& ctx) const {
    return role_request(method, base_ + path, body.is_null() ? std::string() : aurixa::json::serialize(body), ctx, {},
                        kMaxTimeout);
  }

  HttpClient& http_;
  std::string base_;
};

}  // namespace

std::shared_ptr<llm::Api> make_llm_client(HttpClient& http, std::string base_url) {
  return std::make_shared<LlmClient>(http, std::move(base_url));
}

}  // namespace aurixa
