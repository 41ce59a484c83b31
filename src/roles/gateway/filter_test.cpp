#include "roles/gateway/filter.hpp"

#include <gtest/gtest.h>

namespace aurixa::gateway {
namespace {

http::Route some_route() {
  http::Route r;
  r.method = "GET";
  r.pattern = "/x";
  return r;
}

http::Request request(std::string method = "GET", std::string origin = "") {
  http::Request r;
  r.method = std::move(method);
  r.path = "/x";
  r.remote_addr = "10.0.0.1";
  if (!origin.empty()) r.headers.set("Origin", origin);
  return r;
}

TEST(GatewayFilter, AddsSecurityHeadersToEveryResponse) {
  GatewayFilter f({});
  auto req = request();
  CallContext ctx;
  http::Response res;
  f.after(req, ctx, nullptr, res);
  EXPECT_EQ(res.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(res.headers.get("X-Frame-Options"), "SAMEORIGIN");
  EXPECT_TRUE(res.headers.get("Content-Security-Policy"));
  EXPECT_TRUE(res.headers.get("Strict-Transport-Security"));
}

TEST(GatewayFilter, WildcardOriginNeverAllowsCredentials) {
  GatewayFilter f({.cors_origins = "*"});
  auto req = request("GET", "https://evil.example");
  CallContext ctx;
  http::Response res;
  f.after(req, ctx, nullptr, res);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), "*");
  EXPECT_FALSE(res.headers.get("Access-Control-Allow-Credentials"));
}

TEST(GatewayFilter, ConfiguredOriginsAreEchoedWithCredentials) {
  GatewayFilter f({.cors_origins = "https://portal.clinic.example, https://admin.clinic.example"});
  auto req = request("GET", "https://admin.clinic.example");
  CallContext ctx;
  http::Response res;
  f.after(req, ctx, nullptr, res);
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Origin"), "https://admin.clinic.example");
  EXPECT_EQ(res.headers.get("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(res.headers.get("Vary"), "Origin");

  auto other = request("GET", "https://evil.example");
  http::Response res2;
  f.after(other, ctx, nullptr, res2);
  EXPECT_FALSE(res2.headers.get("Access-Control-Allow-Origin"));
}

TEST(GatewayFilter, PreflightIsAnsweredWith204AndAllowLists) {
  GatewayFilter f({.cors_origins = "https://portal.clinic.example"});
  auto req = request("OPTIONS", "https://portal.clinic.example");
  req.headers.set("Access-Control-Request-Method", "POST");
  CallContext ctx;
  auto early = f.before(req, ctx, nullptr);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 204);
  f.after(req, ctx, nullptr, *early);
  EXPECT_NE(std::string(*early->headers.get("Access-Control-Allow-Methods")).find("POST"), std::string::npos);
}

TEST(GatewayFilter, RateLimitsPerClientWith429AndRetryAfter) {
  GatewayFilter f({.rate_limit_per_minute = 3});
  auto route = some_route();
  for (int i = 0; i < 3; ++i) {
    CallContext ctx;
    auto req = request();
    EXPECT_FALSE(f.before(req, ctx, &route)) << i;
  }
  CallContext ctx;
  auto req = request();
  auto denied = f.before(req, ctx, &route);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 429);
  EXPECT_TRUE(denied->headers.get("Retry-After"));
  EXPECT_NE(denied->body.find("\"code\":\"rate_limited\""), std::string::npos);
  // Another client is unaffected.
  auto other = request();
  other.remote_addr = "10.0.0.2";
  CallContext ctx2;
  EXPECT_FALSE(f.before(other, ctx2, &route));
}

TEST(GatewayFilter, ForwardedForIgnoredUnlessTrusted) {
  GatewayFilter untrusted({});
  auto req = request();
  req.headers.set("X-Forwarded-For", "1.2.3.4, 10.0.0.9");
  EXPECT_EQ(untrusted.client_key(req), "ip:10.0.0.1");
  GatewayFilter trusted({.trust_forwarded_for = true});
  EXPECT_EQ(trusted.client_key(req), "ip:1.2.3.4");
}

TEST(GatewayFilter, RateLimitHeadersOnMatchedRoutes) {
  GatewayFilter f({.rate_limit_per_minute = 200});
  auto route = some_route();
  auto req = request();
  CallContext ctx;
  f.before(req, ctx, &route);
  http::Response res;
  f.after(req, ctx, &route, res);
  EXPECT_EQ(res.headers.get("RateLimit-Limit"), "200");
  EXPECT_EQ(res.headers.get("RateLimit-Remaining"), "199");
  EXPECT_EQ(res.headers.get("X-RateLimit-Limit"), "200");
}

}  // namespace
}  // namespace aurixa::gateway
