#pragma once
// Model routing: which provider and model should answer a prompt, and why. In order:
//   1. the request's own model/provider hint;  2. the tenant's preferred model;
//   3. keyword rules (whole words/phrases, case-insensitive; first rule whose target is usable wins);
//   4. semantic routes: bag-of-words cosine between the prompt and each route's example phrases
//      (best phrase counts), when the route names a target and the similarity reaches the threshold;
//   5. the first usable provider in the fallback order (local first, like the original); 6. builtin.
// A target is usable only if its provider is configured and its circuit is not open (the original
// routed to unconfigured cloud providers: D7), and its estimated cost fits the per-request cap and the
// tenant's remaining budget (cost-aware: an expensive rule target falls through to cheaper ones).
// Immutable after construction; decide() is thread-safe.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "roles/llm/api.hpp"
#include "roles/llm/pricing.hpp"

namespace aurixa::llm {

struct RouteTarget {
  std::string provider;  // empty = inferred from the model
  std::string model;     // empty = the provider's default model
};

struct KeywordRule {
  std::string name;
  std::vector<std::string> keywords;  // words or phrases
  RouteTarget target;
};

struct SemanticRoute {
  std::string name;                  // reported as detected_intent
  std::vector<std::string> phrases;  // descriptions / example phrases
  RouteTarget target;                // provider and model both empty: detects the intent only
};

struct RoutingConfig {
  std::vector<KeywordRule> keyword_rules;
  std::vector<SemanticRoute> semantic_routes;
  double semantic_threshold = 0.5;
  std::vector<std::string> fallback_order{"local", "openai", "anthropic", "gemini"};  // builtin is always last
  double max_request_cost_usd = 0;                                                    // 0 = no cap
};

// The original router's keyword rules and intents (spec/API.md §4.2).
RoutingConfig default_routing();

struct RouteInput {
  std::string prompt;
  RouteTarget hint;
  RouteTarget tenant_preference;
  std::int64_t input_tokens = 0;  // estimate, for the cost check
  std::int64_t max_tokens = 1024;
  double remaining_budget_usd = 0;  // infinity when the tenant has no budget
  bool pii_allowed = false;         // the tenant/deployment lets unredacted text reach cloud providers
};

// What the router needs to know about providers at decision time.
class ProviderDirectory {
 public:
  virtual ~ProviderDirectory() = default;
  // "" when the provider can take this request now, else why not ("not configured", "circuit open").
  virtual std::string unavailable_reason(const std::string& provider, const RouteInput& input) = 0;
  virtual std::string default_model(const std::string& provider) = 0;
};

class ModelRouter {
 public:
  ModelRouter(RoutingConfig config, const PriceTable& prices);
  RouteDecision decide(const RouteInput& input, ProviderDirectory& directory) const;
  // Which provider serves a model id: the price table, else the id's family prefix, else "local".
  std::string provider_for_model(std::string_view model) const;
  const RoutingConfig& config() const { return config_; }

  // Best semantic route for a prompt: (index, similarity); index -1 when no route shares a term.
  std::pair<int, double> best_semantic_route(std::string_view prompt) const;

 private:
  RoutingConfig config_;
  const PriceTable& prices_;
  // The routes' phrases as unit term vectors, inverted: term -> (phrase, weight). Phrases are numbered route
  // by route, in order; phrase_route_ maps them back.
  struct Posting {
    std::size_t phrase;
    double weight;
  };
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  std::vector<int> phrase_route_;
  std::vector<std::vector<std::vector<std::string>>> keyword_words_;  // per keyword rule, per keyword: words()
};

}  // namespace aurixa::llm
