#include "roles/orchestration/cache.hpp"

#include <gtest/gtest.h>

namespace aurixa::orchestration {
namespace {

TEST(CacheKey, KeepsEveryWordSoNegationNeverSharesAnEntry) {
  EXPECT_NE(cache_key("can I take ibuprofen", 1, std::nullopt, "medical_question"),
            cache_key("can I not take ibuprofen", 1, std::nullopt, "medical_question"));
  EXPECT_NE(cache_key("can I take ibuprofen", 1, std::nullopt, "medical_question"),
            cache_key("can't I take ibuprofen", 1, std::nullopt, "medical_question"));
  // Case, spacing and punctuation do not matter.
  EXPECT_EQ(cache_key("What are your HOURS?", 1, std::nullopt, "clinic_info"),
            cache_key("  what are your hours ", 1, std::nullopt, "clinic_info"));
}

TEST(CacheKey, SeparatesTenantsPatientsAndIntents) {
  const auto k = cache_key("hours", 1, std::nullopt, "clinic_info");
  EXPECT_NE(k, cache_key("hours", 2, std::nullopt, "clinic_info"));
  EXPECT_NE(k, cache_key("hours", 1, 7, "clinic_info"));
  EXPECT_NE(k, cache_key("hours", 1, std::nullopt, "billing"));
}

TEST(ResponseCache, HitsMissesAndExpiry) {
  LocalResponseCache c(10, std::chrono::seconds(300));
  EXPECT_FALSE(c.get("a"));
  c.put("a", "answer");
  EXPECT_EQ(c.get("a").value_or(""), "answer");
  EXPECT_EQ(c.hits(), 1u);
  EXPECT_EQ(c.misses(), 1u);
  c.advance_clock(std::chrono::seconds(301));
  EXPECT_FALSE(c.get("a"));
  EXPECT_EQ(c.size(), 0u);
}

TEST(ResponseCache, EvictsTheLeastRecentlyUsed) {
  LocalResponseCache c(2, std::chrono::seconds(300));
  c.put("a", "1");
  c.put("b", "2");
  EXPECT_TRUE(c.get("a"));  // a is now the most recent
  c.put("c", "3");          // evicts b
  EXPECT_TRUE(c.get("a"));
  EXPECT_FALSE(c.get("b"));
  EXPECT_TRUE(c.get("c"));
  EXPECT_EQ(c.size(), 2u);
}

TEST(ResponseCache, DisabledWithZeroTtl) {
  LocalResponseCache c(10, std::chrono::seconds(0));
  c.put("a", "1");
  EXPECT_FALSE(c.get("a"));
}

}  // namespace
}  // namespace aurixa::orchestration
