#include "core/json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/json_write.hpp"

namespace aurixa::json {
namespace {

template <class F>
ApiError catch_error(F f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "expected ApiError";
  return ApiError(Errc::internal, "none");
}

TEST(Json, MalformedBodyIs400) {
  auto e = catch_error([] { parse_object(std::string_view("{not json")); });
  EXPECT_EQ(e.status(), 400);
  EXPECT_EQ(e.field(), "body");
}

TEST(Json, EmptyBodyIs400) { EXPECT_EQ(catch_error([] { parse_object(std::string_view("  ")); }).status(), 400); }

TEST(Json, NonObjectBodyIs422) { EXPECT_EQ(catch_error([] { parse_object(std::string_view("[1,2]")); }).status(), 422); }

TEST(Json, MissingRequiredFieldNamesIt) {
  auto o = parse_object(std::string_view(R"({"other": 1})"));
  auto e = catch_error([&] { require_string(o, "prompt"); });
  EXPECT_EQ(e.status(), 422);
  EXPECT_EQ(e.field(), "prompt");
}

TEST(Json, WrongTypeNamesField) {
  auto o = parse_object(std::string_view(R"({"prompt": 5, "top_k": "many", "flag": "yes"})"));
  EXPECT_EQ(catch_error([&] { require_string(o, "prompt"); }).field(), "prompt");
  EXPECT_EQ(catch_error([&] { optional_int(o, "top_k"); }).field(), "top_k");
  EXPECT_EQ(catch_error([&] { optional_bool(o, "flag"); }).field(), "flag");
}

TEST(Json, IntegersAreLaxLikeTheOriginal) {
  auto o = parse_object(std::string_view(R"({"a": "12", "b": 3.0, "c": 7, "d": 2.5})"));
  EXPECT_EQ(require_int(o, "a"), 12);
  EXPECT_EQ(require_int(o, "b"), 3);
  EXPECT_EQ(require_int(o, "c"), 7);
  EXPECT_EQ(catch_error([&] { require_int(o, "d"); }).field(), "d");
}

TEST(Json, NullCountsAsAbsent) {
  auto o = parse_object(std::string_view(R"({"a": null})"));
  EXPECT_FALSE(optional_string(o, "a").has_value());
  EXPECT_FALSE(optional_int(o, "a").has_value());
}

TEST(Json, RangeCheckNamesField) {
  EXPECT_EQ(in_range(5, 1, 10, "top_k"), 5);
  EXPECT_EQ(catch_error([] { in_range(0, 1, 10, "top_k"); }).field(), "top_k");
}

TEST(Json, QueryIntParsesAndValidates) {
  http::Request r;
  r.query = "limit=20&offset=abc";
  EXPECT_EQ(query_int(r, "limit", 50, 1, 100), 20);
  EXPECT_EQ(query_int(r, "missing", 50, 1, 100), 50);
  EXPECT_EQ(catch_error([&] { query_int(r, "offset", 0, 0, 100); }).field(), "offset");
}

// Numbers as the original (Python) service writes them, not Boost.JSON's "9.3E-1"; the text parses back to the
// same value.
TEST(Json, SerializeWritesNumbersAsPythonDoes) {
  EXPECT_EQ(aurixa::json::serialize(bj::value(0.93)), "0.93");
  EXPECT_EQ(aurixa::json::serialize(bj::value(0.9053892277297209)), "0.9053892277297209");
  EXPECT_EQ(aurixa::json::serialize(bj::value(1.0)), "1.0");
  EXPECT_EQ(aurixa::json::serialize(bj::value(0.0)), "0.0");
  EXPECT_EQ(aurixa::json::serialize(bj::value(-2.5)), "-2.5");
  EXPECT_EQ(aurixa::json::serialize(bj::value(1e16)), "1e+16");
  EXPECT_EQ(aurixa::json::serialize(bj::value(1764123456.789)), "1764123456.789");
  EXPECT_EQ(aurixa::json::serialize(bj::value(std::int64_t{-3})), "-3");
  EXPECT_EQ(aurixa::json::serialize(bj::value(std::uint64_t{18446744073709551615u})), "18446744073709551615");
  EXPECT_EQ(aurixa::json::serialize(bj::value(std::numeric_limits<double>::infinity())), "null");
  EXPECT_EQ(aurixa::json::serialize(bj::value(std::nan(""))), "null");
  // The hot-path writers (json_write.hpp) write the same text.
  std::string direct;
  append_number(direct, 1.0);
  direct += ',';
  append_number(direct, 0.93);
  direct += ',';
  append_int(direct, -3);
  EXPECT_EQ(direct, "1.0,0.93,-3");
}

TEST(Json, SerializeRoundTripsNestedValues) {
  const auto v = bj::parse(R"({"a":[1,2.5,-0.001,true,false,null,"x\"y\n\u0001"],"b":{"c":{},"d":[]},"é":"ü"})");
  const std::string text = aurixa::json::serialize(v);
  EXPECT_EQ(bj::parse(text), v) << text;
  EXPECT_EQ(text, R"({"a":[1,2.5,-0.001,true,false,null,"x\"y\n\u0001"],"b":{"c":{},"d":[]},"é":"ü"})");
}

}  // namespace
}  // namespace aurixa::json
