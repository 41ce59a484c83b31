// Thin HTTP adapter of the conversation pipeline: /api/v1/pipelines (JSON), /api/v1/pipelines/stream (NDJSON),
// /api/v1/intents/classify and the /ws/conversation WebSocket (the same events as the stream, one per frame).
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/async_route.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "roles/orchestration/pipeline.hpp"
#include "roles/orchestration/pipeline_codec.hpp"
#include "roles/orchestration/routes.hpp"

namespace aurixa::orchestration {

namespace bj = boost::json;

namespace {

constexpr std::chrono::milliseconds kPipelineTimeout{180'000};

// The original answered any step failure with 500 "Pipeline execution failed: <error>"; request errors keep
// their own status (an ApiError passes through).
ApiError pipeline_failure(const std::exception& e) {
  return ApiError(Errc::internal, std::string("Pipeline execution failed: ") + e.what());
}

template <class F>
auto guarded(F&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const ApiError&) {
    throw;
  } catch (const std::exception& e) {
    throw pipeline_failure(e);
  }
}

// A WebSocket turn: {"prompt"|"content": str, "session_id"?, "patient_id"?} or plain text.
PipelineRequest ws_request(const std::string& data, std::string& sticky_session, std::optional<std::int64_t>& patient) {
  PipelineRequest req;
  boost::system::error_code ec;
  const auto v = bj::parse(data, ec);
  if (!ec && v.is_object()) {
    auto o = v.as_object();
    if (!o.contains("prompt") && o.contains("content")) o["prompt"] = o["content"];
    if (!o.contains("session_id") && !sticky_session.empty()) o["session_id"] = sticky_session;
    if (!o.contains("patient_id") && patient) o["patient_id"] = *patient;
    req = codec::parse_request(o);
  } else {
    req.prompt = data;
    req.session_id = sticky_session;
    req.patient_id = patient;
  }
  if (req.prompt.find_first_not_of(" \t\r\n") == std::string::npos) throw ApiError::validation("prompt", "prompt must not be empty");
  if (!req.session_id.empty()) sticky_session = req.session_id;
  if (req.patient_id) patient = req.patient_id;
  return req;
}

}  // namespace

void register_pipeline_routes(http::Router& router, App& app, std::shared_ptr<PipelineService> service) {
  // Awaited on the connection's I/O thread: see PipelineService::run_async. The synchronous twin serves
  // in-process callers that dispatch the role's router on a thread that may block.
  auto turn = std::make_shared<http::AsyncRoute>();
  turn->handler = [service](const http::Request& req, CallContext& ctx,
                            const http::AsyncEnv& env) -> boost::asio::awaitable<http::Response> {
    auto request = codec::parse_request(json::parse_object(req));
    std::optional<PipelineResult> result;
    try {  // as guarded(), which cannot wrap a co_await
      result = co_await service->run_async(std::move(request), ctx, env);
    } catch (const ApiError&) {
      throw;
    } catch (const std::exception& e) {
      throw pipeline_failure(e);
    }
    co_return http::Response::json(200, codec::to_json_text(*result));
  };
  router.add_async("POST", "/api/v1/pipelines", std::move(turn), {.timeout = kPipelineTimeout, .name = "/api/v1/pipelines"},
                   [service](const http::Request& req, CallContext& ctx) {
                     auto request = codec::parse_request(json::parse_object(req));
                     return http::Response::json(200, codec::to_json_text(guarded([&] { return service->run(request, ctx); })));
                   });

  router.post("/api/v1/pipelines/stream",
              [service](const http::Request& req, CallContext& ctx) {
                auto request = codec::parse_request(json::parse_object(req));  // 422 while a status can be sent
                auto res = http::Response::streaming(
                    "application/x-ndjson", [service, request = std::move(request), ctx](http::ChunkWriter& w) {
                      bool gone = false;
                      service->run_stream(request, ctx, [&](const StreamEvent& e) {
                        if (!gone) gone = !w.write(codec::event_line(e) + "\n");
                      });
                    });
                res.headers.set("Cache-Control", "no-store");
                res.headers.set("X-Content-Type-Options", "nosniff");
                return res;
              },
              {.timeout = kPipelineTimeout, .name = "/api/v1/pipelines/stream"});

  router.post("/api/v1/intents/classify",
              [service](const http::Request& req, CallContext& ctx) {
                const auto o = json::parse_object(req);
                std::string text;
                if (o.contains("text")) text = json::require_string(o, "text");
                else text = json::require_string(o, "prompt");
                const auto c = service->classify(text, json::optional_string(o, "session_id").value_or(""), ctx);
                auto out = codec::to_json(c);
                out["slots"] = intent_slots(text);
                return json::ok(out);
              },
              {.name = "/api/v1/intents/classify"});

  router.get("/api/v1/pipelines/cache", [service](const http::Request&, CallContext&) {
    const auto& c = service->cache();
    const double total = double(c.hits() + c.misses());
    return json::ok(bj::object{{"backend", c.backend()},
                               {"entries", c.size()},
                               {"hits", c.hits()},
                               {"misses", c.misses()},
                               {"hit_rate", total > 0 ? double(c.hits()) / total : 0.0}});
  });

  Log* log = &app.log;
  router.websocket("/ws/conversation", [service, log](http::WebSocket& ws, const http::Request&, CallContext& ctx) {
    std::string session;
    std::optional<std::int64_t> patient;
    while (auto msg = ws.receive()) {
      if (msg->binary) {
        ws.send({R"({"event":"error","message":"binary frames are not supported; send JSON text"})"});
        continue;
      }
      if (msg->data == R"({"type":"ping"})") {
        ws.send({R"({"type":"pong"})"});
        continue;
      }
      try {
        auto req = ws_request(msg->data, session, patient);
        service->run_stream(req, ctx, [&](const StreamEvent& e) {
          if (e.event == "done" && e.result) session = e.result->session_id;
          ws.send({codec::event_line(e)});
        });
      } catch (const ApiError& e) {
        ws.send({codec::event_line({"error", std::string(e.detail()), nullptr})});
      } catch (const std::exception& e) {
        log->warn("ws conversation turn failed", {{"error", std::string_view(e.what())}});
        ws.send({codec::event_line({"error", "The turn could not be processed", nullptr})});
      }
    }
  });
}

}  // namespace aurixa::orchestration
