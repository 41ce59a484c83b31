#include "core/tenant_id.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "core/error.hpp"

namespace aurixa {
namespace {

TEST(TenantId, AcceptsTheOriginalsForms) {
  EXPECT_EQ(parse_tenant_id("1"), 1);
  EXPECT_EQ(parse_tenant_id("t-001"), 1);
  EXPECT_EQ(parse_tenant_id("T-12"), 12);
  EXPECT_EQ(parse_tenant_id("9223372036854775807"), INT64_MAX);
}

TEST(TenantId, RejectsEverythingElse) {
  for (const char* bad : {"", "0", "t-0", "t-", "-1", " 1", "1 ", "t-1x", "x-1", "1.5", "9223372036854775808", "t--1"})
    EXPECT_FALSE(parse_tenant_id(bad)) << bad;
}

TEST(TenantId, JsonNamesTheFieldOnBadInput) {
  boost::json::value absent = nullptr;
  EXPECT_FALSE(json_tenant_id(nullptr, "tenant_id", "bad"));
  EXPECT_FALSE(json_tenant_id(&absent, "tenant_id", "bad"));
  boost::json::value n = 7, s = "t-007", neg = -3, str = "abc", b = true;
  EXPECT_EQ(json_tenant_id(&n, "tenant_id", "bad"), 7);
  EXPECT_EQ(json_tenant_id(&s, "tenant_id", "bad"), 7);
  for (auto* v : {&neg, &str, &b}) {
    try {
      json_tenant_id(v, "tenant_id", "bad tenant");
      ADD_FAILURE() << boost::json::serialize(*v);
    } catch (const ApiError& e) {
      EXPECT_EQ(e.field(), "tenant_id");
    }
  }
}

}  // namespace
}  // namespace aurixa
