#pragma once
// Orchestration role interface: one conversation turn through the pipeline (input safety -> intent ->
// agent tools or knowledge retrieval -> response generation -> output safety -> persistence). Plain C++
// (no Boost): implemented in-process by PipelineService and over HTTP by the split-mode client.
//
// Wire contract: POST /api/v1/pipelines (ConversationState) and /api/v1/pipelines/stream (NDJSON events
// status/text_delta/done/error), spec/API.md §3.8-3.9, extended with intent, confidence, escalated, citations.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace aurixa::orchestration {

struct PipelineRequest {
  std::string prompt;                     // required, non-empty
  std::string session_id;                 // empty = a new session (its id is returned)
  std::optional<std::int64_t> tenant_id;  // nullopt = the caller's tenant (CallContext), else tenant 1
  std::string user_id;
  std::optional<std::int64_t> patient_id;
  std::string channel = "text";  // text | voice (reported in telemetry; voice answers are kept short)
};

struct StepRecord {
  std::string name;  // classify_intent, agent_execution, knowledge_retrieval, generate_response, validate_output, ...
  std::string status;         // success | error | skipped
  std::string input_json;     // JSON text or empty (null)
  std::string output_json;    // JSON text or empty (null)
  std::string error_message;  // empty = null
  double start_time = 0;      // epoch seconds; 0 = null
  double end_time = 0;
};

struct Citation {
  std::string source;
  std::string title;
  std::string article_id;
};

struct PipelineResult {
  std::string session_id;
  PipelineRequest request;
  std::vector<StepRecord> steps;
  std::string final_response;
  std::string intent;
  double confidence = 0;
  bool escalated = false;
  std::string escalation_type;  // emergency | human | empty
  std::vector<Citation> citations;
  bool cached = false;
  double created_at = 0;  // epoch seconds
  double updated_at = 0;
};

// One NDJSON line of /pipelines/stream: status {message}, text_delta {delta}, done {final_response + the
// whole result}, error {message}.
struct StreamEvent {
  std::string event;  // status | text_delta | done | error
  std::string text;   // message, delta or final_response
  const PipelineResult* result = nullptr;  // set on done
};

class Api {
 public:
  virtual ~Api() = default;
  // Throws ApiError for invalid requests (422 naming the field) and 500 "Pipeline execution failed: ..."
  // when a step fails.
  virtual PipelineResult run(const PipelineRequest& request, const CallContext& ctx) = 0;
  // Calls on_event in order; failures after the first event are reported as an error event, not thrown.
  virtual void run_stream(const PipelineRequest& request, const CallContext& ctx,
                          const std::function<void(const StreamEvent&)>& on_event) = 0;
};

}  // namespace aurixa::orchestration
