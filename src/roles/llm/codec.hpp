#pragma once
// JSON <-> api.hpp types for the role's HTTP surfaces: the original's routes (spec/API.md §4) and the
// OpenAI-compatible /v1/chat/completions. Include only from .cpp files (Boost.JSON).
// Parsing errors are ApiError validation (422) naming the field.
#include <boost/json.hpp>
#include <string>

#include "roles/llm/api.hpp"

namespace aurixa::llm::codec {

namespace bj = boost::json;

// POST /api/v1/generate and /generate/stream: {messages, model?, provider?, temperature?, max_tokens?,
// system?, stop?, tenant_id?, tools? (OpenAI shape; function calling, not for streams), context?: {passages,
// tool_results, missing_slots, intent}}. Messages may carry tool_calls / tool_call_id / name / is_error.
ChatRequest parse_generate(const bj::object& body);
// The original's LLMResponse: {content, model, provider, tool_calls (null, or OpenAI-shaped calls), usage{prompt_tokens,
// completion_tokens, total_tokens, estimated_cost_usd}, latency_ms, metadata{finish_reason, ...}}.
bj::object generate_response(const ChatResponse& r);
// NDJSON stream lines (without the newline).
std::string delta_line(std::string_view delta);
std::string done_line(const ChatResponse& r);
std::string error_line(std::string_view message);

RouteRequest parse_route(const bj::object& body);
bj::object route_response(const RouteDecision& d);

bj::object providers_response(const std::vector<ProviderInfo>& providers);
bj::object models_response(const std::vector<ModelInfo>& models);

// The inverse directions, for the split-mode client (client.cpp).
bj::object generate_request_json(const ChatRequest& r);
ChatResponse parse_generate_response(const bj::object& o);
// Folds a `done` stream line into r (text stays as streamed).
void apply_done_line(const bj::object& done, ChatResponse& r);
bj::object route_request_json(const RouteRequest& r);
RouteDecision parse_route_response(const bj::object& o);
std::vector<ProviderInfo> parse_providers(const bj::object& o);
std::vector<ModelInfo> parse_models(const bj::object& o);

// OpenAI Chat Completions request. Sets `stream` and `include_usage`. A model "auto" (or none) lets the
// router decide; "<provider>/<model>" pins a provider.
struct OpenAiRequest {
  ChatRequest chat;
  bool stream = false;
  bool include_usage = false;
  std::string model_label;  // what responses report before the answering model is known
};
OpenAiRequest parse_openai(const bj::object& body);
bj::object openai_completion(const ChatResponse& r, const std::string& id, std::int64_t created);
// One SSE chunk object: delta text (role on the first), or a final finish_reason chunk.
bj::object openai_chunk(const std::string& id, std::int64_t created, const std::string& model, const bj::object& delta,
                        const char* finish_reason);
bj::object openai_usage_chunk(const ChatResponse& r, const std::string& id, std::int64_t created);
bj::object openai_models(const std::vector<ModelInfo>& models);

}  // namespace aurixa::llm::codec
