#include "roles/llm/codec.hpp"

#include "core/error.hpp"
#include "core/json.hpp"

namespace aurixa::llm::codec {
namespace {

using json::optional_array;
using json::optional_int;
using json::optional_number;
using json::optional_object;
using json::optional_string;

std::string scalar_text(const bj::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return {};
  return aurixa::json::serialize(v);
}

// Content is a string, null, or (OpenAI) an array of parts of which the text ones count.
std::string message_content(const bj::value* v, std::size_t i) {
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_array()) {
    std::string out;
    for (const auto& part : v->as_array()) {
      if (!part.is_object()) continue;
      const auto& p = part.as_object();
      if (auto* t = p.if_contains("text"); t && t->is_string())
        out += (out.empty() ? "" : "\n") + std::string(t->as_string());
    }
    return out;
  }
  const auto field = "messages[" + std::to_string(i) + "].content";
  throw ApiError::validation(field, field + " must be a string");
}

std::vector<Message> parse_messages(const bj::object& body) {
  const auto* arr = optional_array(body, "messages");
  if (!arr) throw ApiError::validation("messages", "field 'messages' is required");
  std::vector<Message> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto& item = (*arr)[i];
    const std::string at = "messages[" + std::to_string(i) + "]";
    if (!item.is_object()) throw ApiError::validation(at, at + " must be an object");
    const auto& m = item.as_object();
    auto* role = m.if_contains("role");
    if (!role || !role->is_string()) throw ApiError::validation(at + ".role", at + ".role is required");
    Message msg{std::string(role->as_string()), message_content(m.if_contains("content"), i)};
    // Function calling (OpenAI shape): an assistant turn's tool_calls, a tool turn's tool_call_id.
    if (const auto* calls = m.if_contains("tool_calls"); calls && calls->is_array())
      for (const auto& c : calls->as_array()) {
        if (!c.is_object()) continue;
        const auto* fn = c.as_object().if_contains("function");
        if (!fn || !fn->is_object()) continue;
        const auto& f = fn->as_object();
        ToolCallRequest t;
        if (const auto* id = c.as_object().if_contains("id"); id && id->is_string()) t.id = id->as_string();
        if (const auto* n = f.if_contains("name"); n && n->is_string()) t.name = n->as_string();
        if (const auto* a = f.if_contains("arguments")) t.arguments = scalar_text(*a);
        msg.tool_calls.push_back(std::move(t));
      }
    msg.tool_call_id = optional_string(m, "tool_call_id").value_or("");
    msg.name = optional_string(m, "name").value_or("");
    if (const auto* e = m.if_contains("is_error"); e && e->is_bool()) msg.is_error = e->as_bool();
    out.push_back(std::move(msg));
  }
  return out;
}

// Tools in the OpenAI shape ({"type":"function","function":{name, description, parameters}}) or flat
// ({name, description, parameters}); entries of other shapes are ignored, as the original ignored tools.
std::vector<ToolSpec> parse_tools(const bj::object& body) {
  std::vector<ToolSpec> out;
  const auto* arr = optional_array(body, "tools");
  if (!arr) return out;
  for (const auto& item : *arr) {
    if (!item.is_object()) continue;
    const auto* f = &item.as_object();
    if (const auto* fn = f->if_contains("function"); fn && fn->is_object()) f = &fn->as_object();
    const auto* name = f->if_contains("name");
    if (!name || !name->is_string() || name->as_string().empty()) continue;
    ToolSpec t;
    t.name = name->as_string();
    if (const auto* d = f->if_contains("description"); d && d->is_string()) t.description = d->as_string();
    const auto* p = f->if_contains("parameters");
    t.parameters = p && p->is_object() ? aurixa::json::serialize(*p) : std::string(R"({"type":"object","properties":{}})");
    out.push_back(std::move(t));
  }
  return out;
}

bj::value tool_calls_json(const std::vector<ToolCallRequest>& calls) {
  if (calls.empty()) return nullptr;
  bj::array out;
  for (const auto& c : calls)
    out.push_back(bj::object{
        {"id", c.id}, {"type", "function"}, {"function", bj::object{{"name", c.name}, {"arguments", c.arguments}}}});
  return out;
}

std::vector<std::string> string_list(const bj::object& o, std::string_view field) {
  std::vector<std::string> out;
  const auto* v = o.if_contains(field);
  if (!v || v->is_null()) return out;
  if (v->is_string()) return {std::string(v->as_string())};  // OpenAI allows `stop: "x"`
  if (!v->is_array())
    throw ApiError::validation(std::string(field), "field '" + std::string(field) + "' must be an array of strings");
  for (const auto& s : v->as_array()) {
    if (!s.is_string())
      throw ApiError::validation(std::string(field), "field '" + std::string(field) + "' must be an array of strings");
    out.emplace_back(s.as_string());
  }
  return out;
}

void parse_context(const bj::object& ctx, ChatRequest& r) {
  if (const auto* ps = optional_array(ctx, "passages")) {
    for (const auto& v : *ps) {
      if (!v.is_object()) throw ApiError::validation("context.passages", "each passage must be an object");
      const auto& p = v.as_object();
      Passage passage;
      passage.title = optional_string(p, "title").value_or("");
      passage.content = optional_string(p, "content").value_or("");
      passage.source = optional_string(p, "source").value_or("");
      if (auto* id = p.if_contains("article_id")) passage.article_id = scalar_text(*id);
      if (passage.content.empty()) throw ApiError::validation("context.passages", "each passage needs 'content'");
      r.passages.push_back(std::move(passage));
    }
  }
  if (const auto* ts = optional_array(ctx, "tool_results")) {
    for (const auto& v : *ts) {
      if (!v.is_object()) throw ApiError::validation("context.tool_results", "each tool result must be an object");
      const auto& t = v.as_object();
      ToolResult tr;
      tr.name = optional_string(t, "name").value_or("");
      if (tr.name.empty()) throw ApiError::validation("context.tool_results", "each tool result needs a 'name'");
      tr.ok = json::optional_bool(t, "ok").value_or(true);
      tr.summary = optional_string(t, "summary").value_or("");
      tr.error = optional_string(t, "error").value_or("");
      const bj::object* data = optional_object(t, "data");
      if (!data) data = optional_object(t, "fields");
      if (data)
        for (const auto& [k, x] : *data) tr.fields.emplace_back(std::string(k), scalar_text(x));
      r.tool_results.push_back(std::move(tr));
    }
  }
  r.missing_slots = string_list(ctx, "missing_slots");
  r.intent = optional_string(ctx, "intent").value_or("");
  r.language = optional_string(ctx, "language").value_or("");
}

void parse_common(const bj::object& body, ChatRequest& r) {
  r.messages = parse_messages(body);
  if (auto t = optional_number(body, "temperature")) r.temperature = *t;
  auto max = optional_int(body, "max_tokens");
  if (!max) max = optional_int(body, "max_completion_tokens");
  if (max) r.max_tokens = static_cast<int>(json::in_range(*max, 1, 1'000'000, "max_tokens"));
  r.stop = string_list(body, "stop");
  r.tenant_id = optional_string(body, "tenant_id").value_or("");
}

bj::object usage_json(const ChatResponse& r) {
  return {{"prompt_tokens", r.input_tokens},
          {"completion_tokens", r.output_tokens},
          {"total_tokens", r.input_tokens + r.output_tokens},
          {"estimated_cost_usd", r.cost_usd}};
}

bj::array attempts_json(const ChatResponse& r) {
  bj::array out;
  for (const auto& a : r.attempts) {
    bj::object o{{"provider", a.provider}, {"model", a.model}, {"outcome", a.outcome}};
    if (!a.detail.empty()) o["detail"] = a.detail;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

ChatRequest parse_generate(const bj::object& body) {
  ChatRequest r;
  parse_common(body, r);
  r.model = optional_string(body, "model").value_or("");
  r.provider = optional_string(body, "provider").value_or("");
  r.system = optional_string(body, "system").value_or("");
  r.tools = parse_tools(body);  // function calling (whole generations; streams ignore them)
  if (const auto* ctx = optional_object(body, "context")) parse_context(*ctx, r);
  return r;
}

bj::object generate_response(const ChatResponse& r) {
  bj::object meta{
      {"finish_reason", r.finish_reason}, {"attempts", attempts_json(r)}, {"usage_estimated", r.usage_estimated}};
  if (!r.error.empty()) meta["error"] = r.error;
  return {{"content", r.text},      {"model", r.model},           {"provider", r.provider},     {"tool_calls", tool_calls_json(r.tool_calls)},
          {"usage", usage_json(r)}, {"latency_ms", r.latency_ms}, {"metadata", std::move(meta)}};
}

std::string delta_line(std::string_view delta) {
  return aurixa::json::serialize(bj::object{{"type", "delta"}, {"content", delta}});
}

std::string done_line(const ChatResponse& r) {
  return aurixa::json::serialize(bj::object{{"type", "done"},
                                  {"provider", r.provider},
                                  {"model", r.model},
                                  {"finish_reason", r.finish_reason},
                                  {"usage", usage_json(r)},
                                  {"latency_ms", r.latency_ms}});
}

std::string error_line(std::string_view message) {
  return aurixa::json::serialize(bj::object{{"type", "error"}, {"message", message}});
}

RouteRequest parse_route(const bj::object& body) {
  RouteRequest r;
  r.prompt = json::require_string(body, "prompt");
  r.tenant_id = optional_string(body, "tenant_id").value_or("");
  r.session_id = optional_string(body, "session_id").value_or("");
  r.user_id = optional_string(body, "user_id").value_or("");
  if (auto max = optional_int(body, "max_tokens"))
    r.max_tokens = static_cast<int>(json::in_range(*max, 1, 1'000'000, "max_tokens"));
  return r;
}

bj::object route_response(const RouteDecision& d) {
  bj::array considered;
  for (const auto& c : d.considered) {
    bj::object o{{"provider", c.provider}, {"model", c.model}, {"estimated_cost_usd", c.estimated_cost_usd}};
    if (!c.skipped.empty()) o["skipped"] = c.skipped;
    considered.push_back(std::move(o));
  }
  bj::object meta{{"reason", d.reason},
                  {"rule", d.rule},
                  {"detected_intent", d.detected_intent.empty() ? bj::value(nullptr) : bj::value(d.detected_intent)},
                  {"intent_similarity", d.intent_similarity},
                  {"estimated_cost_usd", d.estimated_cost_usd},
                  {"considered", std::move(considered)}};
  return {{"model", d.model}, {"provider", d.provider}, {"confidence", d.confidence}, {"metadata", std::move(meta)}};
}

bj::object providers_response(const std::vector<ProviderInfo>& providers) {
  bj::array arr;
  for (const auto& p : providers)
    arr.push_back(
        bj::object{{"id", p.id},
                   {"name", p.name},
                   {"healthy", p.healthy},
                   {"configured", p.configured},
                   {"cloud", p.cloud},
                   {"circuit", p.circuit},
                   {"default_model", p.default_model.empty() ? bj::value(nullptr) : bj::value(p.default_model)}});
  return {{"providers", std::move(arr)}};
}

bj::object models_response(const std::vector<ModelInfo>& models) {
  bj::array ids, detail;
  for (const auto& m : models) {
    ids.emplace_back(m.id);
    detail.push_back(bj::object{{"id", m.id},
                                {"provider", m.provider},
                                {"input_usd_per_mtok", m.input_usd_per_mtok},
                                {"output_usd_per_mtok", m.output_usd_per_mtok}});
  }
  return {{"models", std::move(ids)}, {"source", "configured"}, {"details", std::move(detail)}};
}

bj::object generate_request_json(const ChatRequest& r) {
  bj::array messages;
  for (const auto& m : r.messages) {
    bj::object msg{{"role", m.role}, {"content", m.content}};
    if (!m.tool_calls.empty()) msg["tool_calls"] = tool_calls_json(m.tool_calls);
    if (!m.tool_call_id.empty()) msg["tool_call_id"] = m.tool_call_id;
    if (!m.name.empty()) msg["name"] = m.name;
    if (m.is_error) msg["is_error"] = true;
    messages.push_back(std::move(msg));
  }
  bj::object o{{"messages", std::move(messages)}, {"temperature", r.temperature}, {"max_tokens", r.max_tokens}};
  if (!r.tools.empty()) {
    bj::array tools;
    for (const auto& t : r.tools) {
      boost::system::error_code ec;
      auto params = bj::parse(t.parameters, ec);
      tools.push_back(bj::object{
          {"type", "function"},
          {"function", bj::object{{"name", t.name}, {"description", t.description}, {"parameters", ec ? bj::value(bj::object{}) : params}}}});
    }
    o["tools"] = std::move(tools);
  }
  if (!r.model.empty()) o["model"] = r.model;
  if (!r.provider.empty()) o["provider"] = r.provider;
  if (!r.system.empty()) o["system"] = r.system;
  if (!r.tenant_id.empty()) o["tenant_id"] = r.tenant_id;
  if (!r.stop.empty()) {
    bj::array stop;
    for (const auto& s : r.stop) stop.emplace_back(s);
    o["stop"] = std::move(stop);
  }
  bj::object ctx;
  if (!r.passages.empty()) {
    bj::array ps;
    for (const auto& p : r.passages)
      ps.push_back(
          bj::object{{"title", p.title}, {"content", p.content}, {"source", p.source}, {"article_id", p.article_id}});
    ctx["passages"] = std::move(ps);
  }
  if (!r.tool_results.empty()) {
    bj::array ts;
    for (const auto& t : r.tool_results) {
      bj::object data;
      for (const auto& [k, v] : t.fields) data[k] = v;
      ts.push_back(bj::object{
          {"name", t.name}, {"ok", t.ok}, {"summary", t.summary}, {"error", t.error}, {"data", std::move(data)}});
    }
    ctx["tool_results"] = std::move(ts);
  }
  if (!r.missing_slots.empty()) {
    bj::array slots;
    for (const auto& s : r.missing_slots) slots.emplace_back(s);
    ctx["missing_slots"] = std::move(slots);
  }
  if (!r.intent.empty()) ctx["intent"] = r.intent;
  if (!r.language.empty()) ctx["language"] = r.language;
  if (!ctx.empty()) o["context"] = std::move(ctx);
  return o;
}

namespace {

std::string str_of(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
double num_of(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_number() ? v->to_number<double>() : 0.0;
}
bool bool_of(const bj::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_bool() && v->as_bool();
}
const bj::object& obj_of(const bj::object& o, std::string_view k) {
  static const bj::object kEmpty;
  const auto* v = o.if_contains(k);
  return v && v->is_object() ? v->as_object() : kEmpty;
}
const bj::array& arr_of(const bj::object& o, std::string_view k) {
  static const bj::array kEmpty;
  const auto* v = o.if_contains(k);
  return v && v->is_array() ? v->as_array() : kEmpty;
}

void apply_usage(const bj::object& usage, ChatResponse& r) {
  r.input_tokens = static_cast<std::int64_t>(num_of(usage, "prompt_tokens"));
  r.output_tokens = static_cast<std::int64_t>(num_of(usage, "completion_tokens"));
  r.cost_usd = num_of(usage, "estimated_cost_usd");
}

}  // namespace

ChatResponse parse_generate_response(const bj::object& o) {
  ChatResponse r;
  r.text = str_of(o, "content");
  r.model = str_of(o, "model");
  r.provider = str_of(o, "provider");
  r.latency_ms = num_of(o, "latency_ms");
  apply_usage(obj_of(o, "usage"), r);
  const auto& meta = obj_of(o, "metadata");
  r.finish_reason = str_of(meta, "finish_reason");
  r.error = str_of(meta, "error");
  r.usage_estimated = bool_of(meta, "usage_estimated");
  for (const auto& c : arr_of(o, "tool_calls")) {
    if (!c.is_object()) continue;
    const auto& f = obj_of(c.as_object(), "function");
    r.tool_calls.push_back({str_of(c.as_object(), "id"), str_of(f, "name"), str_of(f, "arguments")});
  }
  for (const auto& a : arr_of(meta, "attempts"))
    if (a.is_object())
      r.attempts.push_back({str_of(a.as_object(), "provider"), str_of(a.as_object(), "model"),
                            str_of(a.as_object(), "outcome"), str_of(a.as_object(), "detail")});
  return r;
}

void apply_done_line(const bj::object& done, ChatResponse& r) {
  r.provider = str_of(done, "provider");
  r.model = str_of(done, "model");
  r.finish_reason = str_of(done, "finish_reason");
  r.latency_ms = num_of(done, "latency_ms");
  apply_usage(obj_of(done, "usage"), r);
}

bj::object route_request_json(const RouteRequest& r) {
  bj::object o{{"prompt", r.prompt}, {"max_tokens", r.max_tokens}};
  if (!r.tenant_id.empty()) o["tenant_id"] = r.tenant_id;
  if (!r.session_id.empty()) o["session_id"] = r.session_id;
  if (!r.user_id.empty()) o["user_id"] = r.user_id;
  return o;
}

RouteDecision parse_route_response(const bj::object& o) {
  RouteDecision d;
  d.provider = str_of(o, "provider");
  d.model = str_of(o, "model");
  d.confidence = num_of(o, "confidence");
  const auto& meta = obj_of(o, "metadata");
  d.reason = str_of(meta, "reason");
  d.rule = str_of(meta, "rule");
  d.detected_intent = str_of(meta, "detected_intent");
  d.intent_similarity = num_of(meta, "intent_similarity");
  d.estimated_cost_usd = num_of(meta, "estimated_cost_usd");
  for (const auto& c : arr_of(meta, "considered"))
    if (c.is_object()) {
      const auto& co = c.as_object();
      d.considered.push_back(
          {str_of(co, "provider"), str_of(co, "model"), num_of(co, "estimated_cost_usd"), str_of(co, "skipped")});
    }
  return d;
}

std::vector<ProviderInfo> parse_providers(const bj::object& o) {
  std::vector<ProviderInfo> out;
  for (const auto& v : arr_of(o, "providers"))
    if (v.is_object()) {
      const auto& p = v.as_object();
      out.push_back({str_of(p, "id"), str_of(p, "name"), bool_of(p, "configured"), bool_of(p, "healthy"),
                     bool_of(p, "cloud"), str_of(p, "circuit"), str_of(p, "default_model")});
    }
  return out;
}

std::vector<ModelInfo> parse_models(const bj::object& o) {
  std::vector<ModelInfo> out;
  for (const auto& v : arr_of(o, "details"))
    if (v.is_object()) {
      const auto& m = v.as_object();
      out.push_back(
          {str_of(m, "id"), str_of(m, "provider"), num_of(m, "input_usd_per_mtok"), num_of(m, "output_usd_per_mtok")});
    }
  return out;
}

OpenAiRequest parse_openai(const bj::object& body) {
  OpenAiRequest o;
  parse_common(body, o.chat);
  std::string model = "auto";
  if (auto m = optional_string(body, "model"); m && !m->empty()) model = std::move(*m);
  o.model_label = model;
  const std::string_view mv(model);
  const auto slash = mv.find('/');
  const std::string_view prefix = slash == std::string_view::npos ? std::string_view() : mv.substr(0, slash);
  bool pinned = false;
  for (std::string_view p : {"local", "openai", "anthropic", "gemini", "builtin"}) pinned = pinned || prefix == p;
  if (pinned) {
    o.chat.provider = std::string(prefix);
    o.chat.model = std::string(mv.substr(slash + 1));
  } else if (mv == "builtin") {
    o.chat.provider = "builtin";
  } else if (mv != "auto") {
    o.chat.model = model;
  }
  o.stream = json::optional_bool(body, "stream").value_or(false);
  if (const auto* so = optional_object(body, "stream_options"))
    o.include_usage = json::optional_bool(*so, "include_usage").value_or(false);
  return o;
}

bj::object openai_completion(const ChatResponse& r, const std::string& id, std::int64_t created) {
  return {{"id", id},
          {"object", "chat.completion"},
          {"created", created},
          {"model", r.model},
          {"system_fingerprint", "aurixa-" + r.provider},
          {"choices", bj::array{bj::object{{"index", 0},
                                           {"message", bj::object{{"role", "assistant"}, {"content", r.text}}},
                                           {"finish_reason", r.finish_reason == "cancelled" ? "stop" : r.finish_reason},
                                           {"logprobs", nullptr}}}},
          {"usage", bj::object{{"prompt_tokens", r.input_tokens},
                               {"completion_tokens", r.output_tokens},
                               {"total_tokens", r.input_tokens + r.output_tokens}}}};
}

bj::object openai_chunk(const std::string& id, std::int64_t created, const std::string& model, const bj::object& delta,
                        const char* finish_reason) {
  return {
      {"id", id},
      {"object", "chat.completion.chunk"},
      {"created", created},
      {"model", model},
      {"choices", bj::array{bj::object{{"index", 0},
                                       {"delta", delta},
                                       {"finish_reason", finish_reason ? bj::value(finish_reason) : bj::value(nullptr)},
                                       {"logprobs", nullptr}}}}};
}

bj::object openai_usage_chunk(const ChatResponse& r, const std::string& id, std::int64_t created) {
  return {{"id", id},
          {"object", "chat.completion.chunk"},
          {"created", created},
          {"model", r.model},
          {"choices", bj::array{}},
          {"usage", bj::object{{"prompt_tokens", r.input_tokens},
                               {"completion_tokens", r.output_tokens},
                               {"total_tokens", r.input_tokens + r.output_tokens}}}};
}

bj::object openai_models(const std::vector<ModelInfo>& models) {
  bj::array data;
  data.push_back(bj::object{{"id", "auto"}, {"object", "model"}, {"created", 0}, {"owned_by", "aurixa"}});
  for (const auto& m : models)
    data.push_back(bj::object{{"id", m.id}, {"object", "model"}, {"created", 0}, {"owned_by", m.provider}});
  return {{"object", "list"}, {"data", std::move(data)}};
}

}  // namespace aurixa::llm::codec
