#pragma once
// Tool calling through a model provider (OpenAI `tools`/`tool_calls`, Anthropic `tool_use`/`tool_result`,
// Gemini `functionDeclarations`/`functionCall`/`functionResponse`; the llm role translates): the model sees
// the conversation and the agent's tools, the agent runs the calls it makes and feeds the results back,
// up to a bound of model calls per turn.
//
// Safety is enforced here, not by the model: the tenant and patient come from the request (TurnInput,
// the clinic), never from model arguments (an identity argument is refused); arguments are validated
// against the tool's schema and the clinic (a bad one is a tool error the model sees); reads run at once,
// but a write (create/reschedule/cancel appointment, refill, hand-off) only becomes the pending action in
// the dialogue state, exactly as the planner leaves it, and the turn ends with the planner's yes/no
// question — the write itself happens in a later turn, after the patient's "yes" (planner.cpp commits).
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "roles/agents/planner.hpp"
#include "roles/llm/api.hpp"

namespace aurixa::agents {

struct ToolTurnOptions {
  int max_steps = 5;  // model calls per turn
  std::int64_t tenant_id = 1;
  std::string time_zone = "UTC";
};

// The tools a model may call: names and JSON Schemas (no patient or tenant argument anywhere).
std::vector<llm::ToolSpec> model_tools();

// True when `llm` has a configured model provider whose circuit is not open (besides the builtin responder).
bool has_model_provider(llm::Api& llm);

// One turn chosen by the model. nullopt when no model provider answered (errors, tenant limits, or only the
// builtin responder was left): the caller runs the deterministic planner instead.
std::optional<RunResult> tool_turn(DialogueState& state, const TurnInput& input, Clinic& clinic, llm::Api& llm,
                                   const CallContext& ctx, const ToolTurnOptions& options);

}  // namespace aurixa::agents
