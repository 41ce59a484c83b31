// Gateway routes: gateway-local routes, the prefix proxy table, admin and observe routes, WebSockets.
// Thin: the forwarding logic is in upstream.cpp, cross-cutting concerns in filter.cpp.
#include <boost/json.hpp>
#include <future>
#include <memory>

#include "app/app.hpp"
#include "core/async_route.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/redis.hpp"
#include "roles/gateway/auth.hpp"
#include "roles/gateway/filter.hpp"
#include "roles/gateway/module.hpp"
#include "roles/gateway/static_files.hpp"
#include "roles/gateway/upstream.hpp"
#include "roles/gateway/ws_relay.hpp"

namespace aurixa::gateway {
namespace {

using namespace std::chrono_literals;

struct Prefix {
  const char* prefix;
  const char* role;
  const char* registry_name;
};

// /api/v1/<prefix>/<rest> -> <role>/api/v1/<rest> (the original's table, plus observe).
constexpr Prefix kPrefixes[] = {
    {"orchestration", "orchestration", "orchestration"}, {"llm", "llm", "llm-router"},
    {"agents", "agents", "agent-runtime"},               {"rag", "rag", "rag"},
    {"safety", "safety", "safety"},                      {"execute", "execution", "execution"},
    {"voice", "voice", "voice"},                         {"observe", "observability", "observability"},
};

constexpr const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

// The original's timeouts: 180 s for pipelines, 120 s for LLM generation and streams, 30 s otherwise.
std::chrono::milliseconds timeout_for(std::string_view prefix, std::string_view rest) {
  if (prefix == "orchestration" && rest.find("pipeline") != std::string_view::npos) return 180s;
  if (prefix == "llm" && (rest.find("generate") != std::string_view::npos || rest.find("stream") != std::string_view::npos))
    return 120s;
  return 30s;
}

http::Response gateway_health(const char* service, std::chrono::steady_clock::time_point started) {
  double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double mb = static_cast<double>(process_rss_bytes()) / (1024.0 * 1024.0);
  return json::ok(boost::json::object{{"service", service},
                                      {"status", "healthy"},
                                      {"uptime", uptime},
                                      {"memoryMB", std::round(mb * 10) / 10}});  // a number (D15)
}

void register_websocket_relay(http::Router& router, App& app, const char* path, const char* role, const char* upstream_path) {
  router.websocket(path, [&app, role, upstream_path](http::WebSocket& ws, const http::Request& req, CallContext& ctx) {
    auto it = app.role_routers.find(role);
    if (it != app.role_routers.end()) {
      auto m = it->second->match("GET", upstream_path);
      if (m.kind == http::Match::Kind::found && m.route->ws_handler) {
        m.route->ws_handler(ws, req, ctx);
        return;
      }
    }
    // Split mode: relay to the role's process. Unreachable: say so instead of silently closing (D3).
    std::string error;
    if (relay_websocket(ws, req, ctx, app.config.role_url(role), upstream_path, app.config.internal_token, error)) return;
    app.log.warn("websocket upstream failed", {{"service", role}, {"error", error}, {"request_id", ctx.request_id}});
    boost::json::object err{{"type", "error"}, {"event", "error"},
                            {"message", std::string("WebSocket endpoint ") + upstream_path + " of role " + role +
                                            " is not available from this gateway"}};
    ws.send({aurixa::json::serialize(err), false});
  });
}

using CallFor = std::function<UpstreamCall(const http::Request&, CallContext&)>;
using AfterForward = void (*)(http::Response&);

// A route forwarding to `role`, awaited on the connection's own I/O thread (async_io). When the role runs in
// this process, its async routes run right there and its other routes on a worker (they may block);
// otherwise the request is relayed over an upstream connection pooled on that thread.
void add_forwarding(http::Router& router, const App& app, std::shared_ptr<const Upstreams> upstreams, const char* method,
                    const std::string& pattern, const std::string& role, CallFor call_for, http::RouteOptions options,
                    AfterForward after = nullptr) {
  const bool local = app.runs(role);
  auto async = std::make_shared<http::AsyncRoute>();
  async->handler = [upstreams, call_for, after, local](const http::Request& req, CallContext& ctx,
                                                       const http::AsyncEnv& env) -> boost::asio::awaitable<http::Response> {
    auto call = call_for(req, ctx);
    http::Response res;
    if (local) res = co_await upstreams->forward_local_async(std::move(call), req, ctx, env);
    else res = co_await upstreams->forward_remote_async(std::move(call), req, ctx);
    if (after) after(res);
    co_return res;
  };
  // In-process dispatch of the gateway's own router (tests, tools) keeps a synchronous twin.
  http::Handler sync_twin;
  if (local)
    sync_twin = [upstreams, call_for, after](const http::Request& req, CallContext& ctx) {
      auto res = upstreams->forward(call_for(req, ctx), req, ctx);
      if (after) after(res);
      return res;
    };
  router.add_async(method, pattern, std::move(async), std::move(options), std::move(sync_twin));
}

boost::json::object login_json(const LoginResult& r) {
  boost::json::object o{{"access_token", r.access_token}, {"token_type", "bearer"}, {"expires_in", r.expires_in},
                        {"refresh_token", r.refresh_token}, {"role", r.role}, {"user_id", r.user_id}};
  o["tenant_id"] = r.tenant_id ? boost::json::value(*r.tenant_id) : boost::json::value(nullptr);
  if (r.patient_id) o["patient_id"] = *r.patient_id;
  if (r.staff_id) o["staff_id"] = *r.staff_id;
  return o;
}

void register_auth_routes(http::Router& router, App& app) {
  // The authenticator is created by wire() (which runs before route registration) and held by the filter.
  auto* filter = dynamic_cast<GatewayFilter*>(app.request_filter);
  if (!filter || !filter->authenticator()) throw std::logic_error("gateway routes registered before gateway::wire");
  const Authenticator* authn = filter->authenticator();
  auto auth = [authn]() -> const Authenticator& { return *authn; };
  router.post("/api/v1/auth/login", [auth](const http::Request& req, CallContext&) {
    auto o = json::parse_object(req);
    auto email = json::require_string(o, "email");
    auto password = json::require_string(o, "password");
    if (email.empty()) throw ApiError::validation("email", "field 'email' must not be empty");
    return json::ok(login_json(auth().login(email, password)));
  });
  router.post("/api/v1/auth/refresh", [auth](const http::Request& req, CallContext&) {
    auto o = json::parse_object(req);
    return json::ok(login_json(auth().refresh(json::require_string(o, "refresh_token"))));
  });
  router.get("/api/v1/auth/me", [](const http::Request&, CallContext& ctx) {
    boost::json::object o{{"id", ctx.principal.id}, {"role", ctx.principal.role}};
    o["tenant_id"] = ctx.tenant_id ? boost::json::value(*ctx.tenant_id) : boost::json::value(nullptr);
    if (ctx.principal.patient_id) o["patient_id"] = *ctx.principal.patient_id;
    if (ctx.principal.staff_id) o["staff_id"] = *ctx.principal.staff_id;
    return json::ok(o);
  });
}

}  // namespace

void wire(App& app) {
  AuthOptions ao;
  ao.enabled = app.config.auth;
  ao.jwt_algorithm = app.config.jwt_algorithm;
  ao.jwt_private_key_file = app.config.jwt_private_key_file;
  ao.jwt_public_key_file = app.config.jwt_public_key_file;
  ao.jwt_secret = app.config.jwt_secret.empty() ? random_hex(32) : app.config.jwt_secret;
  if (app.config.auth && ao.jwt_algorithm == "HS256" && app.config.jwt_secret.empty())
    app.log.warn("AURIXA_JWT_SECRET is not set: using a random secret; tokens end with this process and are not "
                 "valid on other gateway replicas");
  ao.access_ttl = std::chrono::seconds(app.config.access_token_ttl_s);
  ao.refresh_ttl = std::chrono::seconds(app.config.refresh_token_ttl_s);
  auto auth = std::make_shared<Authenticator>(ao, app.db);
  app.owned.push_back(auth);

  FilterOptions fo;
  fo.cors_origins = app.config.cors_origin;
  fo.rate_limit_per_minute = app.config.rate_limit_per_minute;
  fo.trust_forwarded_for = app.config.trust_forwarded_for;
  if (!app.config.redis_url.empty()) {  // one limit across gateway replicas; the filter degrades without it
    // Short timeout: the limiter runs on the request path and falls back to local buckets when Redis is slow.
    fo.redis = make_redis_client(app.config.redis_url, std::chrono::milliseconds(100));
    fo.log = &app.log;
  }
  auto filter = std::make_shared<GatewayFilter>(fo, auth.get());
  app.request_filter = filter.get();
  app.owned.push_back(filter);  // App owns it for the process's lifetime
}

void register_routes(http::Router& router, App& app) {
  const auto started = std::chrono::steady_clock::now();
  auto upstreams = std::make_shared<Upstreams>(app);
  register_auth_routes(router, app);

  router.get("/", [](const http::Request&, CallContext&) {
    return json::ok(boost::json::object{{"message", "Welcome to the AURIXA API Gateway."},
                                        {"documentation", "See /README.md for details."},
                                        {"version", "0.1.0"}});
  }, {.execution = http::Execution::inline_io});
  router.get("/api/v1/admin/health", [started](const http::Request&, CallContext&) {
    return gateway_health("api-gateway-admin", started);
  }, {.execution = http::Execution::inline_io});

  // Every role's health, probed in parallel (3 s each): healthy (2xx), degraded (other status), down.
  router.get("/health/services", [&app](const http::Request&, CallContext&) {
    std::vector<std::pair<std::string, std::future<boost::json::object>>> probes;
    for (const auto& p : kPrefixes) {
      std::string role = p.role;
      probes.emplace_back(p.registry_name, std::async(std::launch::async, [&app, role] {
        if (app.role_routers.count(role)) return boost::json::object{{"status", "healthy"}, {"latencyMs", 0}};
        const auto t = std::chrono::steady_clock::now();
        ClientRequest r;
        r.url = app.config.role_url(role) + "/health";
        r.timeout = 3s;
        std::string status;
        try {
          auto res = app.http.request(r);
          status = res.status >= 200 && res.status < 300 ? "healthy" : "degraded";
        } catch (const ApiError&) {
          status = "down";
        }
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t).count();
        return boost::json::object{{"status", status}, {"latencyMs", ms}};
      }));
    }
    boost::json::object services;
    for (auto& [name, f] : probes) services[name] = f.get();
    return json::ok(boost::json::object{{"gateway", "healthy"}, {"services", services}});
  });

  for (const auto& p : kPrefixes) {
    auto call_for = [p](const http::Request& req, CallContext& ctx) {
      const std::string& rest = req.param("rest");
      UpstreamCall call;
      call.role = p.role;
      call.registry_name = p.registry_name;
      call.path = "/api/v1/" + rest;
      call.stream = rest.find("stream") != std::string::npos;
      call.timeout = timeout_for(p.prefix, rest);
      ctx.deadline = std::min(ctx.deadline, std::chrono::steady_clock::now() + call.timeout);
      return call;
    };
    for (const char* method : kMethods)
      add_forwarding(router, app, upstreams, method, std::string("/api/v1/") + p.prefix + "/{rest...}", p.role, call_for,
                     {.timeout = timeout_for(p.prefix, "pipeline generate"), .name = std::string("/api/v1/") + p.prefix + "/*"});
  }

  // Admin routes -> orchestration, query kept, JSON, no x-upstream headers (as the original).
  for (const char* method : kMethods) {
    add_forwarding(router, app, upstreams, method, "/api/v1/admin/{rest...}", "orchestration",
                   [](const http::Request& req, CallContext&) {
                     UpstreamCall call{"orchestration", "orchestration", "/api/v1/" + req.param("rest")};
                     call.upstream_headers = false;
                     return call;
                   },
                   {.name = "/api/v1/admin/*"}, [](http::Response& res) {
                     if (!res.stream) res.headers.set("Content-Type", "application/json");
                   });
  }
  // The deployment controller is not part of AURIXA; its routes keep the original's auth answers.
  for (const char* pattern : {"/api/v1/admin/deployments", "/api/v1/admin/deployments/{rest...}", "/api/v1/deployments",
                              "/api/v1/deployments/{rest...}"}) {
    for (const char* method : kMethods) {
      router.add(method, pattern, [](const http::Request& req, CallContext&) -> http::Response {
        auto auth = req.header("Authorization");
        if (!auth || auth->substr(0, 7) != "Bearer ")
          throw ApiError(Errc::unauthorized, "Deployment administrator token required");
        throw ApiError(Errc::unavailable, "Deployment authentication is not configured");
      }, {.execution = http::Execution::inline_io, .name = "/api/v1/deployments"});
    }
  }

  // OpenAI-compatible surface (/v1/chat/completions, /v1/models) served by the llm role.
  for (const char* method : {"GET", "POST"}) {
    add_forwarding(router, app, upstreams, method, "/v1/{rest...}", "llm", [](const http::Request& req, CallContext&) {
      UpstreamCall call{"llm", "llm-router", "/v1/" + req.param("rest")};
      // A streamed completion is relayed as it arrives (SSE), like the prefix routes' streams.
      boost::system::error_code ec;
      auto body = boost::json::parse(req.body, ec);
      const auto* flag = !ec && body.is_object() ? body.as_object().if_contains("stream") : nullptr;
      call.stream = flag && flag->is_bool() && flag->as_bool();
      call.timeout = std::chrono::seconds(120);
      return call;
    }, {.timeout = std::chrono::seconds(120), .name = "/v1/*"});
  }

  // The web apps (web/dist): /dashboard, /patient, /hospital and their /assets/.
  register_static_routes(router, web_dist_dir());

  register_websocket_relay(router, app, "/ws/conversation", "orchestration", "/ws/conversation");
  register_websocket_relay(router, app, "/ws/voice", "voice", "/ws/stream");
}

}  // namespace aurixa::gateway
