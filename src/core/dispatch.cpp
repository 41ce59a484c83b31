#include "core/dispatch.hpp"

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/json.hpp"

namespace aurixa::http {

Response unmatched_response(const Match& match) {
  if (match.kind == Match::Kind::method_not_allowed) {
    auto r = Response::json(405, ApiError(Errc::method_not_allowed, "Method Not Allowed").to_json());
    r.headers.set("Allow", match.allow);
    return r;
  }
  return Response::json(404, ApiError(Errc::not_found, "Not Found").to_json());
}

ApiError queued_past_deadline() {
  return ApiError(Errc::unavailable, "server busy: request deadline passed while queued");
}

Response call_handler(const Route& route, const Request& req, CallContext& ctx, Log& log) {
  if (!route.handler && route.async) {  // async_io routes are awaited by the HTTP server only
    log.error("async route called synchronously", {{"route", route.pattern}});
    return Response::json(500, ApiError(Errc::internal, "this route cannot be dispatched in-process").to_json());
  }
  if (!route.handler) return Response::json(400, ApiError(Errc::bad_request, "this route requires a WebSocket upgrade").to_json());
  try {
    return route.handler(req, ctx);
  } catch (...) {
    return handler_failure(route, ctx, log);
  }
}

Response handler_failure(const Route& route, const CallContext& ctx, Log& log) {
  try {
    throw;
  } catch (const ApiError& e) {
    return Response::json(e.status(), e.to_json());
  } catch (const std::exception& e) {
    log.error("unhandled exception", {{"request_id", ctx.request_id}, {"route", route.pattern}, {"error", e.what()}});
  } catch (...) {
    log.error("unhandled exception", {{"request_id", ctx.request_id}, {"route", route.pattern}});
  }
  boost::json::object o{{"detail", "Internal Server Error"}, {"code", "internal_error"}, {"request_id", ctx.request_id}};
  return Response::json(500, aurixa::json::serialize(o));
}

Response dispatch(const Router& router, Request& req, CallContext& ctx, Log& log) {
  Match m = router.match(req.method, req.path);
  if (m.kind != Match::Kind::found) return unmatched_response(m);
  for (auto& [k, v] : m.params) req.params[k] = std::move(v);
  return call_handler(*m.route, req, ctx, log);
}

}  // namespace aurixa::http
