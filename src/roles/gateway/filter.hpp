#pragma once
// The gateway's cross-cutting request processing, run by the HTTP server around every request:
// security headers (helmet's defaults), CORS (configured origins; preflight answered here), authentication
// and the role permission table (401/403), and rate limits (per tenant when the credential names one,
// else per client IP) with RateLimit-* headers.
#include <memory>
#include <string>
#include <vector>

#include "core/router.hpp"
#include "roles/gateway/rate_limit.hpp"

namespace aurixa::gateway {

struct FilterOptions {
  std::string cors_origins = "*";  // "*" or a comma list of exact origins
  std::int64_t rate_limit_per_minute = 200;
  bool trust_forwarded_for = false;  // use X-Forwarded-For's first address (only behind a trusted proxy)
  std::shared_ptr<RedisClient> redis;  // set: limits shared by all replicas (RedisRateLimiter)
  Log* log = nullptr;
};

class Authenticator;

class GatewayFilter final : public http::RequestFilter {
 public:
  // auth may be null (no authentication, the original's open API: AURIXA_AUTH=off).
  explicit GatewayFilter(FilterOptions options, const Authenticator* auth = nullptr);

  std::optional<http::Response> before(const http::Request& req, CallContext& ctx, const http::Route* route) override;
  void after(const http::Request& req, const CallContext& ctx, const http::Route* route, http::Response& res) override;
  // True when before() would wait on the store (an API key) or on Redis (the shared rate limit).
  bool may_block(const http::Request& req, const http::Route& route) const override;

  const Authenticator* authenticator() const { return auth_; }
  // The client address used for rate limiting.
  std::string client_key(const http::Request& req) const;
  // The Access-Control-Allow-Origin value for a request's Origin, or empty when not allowed.
  std::string allowed_origin(std::string_view origin) const;

 private:
  FilterOptions opt_;
  const Authenticator* auth_;
  std::vector<std::string> origins_;
  bool any_origin_ = false;
  RateLimiter limiter_;
  std::unique_ptr<RedisRateLimiter> shared_limiter_;  // when opt_.redis is set
};

}  // namespace aurixa::gateway
