#pragma once
// The builtin responder: a deterministic, grounded answer writer that needs no model. It composes the
// reply only from the request's context, so it cannot invent facts:
//  - passages: the sentences most relevant to the question (IDF-weighted term overlap, title as a tie
//    breaker), in passage order, cited [n] with a Sources line naming the titles;
//  - tool results: clear confirmations (or failures) with the result's own fields;
//  - missing slots: one clarifying question asking for all of them;
//  - intent out_of_scope: a polite refusal; small talk: a greeting;
//  - nothing relevant: says it does not have that information and offers a staff handoff.
// Emergency guidance is the safety role's job, not this one's. Stateless and thread-safe; a reply takes
// microseconds.
#include <string>

#include "roles/llm/api.hpp"

namespace aurixa::llm {

class BuiltinResponder {
 public:
  std::string respond(const ChatRequest& request) const;

  // Pieces, exposed for tests.
  std::string answer_from_passages(const std::string& question, const std::vector<Passage>& passages) const;
  std::string confirm_tools(const std::vector<ToolResult>& results) const;
  std::string ask_for_slots(const std::string& intent, const std::vector<std::string>& slots) const;
};

}  // namespace aurixa::llm
