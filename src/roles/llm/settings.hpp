#pragma once
// Everything the LLM role is configured with, in one place: provider endpoints and keys (from the
// environment, names as the original), the price table, routing rules, tenant preferences and limits
// (defaults from code, overridable by the JSON file AURIXA_LLM_CONFIG), and service tuning.
//
// JSON file (every key optional; unknown keys are an error):
//   {"prices": {"<model>": {"provider": "openai", "input_per_mtok": 2.5, "output_per_mtok": 10}},
//    "keyword_rules": [{"name": "haiku", "keywords": ["fast"], "provider": "anthropic", "model": "..."}],
//    "semantic_routes": [{"name": "billing", "phrases": ["bill", "copay"], "provider": "", "model": ""}],
//    "semantic_threshold": 0.5, "fallback_order": ["local", "openai", "anthropic", "gemini"],
//    "max_request_cost_usd": 0.05, "default_models": {"openai": "gpt-4o-mini"},
//    "limits": {"requests_per_minute": 60, "tokens_per_minute": 100000, "daily_budget_usd": 5},
//    "tenants": {"<tenant id>": {"preferred_provider": "", "preferred_model": "", "allow_pii": false,
//                                "requests_per_minute": 0, "tokens_per_minute": 0, "daily_budget_usd": 0}},
//    "providers": [{"id": "ollama", "kind": "openai", "base_url": "http://127.0.0.1:11434/v1",
//                   "api_key": "", "default_model": "llama3.2"}]}
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "roles/llm/breaker.hpp"
#include "roles/llm/limits.hpp"
#include "roles/llm/pricing.hpp"
#include "roles/llm/provider.hpp"
#include "roles/llm/routing.hpp"

namespace aurixa {
struct Config;
}

namespace aurixa::llm {

struct TenantSettings {
  RouteTarget preference;
  bool allow_pii = false;  // this tenant lets unredacted personal data reach cloud providers
  bool has_limits = false;
  TenantLimits limits;
};

struct ServiceOptions {
  std::chrono::milliseconds timeout{15'000};  // per request, capped by the caller's deadline
  int max_attempts = 2;                       // per provider, for retryable failures (429, 5xx, transport)
  std::chrono::milliseconds retry_base{200};  // backoff: uniform in [0, base * 2^(attempt-1)]
  CircuitBreaker::Options breaker;
  bool allow_pii = false;  // deployment-wide: send unredacted personal data to cloud providers
};

struct ExtraProvider {
  std::string kind;  // openai | anthropic | gemini
  ProviderOptions options;
};

struct LlmSettings {
  std::vector<ExtraProvider> providers;  // HTTP providers to build (kind + endpoint)
  PriceTable prices = default_price_table();
  RoutingConfig routing = default_routing();
  TenantLimits default_limits;
  std::map<std::string, TenantSettings> tenants;
  ServiceOptions options;
};

// From the process configuration (and the JSON file it names). Throws ConfigError naming the problem.
LlmSettings llm_settings_from(const Config& config);
// Applies a JSON config document on top of `settings`. Throws ConfigError mentioning `origin`.
void apply_llm_json(std::string_view json, LlmSettings& settings, const std::string& origin);

}  // namespace aurixa::llm
