#pragma once
// Model price table: USD per 1M input and output tokens, and which provider serves a model.
// Lookup: exact id, else the longest table key the id starts with, where a key's trailing date
// ("claude-3-5-haiku-20241022") may be dropped so "claude-3-5-haiku-latest" still finds its price.
// Unknown models (any local model) cost 0. Immutable after construction; thread-safe to read.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::llm {

struct ModelPrice {
  std::string provider;  // openai | anthropic | gemini | local | builtin
  double input_per_mtok = 0;
  double output_per_mtok = 0;
};

class PriceTable {
 public:
  void set(std::string model, ModelPrice price);
  std::optional<ModelPrice> find(std::string_view model) const;
  // USD for a call; 0 for unknown models.
  double cost(std::string_view model, std::int64_t input_tokens, std::int64_t output_tokens) const;
  const std::map<std::string, ModelPrice, std::less<>>& entries() const { return prices_; }
  std::vector<std::string> models_of(std::string_view provider) const;

 private:
  std::map<std::string, ModelPrice, std::less<>> prices_;
};

// The original router's table (spec/API.md §4.3), converted from per-1K to per-1M tokens.
PriceTable default_price_table();

}  // namespace aurixa::llm
