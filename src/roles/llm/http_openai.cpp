// OpenAI-compatible surface: POST /v1/chat/completions (whole or SSE stream) and GET /v1/models, so any
// OpenAI SDK can use AURIXA as its backend. Errors keep the project's {"detail","code","field"} and add
// the OpenAI {"error": {...}} object SDKs read.
#include <chrono>

#include "core/context.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/router.hpp"
#include "roles/llm/api.hpp"
#include "roles/llm/codec.hpp"

namespace aurixa::llm {
namespace {

namespace bj = boost::json;

constexpr std::chrono::milliseconds kTimeout{120'000};

bj::object openai_error_body(const ApiError& e) {
  const char* type = e.status() == 429   ? "rate_limit_error"
                     : e.status() == 401 ? "authentication_error"
                     : e.status() < 500  ? "invalid_request_error"
                                         : "api_error";
  bj::object body = bj::parse(e.to_json()).as_object();
  body["error"] = bj::object{{"message", e.detail()},
                             {"type", type},
                             {"param", e.field().empty() ? bj::value(nullptr) : bj::value(e.field())},
                             {"code", e.code()}};
  return body;
}

http::Response openai_error(const ApiError& e) { return json::response(e.status(), openai_error_body(e)); }

std::string sse(const bj::value& v) { return "data: " + aurixa::json::serialize(v) + "\n\n"; }

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

http::Response stream_completion(std::shared_ptr<Api> api, codec::OpenAiRequest o, const CallContext& ctx) {
  std::string id = "chatcmpl-" + random_hex(12);
  auto res = http::Response::streaming("text/event-stream", [api, o = std::move(o), ctx, id](http::ChunkWriter& w) {
    const auto created = now_epoch();
    bool first = true, client_gone = false;
    try {
      auto r = api->generate_stream(o.chat, ctx, [&](std::string_view delta) {
        bj::object d{{"content", delta}};
        if (first) d["role"] = "assistant";
        first = false;
        client_gone = !w.write(sse(codec::openai_chunk(id, created, o.model_label, d, nullptr)));
        return !client_gone;
      });
      if (client_gone) return;
      if (r.finish_reason == "error") {
        // No [DONE]: SDKs raise on an error object in the stream.
        w.write(sse(bj::object{
            {"error", bj::object{{"message", r.error}, {"type", "api_error"}, {"code", "stream_interrupted"}}}}));
        return;
      }
      const char* finish = r.finish_reason == "length"           ? "length"
                           : r.finish_reason == "content_filter" ? "content_filter"
                                                                 : "stop";
      w.write(sse(codec::openai_chunk(id, created, r.model, bj::object{}, finish)));
      if (o.include_usage) w.write(sse(codec::openai_usage_chunk(r, id, created)));
      w.write("data: [DONE]\n\n");
    } catch (const ApiError& e) {
      if (first) {  // nothing sent yet: answer with the error's status, as the non-stream route would
        http::Headers h;
        h.set("Content-Type", "application/json");
        w.begin(e.status(), std::move(h));
        w.write(aurixa::json::serialize(openai_error_body(e)));
      } else if (!client_gone) {
        w.write(sse(bj::object{{"error", openai_error_body(e).at("error")}}));
      }
    } catch (const std::exception& e) {
      if (!client_gone)
        w.write(
            sse(bj::object{{"error", bj::object{{"message", e.what()}, {"type", "api_error"}, {"code", nullptr}}}}));
    }
  });
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void register_openai_routes(http::Router& router, std::shared_ptr<Api> api) {
  router.post("/v1/chat/completions",
              [api](const http::Request& req, CallContext& ctx) -> http::Response {
                try {
                  auto o = codec::parse_openai(json::parse_object(req));
                  if (o.stream) {
                    api->check_admission(o.chat, ctx);
                    return stream_completion(api, std::move(o), ctx);
                  }
                  auto r = api->generate(o.chat, ctx);
                  return json::ok(codec::openai_completion(r, "chatcmpl-" + random_hex(12), now_epoch()));
                } catch (const ApiError& e) {
                  return openai_error(e);
                }
              },
              {.timeout = kTimeout});
  router.get("/v1/models",
             [api](const http::Request&, CallContext&) { return json::ok(codec::openai_models(api->models())); });
}

}  // namespace aurixa::llm
