#pragma once
// LLM router role interface: chat generation (whole or streamed) through a chain of model providers
// with a deterministic built-in responder as the last fallback, plus the routing decision itself.
// Plain C++ (no Boost): implemented in-process by LlmService (service.hpp).
//
// Wire contract: POST /api/v1/route, /api/v1/generate, /api/v1/generate/stream (NDJSON) as the original
// (spec/API.md §4), extended with `system`, `stop`, `tenant_id` and a `context` object for the builtin
// responder; and an OpenAI-compatible POST /v1/chat/completions + GET /v1/models.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/context.hpp"

namespace aurixa::llm {

// A function call the model asked for (OpenAI tool_calls, Anthropic tool_use, Gemini functionCall).
struct ToolCallRequest {
  std::string id;         // the vendor's call id (synthesised when the vendor has none, e.g. Gemini)
  std::string name;       // the tool's name
  std::string arguments;  // JSON text as the model wrote it (may be malformed: the caller validates)
};

// A tool the model may call: name, what it does, and a JSON Schema (object) of its arguments.
struct ToolSpec {
  std::string name;
  std::string description;
  std::string parameters;  // JSON Schema text
};

struct Message {
  std::string role;  // system | user | assistant | tool
  std::string content;
  // Function calling: an assistant turn's calls, and on a tool turn the call it answers.
  std::vector<ToolCallRequest> tool_calls;
  std::string tool_call_id;  // role tool: the ToolCallRequest::id answered
  std::string name;          // role tool: the tool's name (Gemini matches results by name)
  bool is_error = false;     // role tool: the tool refused or failed
};

// A retrieved knowledge passage (from the RAG role). The builtin responder answers only from these.
struct Passage {
  std::string title;
  std::string content;
  std::string source;      // URL or document name; shown in citations when there is no title
  std::string article_id;  // knowledge article id, if any
};

// The outcome of a tool the agent ran (booking, refill, ...). Fields are shown in the given order.
struct ToolResult {
  std::string name;  // e.g. book_appointment
  bool ok = true;
  std::string summary;                                      // what the tool reported, if anything
  std::vector<std::pair<std::string, std::string>> fields;  // structured result (date, time, ...)
  std::string error;                                        // why it failed when !ok
};

struct ChatRequest {
  std::vector<Message> messages;  // required, non-empty
  std::string system;             // extra system prompt (added before any system messages)
  int max_tokens = 1024;
  double temperature = 0.7;
  std::vector<std::string> stop;
  std::string model;      // hint; empty = the router decides
  std::string provider;   // hint: local|openai|anthropic|gemini|builtin; empty = router + fallback chain
  std::string tenant_id;  // empty = the CallContext's tenant, else "default"

  // Pipeline context. The builtin responder composes its answer from these; model providers receive
  // them rendered into the system prompt so they can ground their answer too.
  std::vector<Passage> passages;
  std::vector<ToolResult> tool_results;
  std::vector<std::string> missing_slots;  // slot names the agent still needs (date, time, ...)
  std::string intent;                      // the orchestration's label (clinic_info, out_of_scope, ...)
  std::string language;                    // "es": the patient wrote in Spanish (reply in Spanish); else English

  // Function calling (generate only; generate_stream drops them): the tools the model may call. Providers send them in
  // their vendor's format; the builtin responder ignores them (the caller sees provider "builtin").
  std::vector<ToolSpec> tools;
};

// One provider tried while serving a request (the fallback trail).
struct Attempt {
  std::string provider;
  std::string model;
  std::string outcome;  // ok | error | skipped
  std::string detail;   // error text or why it was skipped
};

struct ChatResponse {
  std::string text;
  std::string finish_reason;  // stop | length | content_filter | error | cancelled
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool usage_estimated = false;  // true when the provider reported no usage and we counted ourselves
  double latency_ms = 0;
  double cost_usd = 0;
  std::string provider;  // the provider that produced the text
  std::string model;     // as reported by the provider
  std::string error;     // set with finish_reason "error": a stream broke after its first delta
  std::vector<Attempt> attempts;
  std::vector<ToolCallRequest> tool_calls;  // the model asked for these (finish_reason tool_calls)
};

struct RouteRequest {
  std::string prompt;  // required
  std::string tenant_id;
  std::string session_id;
  std::string user_id;
  int max_tokens = 1024;  // for the cost estimate
};

struct RouteCandidate {
  std::string provider;
  std::string model;
  double estimated_cost_usd = 0;
  std::string skipped;  // empty when eligible; else why it was not chosen (not configured, circuit open, ...)
};

struct RouteDecision {
  std::string provider;
  std::string model;
  double confidence = 1.0;
  std::string reason;           // human-readable, e.g. "Keyword match: ['fast', 'quick', 'summary']"
  std::string rule;             // hint | tenant | keyword:<name> | semantic:<name> | default
  std::string detected_intent;  // empty when no semantic route reached the threshold
  double intent_similarity = 0;
  double estimated_cost_usd = 0;  // upper bound: estimated input + max_tokens output
  std::vector<RouteCandidate> considered;
};

struct ProviderInfo {
  std::string id;    // local | openai | anthropic | gemini | builtin
  std::string name;  // display name
  bool configured = false;
  bool healthy = false;  // configured and its circuit is not open
  bool cloud = false;    // requests leave this deployment (PII is redacted unless allowed)
  std::string circuit;   // closed | open | half_open
  std::string default_model;
};

struct ModelInfo {
  std::string id;
  std::string provider;
  double input_usd_per_mtok = 0;
  double output_usd_per_mtok = 0;
};

// Called with each text delta in order; return false to stop (the client went away).
using DeltaSink = std::function<bool(std::string_view delta)>;

// Thread-safety: every method may be called concurrently. Errors are ApiError: validation (422, naming
// the field), rate_limited (429: tenant requests/tokens per minute or budget). Provider failures never
// surface while a fallback remains, and the builtin responder always remains.
class Api {
 public:
  virtual ~Api() = default;
  virtual ChatResponse generate(const ChatRequest& request, const CallContext& ctx) = 0;
  // Streams deltas to on_delta. Fails over to the next provider only before the first delta reached
  // on_delta; a failure after that returns what was streamed with finish_reason "error" and `error` set
  // (usage is estimated and still billed), so the caller can end its stream with an error event.
  virtual ChatResponse generate_stream(const ChatRequest& request, const CallContext& ctx,
                                       const DeltaSink& on_delta) = 0;
  // Throws what generate would throw before calling any provider (validation, 429) without counting the
  // request, so a streaming endpoint can answer with a status code before it commits to a 200 stream.
  virtual void check_admission(const ChatRequest& request, const CallContext& ctx) = 0;
  virtual RouteDecision route(const RouteRequest& request, const CallContext& ctx) = 0;
  virtual std::vector<ProviderInfo> providers() = 0;
  virtual std::vector<ModelInfo> models() = 0;
};

}  // namespace aurixa::llm
