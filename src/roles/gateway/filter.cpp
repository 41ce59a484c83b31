#include "roles/gateway/filter.hpp"

#include <boost/json.hpp>
#include <sstream>

#include "core/error.hpp"
#include "roles/gateway/auth.hpp"
#include "roles/gateway/permissions.hpp"
#include "core/json.hpp"

namespace aurixa::gateway {
namespace {

// helmet's default headers, as the original gateway sent them.
constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';"
     "img-src 'self' data: blob:;media-src 'self' blob:;object-src 'none';script-src 'self';script-src-attr 'none';"
     "style-src 'self' https: 'unsafe-inline';connect-src 'self' ws: wss:;upgrade-insecure-requests"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cross-Origin-Resource-Policy", "same-origin"},
    {"Origin-Agent-Cluster", "?1"},
    {"Referrer-Policy", "no-referrer"},
    {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-DNS-Prefetch-Control", "off"},
    {"X-Download-Options", "noopen"},
    {"X-Frame-Options", "SAMEORIGIN"},
    {"X-Permitted-Cross-Domain-Policies", "none"},
    {"X-XSS-Protection", "0"},
};

constexpr const char* kAllowMethods = "GET,HEAD,PUT,PATCH,POST,DELETE";
constexpr const char* kAllowHeaders =
    "Authorization,Content-Type,X-Request-Id,X-Tenant-Id,Idempotency-Key,traceparent";

void set_rate_headers(http::Headers& h, const RateDecision& d) {
  h.set("RateLimit-Limit", std::to_string(d.limit));
  h.set("RateLimit-Remaining", std::to_string(d.remaining));
  h.set("RateLimit-Reset", std::to_string(d.reset_seconds));
  // The original's names, kept for existing clients.
  h.set("X-RateLimit-Limit", std::to_string(d.limit));
  h.set("X-RateLimit-Remaining", std::to_string(d.remaining));
  h.set("X-RateLimit-Reset", std::to_string(d.reset_seconds));
}

}  // namespace

GatewayFilter::GatewayFilter(FilterOptions options, const Authenticator* auth)
    : opt_(std::move(options)), auth_(auth), limiter_(opt_.rate_limit_per_minute) {
  if (opt_.redis)
    shared_limiter_ = std::make_unique<RedisRateLimiter>(opt_.redis, opt_.rate_limit_per_minute, opt_.log);
  std::stringstream ss(opt_.cors_origins);
  for (std::string o; std::getline(ss, o, ',');) {
    while (!o.empty() && o.front() == ' ') o.erase(0, 1);
    while (!o.empty() && o.back() == ' ') o.pop_back();
    if (o == "*") any_origin_ = true;
    else if (!o.empty()) origins_.push_back(o);
  }
}

std::string GatewayFilter::client_key(const http::Request& req) const {
  if (opt_.trust_forwarded_for)
    if (auto xff = req.header("X-Forwarded-For"); xff && !xff->empty()) {
      auto first = xff->substr(0, xff->find(','));
      while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
      while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
      if (!first.empty()) return "ip:" + std::string(first);
    }
  return "ip:" + req.remote_addr;
}

std::string GatewayFilter::allowed_origin(std::string_view origin) const {
  if (origin.empty()) return {};
  for (const auto& o : origins_)
    if (o == origin) return o;
  return any_origin_ ? "*" : std::string();
}

std::optional<http::Response> GatewayFilter::before(const http::Request& req, CallContext& ctx, const http::Route* route) {
  // CORS preflight: answered here, for any path, without counting against the rate limit.
  if (req.method == "OPTIONS" && req.header("Access-Control-Request-Method")) {
    http::Response r;
    r.status = 204;
    return r;
  }
  if (!route) return std::nullopt;  // unmatched routes: 404/405, not limited (as the original)
  if (auth_ && auth_->enabled() && !is_public(req.method, req.path)) {
    try {
      auth_->authenticate(req, ctx);
    } catch (const ApiError& e) {
      auto r = http::Response::json(e.status(), e.to_json());
      r.headers.set("WWW-Authenticate", "Bearer");
      return r;
    }
    if (!is_allowed(ctx.principal, req.method, req.path))
      return http::Response::json(403, ApiError(Errc::forbidden, "role '" + ctx.principal.role +
                                                                     "' may not " + req.method + " " + req.path).to_json());
  }
  if (!limiter_.enabled()) return std::nullopt;
  std::string key = ctx.tenant_id ? "tenant:" + std::to_string(*ctx.tenant_id) : client_key(req);
  // Redis is a network round trip, taken only on worker threads: routes served inline on an I/O thread
  // (health, stubs) and WebSocket upgrades are decided by the local buckets, so no I/O thread waits for Redis.
  // async_io routes call before() on a worker whenever may_block() says Redis is in use.
  const bool on_io_thread = route->ws_handler || route->options.execution == http::Execution::inline_io;
  auto d = shared_limiter_ && !on_io_thread ? shared_limiter_->take(key) : limiter_.take(key);
  ctx.rate_limit_remaining = d.remaining;
  ctx.rate_limit_limit = d.limit;
  ctx.rate_limit_reset = d.reset_seconds;
  if (d.allowed) return std::nullopt;
  std::string message = "Rate limit exceeded, retry in " + std::to_string(d.retry_after_seconds) + " seconds";
  boost::json::object body{{"detail", message},          {"code", "rate_limited"}, {"statusCode", 429},
                           {"error", "Too Many Requests"}, {"message", message}};
  auto r = http::Response::json(429, aurixa::json::serialize(body));
  r.headers.set("Retry-After", std::to_string(d.retry_after_seconds));
  return r;
}

bool GatewayFilter::may_block(const http::Request& req, const http::Route&) const {
  if (shared_limiter_ && limiter_.enabled()) return true;
  return auth_ && auth_->enabled() && !is_public(req.method, req.path) && Authenticator::needs_store(req);
}

void GatewayFilter::after(const http::Request& req, const CallContext& ctx, const http::Route* route, http::Response& res) {
  for (const auto& [k, v] : kSecurityHeaders) res.headers.set(k, v);
  if (auto origin = req.header("Origin")) {
    auto allowed = allowed_origin(*origin);
    if (!allowed.empty()) {
      res.headers.set("Access-Control-Allow-Origin", allowed);
      // Credentials only with an explicit origin: "*" plus credentials is what browsers forbid (D4).
      if (allowed != "*") {
        res.headers.set("Access-Control-Allow-Credentials", "true");
        res.headers.set("Vary", "Origin");
      }
      if (req.method == "OPTIONS") {
        res.headers.set("Access-Control-Allow-Methods", kAllowMethods);
        res.headers.set("Access-Control-Allow-Headers", kAllowHeaders);
        res.headers.set("Access-Control-Max-Age", "600");
      }
      res.headers.set("Access-Control-Expose-Headers",
                      "X-Request-Id,RateLimit-Limit,RateLimit-Remaining,RateLimit-Reset,Retry-After");
    }
  }
  if (route && ctx.rate_limit_limit > 0) {
    RateDecision d{true, ctx.rate_limit_limit, ctx.rate_limit_remaining, ctx.rate_limit_reset, 0};
    set_rate_headers(res.headers, d);
  }
}

}  // namespace aurixa::gateway
