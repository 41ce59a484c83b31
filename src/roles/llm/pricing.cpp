#include "roles/llm/pricing.hpp"

#include <cctype>
#include <cstdint>

namespace aurixa::llm {
namespace {

// "claude-3-5-haiku-20241022" -> "claude-3-5-haiku"; keys without a trailing date are unchanged.
std::string_view without_date(std::string_view key) {
  auto dash = key.rfind('-');
  if (dash == std::string_view::npos || key.size() - dash - 1 != 8) return key;
  for (char c : key.substr(dash + 1))
    if (!std::isdigit(static_cast<unsigned char>(c))) return key;
  return key.substr(0, dash);
}

}  // namespace

void PriceTable::set(std::string model, ModelPrice price) { prices_[std::move(model)] = std::move(price); }

std::optional<ModelPrice> PriceTable::find(std::string_view model) const {
  if (auto it = prices_.find(model); it != prices_.end()) return it->second;
  const ModelPrice* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& [key, price] : prices_) {
    for (std::string_view k : {std::string_view(key), without_date(key)}) {
      if (k.size() > best_len && model.substr(0, k.size()) == k) {
        best = &price;
        best_len = k.size();
      }
    }
  }
  if (best) return *best;
  return std::nullopt;
}

double PriceTable::cost(std::string_view model, std::int64_t input_tokens, std::int64_t output_tokens) const {
  auto p = find(model);
  if (!p) return 0.0;
  return (static_cast<double>(input_tokens) * p->input_per_mtok +
          static_cast<double>(output_tokens) * p->output_per_mtok) /
         1e6;
}

std::vector<std::string> PriceTable::models_of(std::string_view provider) const {
  std::vector<std::string> out;
  for (const auto& [model, price] : prices_)
    if (price.provider == provider) out.push_back(model);
  return out;
}

PriceTable default_price_table() {
  PriceTable t;
  // {model, provider, USD per 1K in, USD per 1K out} exactly as the original lists them.
  struct Row {
    const char* model;
    const char* provider;
    double in_per_k, out_per_k;
  };
  static constexpr Row kRows[] = {
      {"gpt-4o", "openai", 0.0025, 0.01},
      {"gpt-4o-mini", "openai", 0.00015, 0.0006},
      {"gpt-4-turbo", "openai", 0.01, 0.03},
      {"gpt-4", "openai", 0.03, 0.06},
      {"gpt-3.5-turbo", "openai", 0.0005, 0.0015},
      {"o1", "openai", 0.015, 0.06},
      {"o1-mini", "openai", 0.003, 0.012},
      {"o3-mini", "openai", 0.0011, 0.0044},
      {"claude-opus-4-20250514", "anthropic", 0.015, 0.075},
      {"claude-3-opus-20240229", "anthropic", 0.015, 0.075},
      {"claude-sonnet-4-20250514", "anthropic", 0.003, 0.015},
      {"claude-3-5-sonnet-20241022", "anthropic", 0.003, 0.015},
      {"claude-3-sonnet-20240229", "anthropic", 0.003, 0.015},
      {"claude-3-5-haiku-20241022", "anthropic", 0.0008, 0.004},
      {"claude-3-haiku-20240307", "anthropic", 0.00025, 0.00125},
      {"gemini-2.0-flash", "gemini", 0.0001, 0.0004},
      {"gemini-2.0-flash-lite", "gemini", 0.000075, 0.0003},
      {"gemini-1.5-flash", "gemini", 0.000075, 0.0003},
      {"gemini-1.5-pro", "gemini", 0.00125, 0.005},
      {"gemini-1.5-flash-8b", "gemini", 0.0000375, 0.00015},
  };
  for (const auto& r : kRows) t.set(r.model, {r.provider, r.in_per_k * 1000, r.out_per_k * 1000});
  t.set("builtin", {"builtin", 0, 0});
  return t;
}

}  // namespace aurixa::llm
