#include "roles/llm/prompt.hpp"

namespace aurixa::llm {

std::string grounding(const ChatRequest& r) {
  std::string out;
  if (!r.passages.empty()) {
    out +=
        "Answer using only the clinic information below and cite the passages you use like [1]. If it does "
        "not answer the question, say that you do not have that information and offer to connect the "
        "patient with the clinic's staff.\n\nClinic information:\n";
    for (std::size_t i = 0; i < r.passages.size(); ++i) {
      const auto& p = r.passages[i];
      out += "[" + std::to_string(i + 1) + "] ";
      if (!p.title.empty()) out += p.title + ": ";
      out += p.content + "\n";
    }
  }
  if (!r.tool_results.empty()) {
    out += (out.empty() ? "" : "\n");
    out += "Actions already carried out (confirm them to the patient exactly as stated):\n";
    for (const auto& t : r.tool_results) {
      out += "- " + t.name + ": " + (t.ok ? "succeeded" : "failed");
      if (!t.ok && !t.error.empty()) out += " (" + t.error + ")";
      if (!t.summary.empty()) out += ". " + t.summary;
      for (const auto& [k, v] : t.fields) out += "; " + k + ": " + v;
      out += "\n";
    }
  }
  if (!r.missing_slots.empty()) {
    out += (out.empty() ? "" : "\n");
    out += "Before anything else, ask the patient for: ";
    for (std::size_t i = 0; i < r.missing_slots.size(); ++i) out += (i ? ", " : "") + r.missing_slots[i];
    out += ".\n";
  }
  if (r.language == "es") {
    out += (out.empty() ? "" : "\n");
    out += "The patient writes in Spanish: reply in Spanish.\n";
  }
  return out;
}

Conversation conversation(const ChatRequest& r) {
  Conversation c;
  c.system = r.system;
  for (const auto& m : r.messages) {
    if (m.role == "system") {
      c.system += (c.system.empty() ? "" : "\n\n") + m.content;
    } else if (m.role == "assistant") {
      c.turns.push_back({"assistant", m.content});
    } else if (m.role == "tool") {
      c.turns.push_back({"user", "Tool result: " + m.content});
    } else {
      c.turns.push_back({"user", m.content});
    }
  }
  if (auto g = grounding(r); !g.empty()) c.system += (c.system.empty() ? "" : "\n\n") + g;
  return c;
}

std::string last_user_message(const ChatRequest& r) {
  for (auto it = r.messages.rbegin(); it != r.messages.rend(); ++it)
    if (it->role == "user") return it->content;
  return r.messages.empty() ? std::string() : r.messages.back().content;
}

}  // namespace aurixa::llm
