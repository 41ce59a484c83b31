#include "core/router.hpp"

#include <gtest/gtest.h>

namespace aurixa::http {
namespace {

Handler ok() {
  return [](const Request&, CallContext&) { return Response::json(200, "{}"); };
}

TEST(Router, MatchesLiteralPath) {
  Router r;
  r.get("/health", ok());
  auto m = r.match("GET", "/health");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.route->pattern, "/health");
}

TEST(Router, ExtractsPathParameters) {
  Router r;
  r.get("/api/v1/patients/{id}/appointments", ok());
  auto m = r.match("GET", "/api/v1/patients/42/appointments");
  ASSERT_EQ(m.kind, Match::Kind::found);
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].first, "id");
  EXPECT_EQ(m.params[0].second, "42");
}

TEST(Router, DecodesPercentEncodedParameters) {
  Router r;
  r.patch("/api/v1/config/{key}", ok());
  auto m = r.match("PATCH", "/api/v1/config/feature%2Eflag");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.params[0].second, "feature.flag");
}

TEST(Router, LiteralSegmentBeatsParameterRegardlessOfOrder) {
  Router r;
  r.get("/api/v1/patients/{id}", ok(), {.name = "by-id"});
  r.get("/api/v1/patients/search", ok(), {.name = "search"});
  EXPECT_EQ(r.match("GET", "/api/v1/patients/search").route->options.name, "search");
  EXPECT_EQ(r.match("GET", "/api/v1/patients/7").route->options.name, "by-id");
}

TEST(Router, UnknownPathIsNotFound) {
  Router r;
  r.get("/health", ok());
  EXPECT_EQ(r.match("GET", "/nope").kind, Match::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/health/extra").kind, Match::Kind::not_found);
  EXPECT_EQ(r.match("GET", "/").kind, Match::Kind::not_found);
}

TEST(Router, WrongMethodIsMethodNotAllowedWithAllowList) {
  Router r;
  r.get("/api/v1/tenants", ok());
  r.post("/api/v1/tenants", ok());
  auto m = r.match("DELETE", "/api/v1/tenants");
  EXPECT_EQ(m.kind, Match::Kind::method_not_allowed);
  EXPECT_NE(m.allow.find("GET"), std::string::npos);
  EXPECT_NE(m.allow.find("POST"), std::string::npos);
}

TEST(Router, HeadFallsBackToGet) {
  Router r;
  r.get("/health", ok());
  EXPECT_EQ(r.match("HEAD", "/health").kind, Match::Kind::found);
}

TEST(Router, RestParameterCapturesRemainder) {
  Router r;
  r.add("POST", "/api/v1/rag/{rest...}", ok());
  auto m = r.match("POST", "/api/v1/rag/retrieve/deep");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_EQ(m.params[0].second, "retrieve/deep");
  EXPECT_EQ(r.match("POST", "/api/v1/rag").kind, Match::Kind::not_found);
}

TEST(Router, EmptyParameterSegmentDoesNotMatch) {
  Router r;
  r.get("/api/v1/patients/{id}", ok());
  EXPECT_EQ(r.match("GET", "/api/v1/patients/").kind, Match::Kind::not_found);
}

TEST(Router, DuplicateRouteThrows) {
  Router r;
  r.get("/x", ok());
  EXPECT_THROW(r.get("/x", ok()), std::logic_error);
}

TEST(Router, WebSocketRouteHasWsHandler) {
  Router r;
  r.websocket("/ws/conversation", [](WebSocket&, const Request&, CallContext&) {});
  auto m = r.match("GET", "/ws/conversation");
  ASSERT_EQ(m.kind, Match::Kind::found);
  EXPECT_TRUE(static_cast<bool>(m.route->ws_handler));
  EXPECT_FALSE(static_cast<bool>(m.route->handler));
}

}  // namespace
}  // namespace aurixa::http
