#include "roles/gateway/upstream.hpp"

#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/dispatch.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/http_client_async.hpp"
#include "core/identity.hpp"
#include "core/log.hpp"
#include "core/json.hpp"

namespace aurixa::gateway {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

// Headers relayed to the upstream (the original forwarded these; idempotency and trace added).
constexpr const char* kForwardedHeaders[] = {"Content-Type", "Authorization", "X-Tenant-Id", "Idempotency-Key", "Accept"};

// Upstream path plus the caller's query (the original dropped it on prefix routes, D1).
std::string upstream_target(const UpstreamCall& call, const http::Request& req) {
  return req.query.empty() ? call.path : call.path + "?" + req.query;
}

// The upstream's status and the headers the gateway relays (the original's x-upstream-* included).
http::Headers relayed_headers(const UpstreamCall& call, const ClientResponse& up, std::int64_t latency) {
  http::Headers h;
  h.set("Content-Type", std::string(up.headers.get("Content-Type").value_or(call.stream ? "application/x-ndjson" : "application/json")));
  if (auto ra = up.headers.get("Retry-After")) h.set("Retry-After", std::string(*ra));
  if (call.upstream_headers) {
    h.set("x-upstream-latency-ms", std::to_string(latency));
    h.set("x-upstream-service", call.registry_name);
  }
  return h;
}

http::Response relayed(const UpstreamCall& call, ClientResponse up, std::int64_t latency) {
  http::Response res;
  res.status = up.status;
  res.headers = relayed_headers(call, up, latency);
  res.body = std::move(up.body);
  return res;
}

}  // namespace

http::Response transport_failure(const UpstreamCall& call, const ApiError& e) {
  return upstream_failure(e.status() == 504 ? 504 : 502, call.registry_name, std::string(e.detail()));
}

http::Response upstream_failure(int status, const std::string& registry_name, const std::string& message) {
  boost::json::object o{{"error", status == 504 ? "Gateway Timeout" : "Bad Gateway"},
                        {"service", registry_name},
                        {"message", message},
                        {"detail", message},
                        {"code", status == 504 ? "gateway_timeout" : "bad_gateway"}};
  return http::Response::json(status, aurixa::json::serialize(o));
}

http::Response Upstreams::forward(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const {
  return app_.role_routers.count(call.role) ? local(call, req, ctx) : remote(call, req, ctx);
}

http::Request Upstreams::inner_request(const UpstreamCall& call, const http::Request& req) const {
  http::Request inner = req;
  inner.path = call.path;
  inner.target = upstream_target(call, req);
  inner.params.clear();
  return inner;
}

void Upstreams::add_local_headers(const UpstreamCall& call, Clock::time_point started, http::Response& res) const {
  if (!call.upstream_headers) return;
  res.headers.set("x-upstream-latency-ms", std::to_string(ms_since(started)));
  res.headers.set("x-upstream-service", call.registry_name);
}

http::Response Upstreams::local(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const {
  const auto started = Clock::now();
  http::Request inner = inner_request(call, req);
  auto res = http::dispatch(*app_.role_routers.at(call.role), inner, ctx, app_.log);
  add_local_headers(call, started, res);
  return res;
}

boost::asio::awaitable<http::Response> Upstreams::forward_local_async(UpstreamCall call, const http::Request& req,
                                                                      CallContext& ctx, const http::AsyncEnv& env) const {
  const auto started = Clock::now();
  http::Request inner = inner_request(call, req);
  const http::Router& router = *app_.role_routers.at(call.role);
  http::Match m = router.match(inner.method, inner.path);
  std::optional<http::Response> res;
  if (m.kind == http::Match::Kind::found && m.route->async && !call.stream) {
    for (auto& [k, v] : m.params) inner.params[k] = std::move(v);
    try {
      res = co_await m.route->async->handler(inner, ctx, env);
    } catch (...) {
      res = http::handler_failure(*m.route, ctx, app_.log);
    }
  } else {
    res = co_await http::on_workers(env, ctx, [&] { return http::dispatch(router, inner, ctx, app_.log); });
  }
  add_local_headers(call, started, *res);
  co_return std::move(*res);
}

ClientRequest Upstreams::outbound(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const {
  ClientRequest out;
  out.method = req.method;
  out.url = app_.config.role_url(call.role) + upstream_target(call, req);
  out.timeout = std::min(call.timeout, ctx.remaining());
  for (const char* h : kForwardedHeaders)
    if (auto v = req.header(h)) out.headers.set(h, std::string(*v));
  // The caller's identity, established here, travels to the role (which trusts it only with the
  // deployment's internal token; see HttpServer's trust_identity_headers).
  forward_identity(out.headers, ctx, app_.config.internal_token);
  out.headers.set("X-Request-Id", ctx.request_id);
  out.headers.set("traceparent", ctx.trace.header_for_child());
  if (req.method != "GET" && req.method != "HEAD") {
    out.body = req.body;
    if (!out.headers.contains("Content-Type")) out.headers.set("Content-Type", "application/json");
  }
  return out;
}

http::Response Upstreams::failed(const UpstreamCall& call, const CallContext& ctx, const ApiError& e) const {
  app_.log.warn("upstream failed", {{"service", call.registry_name}, {"error", e.detail()}, {"request_id", ctx.request_id}});
  return transport_failure(call, e);
}

boost::asio::awaitable<http::Response> Upstreams::forward_remote_async(UpstreamCall call, const http::Request& req,
                                                                       CallContext& ctx) const {
  if (call.stream) co_return remote(call, req, ctx);  // only builds the streaming response; relayed on the stream pool
  auto out = outbound(call, req, ctx);
  const auto started = Clock::now();
  std::optional<ClientResponse> up;
  std::optional<http::Response> failure;
  try {
    up = co_await co_request(app_.http, std::move(out));
  } catch (const ApiError& e) {
    failure = failed(call, ctx, e);
  }
  if (failure) co_return std::move(*failure);
  co_return relayed(call, std::move(*up), ms_since(started));
}

http::Response Upstreams::remote(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const {
  ClientRequest out = outbound(call, req, ctx);
  const auto started = Clock::now();
  if (!call.stream) {
    try {
      return relayed(call, app_.http.request(out), ms_since(started));
    } catch (const ApiError& e) {
      return failed(call, ctx, e);
    }
  }
  // Streams: status and headers are relayed when the upstream's arrive, then each piece as it comes.
  auto& client = app_.http;
  auto& log = app_.log;
  std::string request_id = ctx.request_id;
  return http::Response::streaming(
      "application/x-ndjson", [&client, &log, out, call, started, request_id](http::ChunkWriter& w) {
        bool began = false;
        try {
          client.stream(
              out,
              [&](const ClientResponse& up) {
                w.begin(up.status, relayed_headers(call, up, ms_since(started)));
                began = true;
              },
              [&](std::string_view data) { return w.write(std::string(data)); });
        } catch (const ApiError& e) {
          log.warn("upstream stream failed", {{"service", call.registry_name}, {"error", e.detail()}, {"request_id", request_id}});
          if (began) throw;  // mid-stream: cut the connection so the client sees an incomplete body
          auto failure = transport_failure(call, e);
          w.begin(failure.status, failure.headers);
          w.write(std::move(failure.body));
        }
      });
}

}  // namespace aurixa::gateway
