#include "roles/llm/routing.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>

namespace aurixa::llm {
namespace {

class FakeDirectory : public ProviderDirectory {
 public:
  explicit FakeDirectory(std::set<std::string> configured) : configured_(std::move(configured)) {}
  std::string unavailable_reason(const std::string& p, const RouteInput&) override {
    if (p == "builtin") return {};
    if (open_.count(p)) return "circuit open";
    return configured_.count(p) ? "" : "not configured";
  }
  std::string default_model(const std::string& p) override {
    if (p == "openai") return "gpt-4o-mini";
    if (p == "anthropic") return "claude-3-5-haiku-20241022";
    if (p == "local") return "llama-3.2-3b";
    return p;
  }
  std::set<std::string> configured_, open_;
};

RouteInput input(std::string prompt) {
  RouteInput in;
  in.prompt = std::move(prompt);
  in.input_tokens = 20;
  in.max_tokens = 256;
  in.remaining_budget_usd = std::numeric_limits<double>::infinity();
  return in;
}

class LlmRouting : public ::testing::Test {
 protected:
  PriceTable prices = default_price_table();
  ModelRouter router{default_routing(), prices};
};

// D7: "breakfast" contains "fast" but is not the keyword.
TEST_F(LlmRouting, KeywordsMatchWholeWordsOnly) {
  FakeDirectory dir({"anthropic", "local"});
  auto d = router.decide(input("I had breakfast before my appointment"), dir);
  EXPECT_EQ(d.provider, "local");
  EXPECT_EQ(d.reason, "Default (local-first)");
  auto hit = router.decide(input("give me a quick summary of my visit"), dir);
  EXPECT_EQ(hit.provider, "anthropic");
  EXPECT_EQ(hit.model, "claude-3-haiku-20240307");
  EXPECT_EQ(hit.reason, "Keyword match: ['fast', 'quick', 'summary']");
  EXPECT_EQ(hit.rule, "keyword:haiku");
}

// D7: a keyword hit for a provider without a key must not be chosen.
TEST_F(LlmRouting, NeverRoutesToAnUnconfiguredProvider) {
  FakeDirectory dir({"openai"});
  auto d = router.decide(input("I need a deep analysis, fast"), dir);
  EXPECT_EQ(d.provider, "openai");
  EXPECT_EQ(d.model, "gpt-4o-mini");
  ASSERT_GE(d.considered.size(), 2u);
  EXPECT_EQ(d.considered[0].provider, "anthropic");
  EXPECT_EQ(d.considered[0].skipped, "not configured");
}

TEST_F(LlmRouting, NothingConfiguredMeansBuiltin) {
  FakeDirectory dir({});
  auto d = router.decide(input("hello"), dir);
  EXPECT_EQ(d.provider, "builtin");
  EXPECT_EQ(d.model, "builtin");
}

TEST_F(LlmRouting, OpenCircuitIsSkipped) {
  FakeDirectory dir({"local", "openai"});
  dir.open_.insert("local");
  auto d = router.decide(input("what are your hours"), dir);
  EXPECT_EQ(d.provider, "openai");
}

TEST_F(LlmRouting, TenantPreferenceBeatsKeywords) {
  FakeDirectory dir({"anthropic", "openai"});
  auto in = input("quick question");
  in.tenant_preference = {"openai", "gpt-4o"};
  auto d = router.decide(in, dir);
  EXPECT_EQ(d.provider, "openai");
  EXPECT_EQ(d.model, "gpt-4o");
  EXPECT_EQ(d.rule, "tenant");
}

TEST_F(LlmRouting, HintModelInfersItsProvider) {
  FakeDirectory dir({"anthropic", "local"});
  auto in = input("hi");
  in.hint = {"", "claude-3-5-sonnet-20241022"};
  auto d = router.decide(in, dir);
  EXPECT_EQ(d.provider, "anthropic");
  EXPECT_EQ(d.model, "claude-3-5-sonnet-20241022");
  EXPECT_EQ(d.rule, "hint");
}

TEST_F(LlmRouting, SemanticIntentIsDetected) {
  FakeDirectory dir({"local"});
  auto d = router.decide(input("I want to book a visit next week"), dir);
  EXPECT_EQ(d.detected_intent, "appointment");
  EXPECT_GT(d.confidence, 0.5);
  auto none = router.decide(input("zebra xylophone"), dir);
  EXPECT_TRUE(none.detected_intent.empty());
  EXPECT_EQ(none.confidence, 1.0);
}

TEST_F(LlmRouting, SemanticRouteWithTargetRoutes) {
  auto cfg = default_routing();
  cfg.semantic_routes.push_back({"billing_expert", {"billing dispute about my invoice"}, {"openai", "gpt-4o"}});
  cfg.semantic_routes.erase(cfg.semantic_routes.begin() + 1);  // drop the intent-only billing route
  ModelRouter r(cfg, prices);
  FakeDirectory dir({"local", "openai"});
  auto d = r.decide(input("I have a billing dispute about my invoice"), dir);
  EXPECT_EQ(d.provider, "openai");
  EXPECT_EQ(d.model, "gpt-4o");
  EXPECT_EQ(d.rule, "semantic:billing_expert");
}

TEST_F(LlmRouting, CostAwareChoiceRespectsBudget) {
  FakeDirectory dir({"anthropic", "openai"});
  auto in = input("deep research on my insurance");
  in.max_tokens = 4000;
  in.remaining_budget_usd = 0.01;  // opus: 4000 * 75 / 1e6 = $0.30; gpt-4o-mini: ~$0.0024
  auto d = router.decide(in, dir);
  EXPECT_EQ(d.provider, "openai");
  ASSERT_FALSE(d.considered.empty());
  EXPECT_EQ(d.considered[0].model, "claude-3-opus-20240229");
  EXPECT_NE(d.considered[0].skipped.find("remaining budget"), std::string::npos);
}

TEST_F(LlmRouting, PerRequestCostCap) {
  auto cfg = default_routing();
  cfg.max_request_cost_usd = 0.0001;
  ModelRouter r(cfg, prices);
  FakeDirectory dir({"openai"});
  auto d = r.decide(input("hello"), dir);
  EXPECT_EQ(d.provider, "builtin");  // gpt-4o-mini with 256 output tokens exceeds $0.0001
}

TEST(LlmPricing, ExactPrefixAndDatedLookup) {
  auto t = default_price_table();
  EXPECT_DOUBLE_EQ(t.find("gpt-4o-mini")->input_per_mtok, 0.15);
  EXPECT_DOUBLE_EQ(t.find("gpt-4o-2024-08-06")->input_per_mtok, 2.5);  // prefix gpt-4o, not gpt-4
  EXPECT_DOUBLE_EQ(t.find("claude-3-5-haiku-latest")->output_per_mtok, 4.0);
  EXPECT_FALSE(t.find("llama-3.2-3b-instruct"));
  EXPECT_NEAR(t.cost("gpt-4o-mini", 1000, 500), (1000 * 0.15 + 500 * 0.6) / 1e6, 1e-12);
  EXPECT_EQ(t.cost("some-local-model", 1000, 1000), 0.0);
}

}  // namespace
}  // namespace aurixa::llm
