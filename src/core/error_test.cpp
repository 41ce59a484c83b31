#include "core/error.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace aurixa {
namespace {

TEST(ApiError, TableMapsKindsToStatuses) {
  EXPECT_EQ(ApiError(Errc::validation, "x").status(), 422);
  EXPECT_EQ(ApiError(Errc::invalid_json, "x").status(), 400);
  EXPECT_EQ(ApiError(Errc::not_found, "x").status(), 404);
  EXPECT_EQ(ApiError(Errc::method_not_allowed, "x").status(), 405);
  EXPECT_EQ(ApiError(Errc::conflict, "x").status(), 409);
  EXPECT_EQ(ApiError(Errc::payload_too_large, "x").status(), 413);
  EXPECT_EQ(ApiError(Errc::headers_too_large, "x").status(), 431);
  EXPECT_EQ(ApiError(Errc::rate_limited, "x").status(), 429);
  EXPECT_EQ(ApiError(Errc::bad_gateway, "x").status(), 502);
  EXPECT_EQ(ApiError(Errc::gateway_timeout, "x").status(), 504);
}

TEST(ApiError, JsonBodyHasDetailCodeAndField) {
  auto e = ApiError::validation("prompt", "field 'prompt' is required");
  auto v = boost::json::parse(e.to_json()).as_object();
  EXPECT_EQ(v.at("detail").as_string(), "field 'prompt' is required");
  EXPECT_EQ(v.at("code").as_string(), "validation_error");
  EXPECT_EQ(v.at("field").as_string(), "prompt");
}

TEST(ApiError, FieldOmittedWhenEmpty) {
  auto v = boost::json::parse(ApiError::not_found("no such patient").to_json()).as_object();
  EXPECT_FALSE(v.contains("field"));
}

TEST(ApiError, RoundTripsThroughHttp) {
  auto e = ApiError(Errc::conflict, "slot already booked", "slot_id");
  auto back = ApiError::from_http(e.status(), e.to_json());
  EXPECT_EQ(back.errc(), Errc::conflict);
  EXPECT_EQ(back.field(), "slot_id");
  EXPECT_EQ(back.detail(), "slot already booked");
}

TEST(ApiError, FromHttpFallsBackToStatusForForeignBodies) {
  auto e = ApiError::from_http(404, R"({"detail":"Not Found"})");
  EXPECT_EQ(e.errc(), Errc::not_found);
  auto t = ApiError::from_http(502, "upstream down");
  EXPECT_EQ(t.errc(), Errc::bad_gateway);
  EXPECT_EQ(t.detail(), "upstream down");
}

}  // namespace
}  // namespace aurixa
