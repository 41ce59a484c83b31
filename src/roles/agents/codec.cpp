#include "roles/agents/codec.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/tenant_id.hpp"

namespace aurixa::agents::codec {

namespace bj = boost::json;

RunRequest parse_run_request(const bj::object& body) {
  const auto* task = json::optional_object(body, "task");
  if (!task) throw ApiError::validation("task", "task is required");
  RunRequest r;
  r.prompt = json::require_string(*task, "prompt");
  if (r.prompt.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::validation("task.prompt", "prompt must not be empty");
  r.session_id = json::optional_string(*task, "session_id").value_or("");
  if (const auto* meta = json::optional_object(*task, "metadata")) {
    if (const auto* p = meta->if_contains("patient_id"); p && !p->is_null()) {
      try {
        r.patient_id = json::require_int(*meta, "patient_id");
      } catch (const ApiError&) {
        throw ApiError::validation("task.metadata.patient_id", "patient_id must be an integer");
      }
    }
    r.tenant_id = json_tenant_id(meta->if_contains("tenant_id"), "task.metadata.tenant_id",
                                 "tenant_id must be a tenant id such as 1 or \"t-001\"");
    r.intent = json::optional_string(*meta, "intent").value_or("");
    r.confidence = json::optional_number(*meta, "confidence").value_or(0);
    r.standalone_intent = json::optional_string(*meta, "standalone_intent").value_or("");
    r.standalone_confidence = json::optional_number(*meta, "standalone_confidence").value_or(0);
    r.language = json::optional_string(*meta, "language").value_or("");
    if (!r.language.empty() && r.language != "en" && r.language != "es")
      throw ApiError::validation("task.metadata.language", "language must be \"en\" or \"es\"");
    if (const auto* v = meta->if_contains("new_session"); v && !v->is_null()) {
      if (!v->is_bool()) throw ApiError::validation("task.metadata.new_session", "new_session must be a boolean");
      r.new_session = v->as_bool();
    }
  }
  return r;
}

bj::object to_json(const RunRequest& r) {
  bj::object meta;
  if (r.patient_id) meta["patient_id"] = *r.patient_id;
  if (r.tenant_id) meta["tenant_id"] = *r.tenant_id;
  if (!r.intent.empty()) meta["intent"] = r.intent, meta["confidence"] = r.confidence;
  if (!r.standalone_intent.empty())
    meta["standalone_intent"] = r.standalone_intent, meta["standalone_confidence"] = r.standalone_confidence;
  if (r.new_session) meta["new_session"] = true;
  if (!r.language.empty()) meta["language"] = r.language;
  bj::object task{{"prompt", r.prompt}, {"metadata", std::move(meta)}};
  if (!r.session_id.empty()) task["session_id"] = r.session_id;
  return {{"task", std::move(task)}};
}

bj::object to_json(const RunResult& r) {
  bj::array calls, steps, missing;
  for (const auto& c : r.tool_calls)
    calls.push_back(bj::object{{"tool_name", c.tool_name}, {"arguments", c.arguments}, {"result", c.result}, {"ok", c.ok}});
  for (const auto& s : r.steps) steps.push_back(bj::object{{"step", s.step}, {"details", s.details}});
  for (const auto& m : r.missing_slots) missing.push_back(bj::string(m));
  bj::object o{{"output", r.output},     {"tool_calls", std::move(calls)},
               {"cost", r.cost},         {"steps", std::move(steps)},
               {"handled", r.handled},   {"task", r.task},
               {"state", r.state},       {"missing_slots", std::move(missing)},
               {"clarification", r.clarification}, {"wrote", r.wrote},
               {"escalated", r.escalated}, {"escalation_type", r.escalation_type}};
  return {{"result", std::move(o)}};
}

RunResult parse_run_result(const bj::object& body) {
  RunResult r;
  const auto* res = json::optional_object(body, "result");
  if (!res) return r;
  const auto& o = *res;
  r.output = json::optional_string(o, "output").value_or("");
  r.cost = json::optional_number(o, "cost").value_or(0);
  r.handled = json::optional_bool(o, "handled").value_or(!r.output.empty());
  r.task = json::optional_string(o, "task").value_or("");
  r.state = json::optional_string(o, "state").value_or("");
  r.clarification = json::optional_bool(o, "clarification").value_or(false);
  r.wrote = json::optional_bool(o, "wrote").value_or(false);
  r.escalated = json::optional_bool(o, "escalated").value_or(false);
  r.escalation_type = json::optional_string(o, "escalation_type").value_or("");
  if (const auto* a = json::optional_array(o, "tool_calls"))
    for (const auto& v : *a)
      if (v.is_object()) {
        const auto& c = v.as_object();
        r.tool_calls.push_back({json::optional_string(c, "tool_name").value_or(""),
                                json::optional_string(c, "arguments").value_or(""),
                                json::optional_string(c, "result").value_or(""), json::optional_bool(c, "ok").value_or(true)});
      }
  if (const auto* a = json::optional_array(o, "steps"))
    for (const auto& v : *a)
      if (v.is_object())
        r.steps.push_back({json::optional_string(v.as_object(), "step").value_or(""),
                           json::optional_string(v.as_object(), "details").value_or("")});
  if (const auto* a = json::optional_array(o, "missing_slots"))
    for (const auto& v : *a)
      if (v.is_string()) r.missing_slots.emplace_back(v.as_string());
  return r;
}

}  // namespace aurixa::agents::codec
