#include "roles/llm/settings.hpp"

#include <gtest/gtest.h>

#include "core/config.hpp"

namespace aurixa::llm {
namespace {

Config config_with(std::map<std::string, std::string> env) {
  ConfigSources src;
  src.env = [env](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  return load_config(src);
}

const ExtraProvider* find(const LlmSettings& s, const std::string& id) {
  for (const auto& p : s.providers)
    if (p.options.id == id) return &p;
  return nullptr;
}

TEST(LlmSettings, NoKeysMeansNoProviders) {
  auto s = llm_settings_from(config_with({}));
  EXPECT_TRUE(s.providers.empty());
  EXPECT_EQ(s.options.timeout, std::chrono::milliseconds(15'000));
}

TEST(LlmSettings, PlaceholderKeysDoNotConfigureProviders) {
  auto s = llm_settings_from(
      config_with({{"OPENAI_API_KEY", "sk-placeholder"}, {"ANTHROPIC_API_KEY", "sk-ant-placeholder"}}));
  EXPECT_TRUE(s.providers.empty());
}

TEST(LlmSettings, EnvironmentConfiguresProviders) {
  auto s = llm_settings_from(config_with({{"OPENAI_API_KEY", "sk-1"},
                                          {"LM_STUDIO_BASE_URL", "http://127.0.0.1:1234"},
                                          {"GOOGLE_AI_API_KEY", "g-1"},
                                          {"AURIXA_LLM_TIMEOUT_MS", "5000"},
                                          {"SEMANTIC_ROUTING_THRESHOLD", "0.7"}}));
  ASSERT_TRUE(find(s, "openai"));
  EXPECT_TRUE(find(s, "openai")->options.cloud);
  EXPECT_EQ(find(s, "openai")->options.api_key, "sk-1");
  ASSERT_TRUE(find(s, "local"));
  EXPECT_FALSE(find(s, "local")->options.cloud);
  EXPECT_TRUE(find(s, "gemini"));
  EXPECT_FALSE(find(s, "anthropic"));
  EXPECT_EQ(s.options.timeout, std::chrono::milliseconds(5000));
  EXPECT_DOUBLE_EQ(s.routing.semantic_threshold, 0.7);
}

TEST(LlmSettings, JsonOverridesPricesRulesAndTenants) {
  LlmSettings s;
  apply_llm_json(R"({
    "prices": {"llama-3.2-3b": {"provider": "local", "input_per_mtok": 0.01, "output_per_mtok": 0.02}},
    "keyword_rules": [{"name": "cheap", "keywords": ["summarise"], "provider": "openai", "model": "gpt-4o-mini"}],
    "limits": {"requests_per_minute": 30},
    "tenants": {"7": {"preferred_model": "gpt-4o", "daily_budget_usd": 2.5, "allow_pii": true}},
    "providers": [{"id": "ollama", "kind": "openai", "base_url": "http://ollama:11434/v1", "default_model": "llama3.2"}]
  })",
                 s, "test");
  EXPECT_DOUBLE_EQ(s.prices.find("llama-3.2-3b")->output_per_mtok, 0.02);
  ASSERT_EQ(s.routing.keyword_rules.size(), 1u);
  EXPECT_EQ(s.routing.keyword_rules[0].target.model, "gpt-4o-mini");
  EXPECT_EQ(s.default_limits.requests_per_minute, 30);
  EXPECT_EQ(s.tenants["7"].preference.model, "gpt-4o");
  EXPECT_DOUBLE_EQ(s.tenants["7"].limits.daily_budget_usd, 2.5);
  EXPECT_EQ(s.tenants["7"].limits.requests_per_minute, 30);  // inherits the default it did not override
  EXPECT_TRUE(s.tenants["7"].allow_pii);
  ASSERT_TRUE(find(s, "ollama"));
  EXPECT_FALSE(find(s, "ollama")->options.cloud);  // single-label host: self-hosted
}

TEST(LlmSettings, JsonErrorsNameTheSetting) {
  LlmSettings s;
  try {
    apply_llm_json(R"({"tenants": {"7": {"daily_budget": 3}}})", s, "file 'x.json'");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("tenants.7.daily_budget"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("x.json"), std::string::npos);
  }
  EXPECT_THROW(apply_llm_json(R"({"limits": {"requests_per_minute": -1}})", s, "t"), ConfigError);
  EXPECT_THROW(apply_llm_json("{not json", s, "t"), ConfigError);
}

TEST(LlmSettings, SelfHostedUrls) {
  EXPECT_TRUE(is_self_hosted_url("http://127.0.0.1:1234/v1"));
  EXPECT_TRUE(is_self_hosted_url("http://localhost:11434"));
  EXPECT_TRUE(is_self_hosted_url("http://10.0.3.4:8000/v1"));
  EXPECT_TRUE(is_self_hosted_url("http://172.20.0.5/v1"));
  EXPECT_TRUE(is_self_hosted_url("http://vllm.models.svc.cluster.local/v1"));
  EXPECT_TRUE(is_self_hosted_url("http://[::1]:8080"));
  EXPECT_FALSE(is_self_hosted_url("https://api.openai.com/v1"));
  EXPECT_FALSE(is_self_hosted_url("http://172.32.0.1/v1"));
}

}  // namespace
}  // namespace aurixa::llm
