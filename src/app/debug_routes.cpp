#include "app/debug_routes.hpp"

#include <thread>

#include "core/json.hpp"
#include "core/router.hpp"

namespace aurixa {

void register_debug_routes(http::Router& router, const std::string& prefix) {
  // Echoes the JSON body after validating it (exercises 400/422 and body limits).
  router.post(prefix + "/__debug/echo", [](const http::Request& req, CallContext&) {
    auto body = json::parse_object(req);
    return json::ok(body);
  });
  // Small body limit route for 413 tests.
  router.post(prefix + "/__debug/small", [](const http::Request& req, CallContext&) {
    return json::ok(boost::json::object{{"bytes", req.body.size()}});
  }, {.max_body_bytes = 64});
  // Sleeps ?ms= then answers; used for graceful-shutdown tests.
  router.get(prefix + "/__debug/slow", [](const http::Request& req, CallContext&) {
    auto ms = json::query_int(req, "ms", 500, 0, 60'000);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return json::ok(boost::json::object{{"slept_ms", ms}});
  });
  // Streams ?chunks= NDJSON lines, ?interval_ms= apart.
  router.get(prefix + "/__debug/stream", [](const http::Request& req, CallContext&) {
    auto chunks = json::query_int(req, "chunks", 5, 1, 10'000);
    auto interval = json::query_int(req, "interval_ms", 100, 0, 10'000);
    return http::Response::streaming("application/x-ndjson", [chunks, interval](http::ChunkWriter& w) {
      for (std::int64_t i = 0; i < chunks; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(interval));
        if (!w.write(aurixa::json::serialize(boost::json::object{{"seq", i}}) + "\n")) return;
      }
    });
  });
  // Echoes what arrived: lets proxy tests check paths, queries and propagated headers.
  router.get(prefix + "/__debug/request", [](const http::Request& req, CallContext& ctx) {
    boost::json::object o{{"method", req.method}, {"path", req.path}, {"query", req.query},
                          {"request_id", ctx.request_id}, {"trace_id", ctx.trace.trace_id}};
    for (const char* h : {"Authorization", "X-Tenant-Id", "Idempotency-Key", "Content-Type"})
      if (auto v = req.header(h)) o[h] = *v;
    return json::ok(o);
  });
  router.get(prefix + "/__debug/throw", [](const http::Request&, CallContext&) -> http::Response {
    throw std::runtime_error("boom");
  });
  router.websocket(prefix + "/__debug/ws-echo", [](http::WebSocket& ws, const http::Request&, CallContext&) {
    while (auto m = ws.receive()) {
      if (m->data == "close") return;
      if (!ws.send(*m)) return;
    }
  });
}

}  // namespace aurixa
