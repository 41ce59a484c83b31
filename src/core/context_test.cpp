#include "core/context.hpp"

#include <gtest/gtest.h>

#include "core/http_types.hpp"

namespace aurixa {
namespace {

TEST(TraceParent, ParsesValidHeaderAndStartsChildSpan) {
  auto tp = TraceParent::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(tp);
  EXPECT_EQ(tp->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(tp->parent_id, "00f067aa0ba902b7");
  EXPECT_EQ(tp->span_id.size(), 16u);
  auto child = tp->header_for_child();
  EXPECT_EQ(child.substr(0, 36), "00-4bf92f3577b34da6a3ce929d0e0e4736-");
  EXPECT_EQ(child.substr(36, 16), tp->span_id);
  EXPECT_EQ(child.substr(53), "01");
}

TEST(TraceParent, RejectsMalformedHeaders) {
  EXPECT_FALSE(TraceParent::parse(""));
  EXPECT_FALSE(TraceParent::parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"));  // upper case
  EXPECT_FALSE(TraceParent::parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));  // zero trace
  EXPECT_FALSE(TraceParent::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"));  // zero parent
  EXPECT_FALSE(TraceParent::parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));  // bad version
  EXPECT_FALSE(TraceParent::parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"));
}

TEST(TraceParent, NewTraceHasFreshIds) {
  auto a = TraceParent::start_new(), b = TraceParent::start_new();
  EXPECT_EQ(a.trace_id.size(), 32u);
  EXPECT_NE(a.trace_id, b.trace_id);
}

TEST(Uuid, IsVersion4Format) {
  auto u = new_uuid();
  ASSERT_EQ(u.size(), 36u);
  EXPECT_EQ(u[14], '4');
  EXPECT_NE(std::string("89ab").find(u[19]), std::string::npos);
}

TEST(CallContext, RemainingIsNeverNegative) {
  CallContext c;
  c.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  EXPECT_EQ(c.remaining().count(), 0);
  EXPECT_TRUE(c.expired());
}

TEST(Request, QueryParamDecodes) {
  http::Request r;
  r.query = "q=chest+pain&tenant_id=t%2D001&flag";
  EXPECT_EQ(r.query_param("q"), "chest pain");
  EXPECT_EQ(r.query_param("tenant_id"), "t-001");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_FALSE(r.query_param("none"));
}

TEST(Headers, CaseInsensitiveAndReplace) {
  http::Headers h;
  h.set("Content-Type", "a");
  h.set("content-type", "b");
  EXPECT_EQ(h.items().size(), 1u);
  EXPECT_EQ(h.get("CONTENT-TYPE"), "b");
}

}  // namespace
}  // namespace aurixa
