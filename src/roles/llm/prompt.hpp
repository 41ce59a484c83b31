#pragma once
// Turns a ChatRequest into what a real model sees: one system text (the request's `system`, any system
// messages, and the pipeline context rendered as grounding instructions) plus the user/assistant turns.
// Every HTTP provider maps this to its own wire shape.
#include <string>
#include <vector>

#include "roles/llm/api.hpp"

namespace aurixa::llm {

struct Conversation {
  std::string system;
  std::vector<Message> turns;  // role user | assistant only; tool messages become user turns
};

Conversation conversation(const ChatRequest& request);

// The passages, tool results and missing slots as instructions; empty when the request has none.
std::string grounding(const ChatRequest& request);

// The last user message (what routing and the builtin responder answer).
std::string last_user_message(const ChatRequest& request);

}  // namespace aurixa::llm
