#include "roles/llm/routing.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "roles/llm/text.hpp"

namespace aurixa::llm {
namespace {

std::map<std::string, double> unit_vector(std::string_view s) {
  std::map<std::string, double> v;
  for (auto& t : text::content_terms(s)) v[t] += 1.0;
  double norm = 0;
  for (const auto& [t, x] : v) norm += x * x;
  norm = std::sqrt(norm);
  for (auto& [t, x] : v) x /= norm;
  return v;
}

// The original's metadata format: Python's repr of the rule's keyword list.
std::string python_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out + "]";
}

std::string usd(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "$%.6f", v);
  return buf;
}

}  // namespace

RoutingConfig default_routing() {
  RoutingConfig c;
  c.keyword_rules = {
      {"haiku", {"fast", "quick", "summary"}, {"anthropic", "claude-3-haiku-20240307"}},
      {"opus", {"deep", "research", "analysis"}, {"anthropic", "claude-3-opus-20240229"}},
      {"gemini", {"google", "gemini"}, {"gemini", "gemini-1.5-pro"}},
  };
  // The original embedded only the first phrase of each intent; every phrase counts here.
  c.semantic_routes = {
      {"appointment", {"schedule appointment", "book a visit", "reschedule", "cancel appointment"}, {}},
      {"billing", {"bill", "payment", "insurance", "copay", "balance due"}, {}},
      {"prescription", {"refill", "prescription", "medication"}, {}},
      {"general", {"hello", "help", "hours", "contact"}, {}},
  };
  return c;
}

ModelRouter::ModelRouter(RoutingConfig config, const PriceTable& prices) : config_(std::move(config)), prices_(prices) {
  for (std::size_t r = 0; r < config_.semantic_routes.size(); ++r)
    for (const auto& p : config_.semantic_routes[r].phrases) {
      const auto v = unit_vector(p);
      if (v.empty()) continue;
      for (const auto& [term, w] : v) postings_[term].push_back({phrase_route_.size(), w});
      phrase_route_.push_back(static_cast<int>(r));
    }
  for (const auto& rule : config_.keyword_rules) {
    auto& split = keyword_words_.emplace_back();
    for (const auto& k : rule.keywords) split.push_back(text::words(k));
  }
}

std::string ModelRouter::provider_for_model(std::string_view model) const {
  if (auto p = prices_.find(model)) return p->provider;
  auto starts = [&](std::string_view prefix) { return model.substr(0, prefix.size()) == prefix; };
  if (starts("gpt-") || starts("o1") || starts("o3") || starts("o4") || starts("chatgpt")) return "openai";
  if (starts("claude")) return "anthropic";
  if (starts("gemini")) return "gemini";
  if (model == "builtin") return "builtin";
  return "local";
}

// The cosine of the prompt with every phrase, accumulated over the prompt's terms only (in the term order of
// a plain dot product, so the sums are the same), then the first phrase with the highest similarity.
std::pair<int, double> ModelRouter::best_semantic_route(std::string_view prompt) const {
  const auto q = unit_vector(prompt);
  int best = -1;
  double best_sim = 0;
  if (q.empty()) return {best, best_sim};
  std::vector<double> sims(phrase_route_.size(), 0.0);
  for (const auto& [term, x] : q)
    if (const auto it = postings_.find(term); it != postings_.end())
      for (const auto& p : it->second) sims[p.phrase] += x * p.weight;
  for (std::size_t i = 0; i < sims.size(); ++i)
    if (sims[i] > best_sim) {
      best_sim = sims[i];
      best = phrase_route_[i];
    }
  return {best, best_sim};
}

RouteDecision ModelRouter::decide(const RouteInput& in, ProviderDirectory& dir) const {
  RouteDecision d;
  const double cap =
      config_.max_request_cost_usd > 0 ? config_.max_request_cost_usd : std::numeric_limits<double>::infinity();
  bool chosen = false;

  auto consider = [&](const RouteTarget& t, const std::string& rule, const std::string& reason) {
    if (chosen) return;
    RouteCandidate c;
    c.provider = t.provider.empty() ? provider_for_model(t.model) : t.provider;
    c.skipped = dir.unavailable_reason(c.provider, in);
    if (c.skipped.empty()) {
      c.model = t.model.empty() ? dir.default_model(c.provider) : t.model;
      c.estimated_cost_usd = prices_.cost(c.model, in.input_tokens, in.max_tokens);
      if (c.estimated_cost_usd > cap)
        c.skipped = "estimated cost " + usd(c.estimated_cost_usd) + " exceeds the per-request cap " + usd(cap);
      else if (c.estimated_cost_usd > in.remaining_budget_usd)
        c.skipped = "estimated cost " + usd(c.estimated_cost_usd) + " exceeds the tenant's remaining budget " +
                    usd(in.remaining_budget_usd);
    } else {
      c.model = t.model;
    }
    // One entry per provider/model, and one per unavailable provider: the default step would otherwise
    // repeat rule targets that were already skipped.
    for (const auto& prev : d.considered)
      if (prev.provider == c.provider && (prev.model == c.model || (!c.skipped.empty() && prev.skipped == c.skipped)))
        return;
    d.considered.push_back(c);
    if (!c.skipped.empty()) return;
    chosen = true;
    d.provider = c.provider;
    d.model = c.model;
    d.rule = rule;
    d.reason = reason;
    d.estimated_cost_usd = c.estimated_cost_usd;
  };

  auto [route, similarity] = best_semantic_route(in.prompt);
  d.intent_similarity = similarity;
  if (route >= 0 && similarity >= config_.semantic_threshold) d.detected_intent = config_.semantic_routes[route].name;
  d.confidence = similarity > 0 ? similarity : 1.0;

  if (!in.hint.provider.empty() || !in.hint.model.empty())
    consider(in.hint, "hint", in.hint.model.empty() ? "Requested provider" : "Requested model");
  if (!in.tenant_preference.provider.empty() || !in.tenant_preference.model.empty())
    consider(in.tenant_preference, "tenant", "Tenant preference");
  if (!chosen) {
    const auto words = text::words(in.prompt);
    for (std::size_t r = 0; r < config_.keyword_rules.size(); ++r) {
      const auto& rule = config_.keyword_rules[r];
      bool hit = false;
      for (const auto& k : keyword_words_[r]) hit = hit || text::contains_words(words, k);
      if (hit) consider(rule.target, "keyword:" + rule.name, "Keyword match: " + python_list(rule.keywords));
      if (chosen) break;
    }
  }
  if (!chosen && !d.detected_intent.empty()) {
    const auto& r = config_.semantic_routes[route];
    if (!r.target.provider.empty() || !r.target.model.empty()) {
      char sim[16];
      std::snprintf(sim, sizeof sim, "%.2f", similarity);
      consider(r.target, "semantic:" + r.name, "Semantic route: " + r.name + " (similarity " + sim + ")");
    }
  }
  for (const auto& p : config_.fallback_order) {
    if (chosen) break;
    if (p == "builtin") continue;  // always last, below
    consider({p, ""}, "default",
             p == "local" ? "Default (local-first)" : "Default (first available provider in the fallback order)");
  }
  consider({"builtin", "builtin"}, "default", "Default (builtin responder: no model provider is available)");
  return d;
}

}  // namespace aurixa::llm
