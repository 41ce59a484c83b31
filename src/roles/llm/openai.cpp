// OpenAI-compatible Chat Completions (OpenAI, LM Studio, Ollama, vLLM, llama.cpp server):
// POST {base}/chat/completions, streamed as SSE `data: {chunk}` lines ending with `data: [DONE]`, with
// `stream_options.include_usage` so the last chunk carries exact token counts.
#include <mutex>

#include "roles/llm/prompt.hpp"
#include "roles/llm/provider_http.hpp"
#include "core/json.hpp"

namespace aurixa::llm {
namespace {

using namespace wire;
using Clock = std::chrono::steady_clock;

std::string normalise_finish(std::string_view r) {
  if (r.empty() || r == "stop" || r == "eos") return "stop";
  if (r == "length") return "length";
  if (r == "content_filter") return "content_filter";
  return std::string(r);
}

// The base URL ends at /v1 for every OpenAI-compatible server; a bare origin (LM Studio's documented
// http://127.0.0.1:1234) gets /v1 appended like the original. Custom paths are kept as given.
std::string normalise_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto scheme = base.find("://");
  auto path = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  if (path == std::string::npos) base += "/v1";
  return base;
}

class OpenAiProvider final : public HttpProvider {
 public:
  OpenAiProvider(HttpClient& http, ProviderOptions o) : HttpProvider(http, std::move(o)) {
    o_.base_url = normalise_base(o_.base_url);
  }

  std::string default_model() override {
    if (!o_.default_model.empty()) return o_.default_model;
    // Local servers: the first chat model they list (embedding models skipped), as the original.
    auto listed = discover();
    for (const auto& m : listed)
      if (m.find("embed") == std::string::npos && m.find("nomic") == std::string::npos) return m;
    return listed.empty() ? "local-model" : listed.front();
  }

  std::vector<std::string> models() override {
    auto out = o_.default_model.empty() ? discover() : std::vector<std::string>{o_.default_model};
    for (const auto& m : o_.models)
      if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    return out;
  }

  ProviderResult complete(const ProviderCall& call) override {
    auto res = http_.request(build(call, false));
    check_status(o_.id, res.status, res.body);
    auto body = bj::value(parse_body(o_.id, res.body));
    const auto* choices = at(body, {"choices"});
    if (!choices || !choices->is_array() || choices->as_array().empty())
      throw ProviderError(o_.id + " returned no choices", 0, false);
    const auto& choice = choices->as_array().front();
    ProviderResult r;
    r.text = str(at(choice, {"message", "content"}));
    r.finish_reason = normalise_finish(str(at(choice, {"finish_reason"})));
    if (const auto* msg = at(choice, {"message"})) read_tool_calls(*msg, r);
    read_usage(body, r);
    r.model = str(at(body, {"model"}));
    if (r.model.empty()) r.model = call.model;
    return r;
  }

  ProviderResult stream(const ProviderCall& call, const DeltaSink& on_delta) override {
    ProviderResult r;
    bool done = false, cancelled = false;
    stream_sse(http_, build(call, true), o_.id, [&](std::string_view, std::string_view data) {
      if (data == "[DONE]") {
        done = true;
        return true;
      }
      auto chunk = parse_body(o_.id, data);
      bj::value v(std::move(chunk));
      if (const auto* err = at(v, {"error"}))
        throw ProviderError(o_.id + " stream error: " + (err->is_object() ? str(at(*err, {"message"})) : str(err)), 0,
                            true);
      if (auto m = str(at(v, {"model"})); !m.empty()) r.model = m;
      read_usage(v, r);  // the include_usage chunk has empty choices and the totals
      const auto* choices = at(v, {"choices"});
      if (!choices || !choices->is_array() || choices->as_array().empty()) return true;
      const auto& choice = choices->as_array().front();
      if (const auto* fr = at(choice, {"finish_reason"}); fr && fr->is_string())
        r.finish_reason = normalise_finish(fr->as_string());
      auto delta = str(at(choice, {"delta", "content"}));
      if (delta.empty()) return true;
      r.text += delta;
      if (!on_delta(delta)) {
        cancelled = true;
        return false;
      }
      return true;
    });
    // Some servers end with the finish_reason chunk and no [DONE]; either marks a complete stream.
    end_stream(r, o_.id, call, cancelled, done || !r.finish_reason.empty(), "[DONE]");
    return r;
  }

 private:
  ClientRequest build(const ProviderCall& call, bool streaming) const {
    const auto& req = call.request;
    auto conv = conversation(req);
    bj::array messages;
    if (!conv.system.empty()) messages.push_back(bj::object{{"role", "system"}, {"content", conv.system}});
    if (req.tools.empty()) {
      for (const auto& t : conv.turns) messages.push_back(bj::object{{"role", t.role}, {"content", t.content}});
    } else {
      tool_messages(req, messages);
    }
    bj::object body{{"model", call.model},
                    {"messages", std::move(messages)},
                    {"max_tokens", req.max_tokens},
                    {"temperature", req.temperature},
                    {"stream", streaming}};
    if (!req.stop.empty()) body["stop"] = string_array(req.stop);
    if (!req.tools.empty()) {
      bj::array tools;
      for (const auto& t : req.tools)
        tools.push_back(bj::object{{"type", "function"},
                                   {"function", bj::object{{"name", t.name},
                                                           {"description", t.description},
                                                           {"parameters", object_of(t.parameters)}}}});
      body["tools"] = std::move(tools);
      body["tool_choice"] = "auto";
    }
    if (streaming) body["stream_options"] = bj::object{{"include_usage", true}};
    auto cr = post_json(o_.base_url + "/chat/completions", body, call.deadline, o_.id);
    if (!o_.api_key.empty()) cr.headers.set("Authorization", "Bearer " + o_.api_key);
    return cr;
  }

  // The conversation with function calling: assistant turns carry `tool_calls` (arguments as a JSON
  // string), each result is a `tool` message naming the call it answers.
  static void tool_messages(const ChatRequest& req, bj::array& messages) {
    for (const auto& m : req.messages) {
      if (m.role == "system") continue;  // already in the system text
      if (m.role == "tool") {
        messages.push_back(bj::object{{"role", "tool"}, {"tool_call_id", m.tool_call_id}, {"content", m.content}});
      } else if (m.role == "assistant" && !m.tool_calls.empty()) {
        bj::array calls;
        for (const auto& c : m.tool_calls)
          calls.push_back(bj::object{{"id", c.id},
                                     {"type", "function"},
                                     {"function", bj::object{{"name", c.name}, {"arguments", c.arguments}}}});
        bj::object msg{{"role", "assistant"}, {"tool_calls", std::move(calls)}};
        msg["content"] = m.content.empty() ? bj::value(nullptr) : bj::value(m.content);
        messages.push_back(std::move(msg));
      } else {
        messages.push_back(bj::object{{"role", m.role == "assistant" ? "assistant" : "user"}, {"content", m.content}});
      }
    }
  }

  static void read_tool_calls(const bj::value& message, ProviderResult& r) {
    const auto* calls = at(message, {"tool_calls"});
    if (!calls || !calls->is_array()) return;
    for (const auto& c : calls->as_array()) {
      ToolCallRequest t;
      t.id = str(at(c, {"id"}));
      t.name = str(at(c, {"function", "name"}));
      const auto* args = at(c, {"function", "arguments"});
      // Arguments are a JSON string per the spec; some compatible servers send the object itself.
      t.arguments = args && args->is_object() ? aurixa::json::serialize(*args) : str(args);
      if (t.id.empty()) t.id = "call_" + std::to_string(r.tool_calls.size() + 1);
      if (!t.name.empty()) r.tool_calls.push_back(std::move(t));
    }
    if (!r.tool_calls.empty()) r.finish_reason = "tool_calls";
  }

  static void read_usage(const bj::value& v, ProviderResult& r) {
    const auto* usage = at(v, {"usage"});
    if (!usage || !usage->is_object()) return;
    r.input_tokens = int_or(at(*usage, {"prompt_tokens"}), r.input_tokens);
    r.output_tokens = int_or(at(*usage, {"completion_tokens"}), r.output_tokens);
    r.usage_reported = true;
  }

  // GET {base}/models, cached; retried at most every 30 s while the server is unreachable.
  std::vector<std::string> discover() {
    std::lock_guard lock(mu_);
    auto now = Clock::now();
    if (now < next_discovery_) return discovered_;
    try {
      ClientRequest r;
      r.url = o_.base_url + "/models";
      r.timeout = std::chrono::milliseconds(2000);
      if (!o_.api_key.empty()) r.headers.set("Authorization", "Bearer " + o_.api_key);
      auto res = http_.request(r);
      check_status(o_.id, res.status, res.body);
      bj::value body(parse_body(o_.id, res.body));
      std::vector<std::string> ids;
      if (const auto* data = at(body, {"data"}); data && data->is_array())
        for (const auto& m : data->as_array())
          if (auto id = str(at(m, {"id"})); !id.empty()) ids.push_back(id);
      discovered_ = std::move(ids);
      next_discovery_ = now + (discovered_.empty() ? std::chrono::seconds(30) : std::chrono::seconds(300));
    } catch (const std::exception&) {
      next_discovery_ = now + std::chrono::seconds(30);
    }
    return discovered_;
  }

  std::mutex mu_;
  std::vector<std::string> discovered_;
  Clock::time_point next_discovery_{};
};

}  // namespace

std::unique_ptr<Provider> make_openai_provider(HttpClient& http, ProviderOptions options) {
  return std::make_unique<OpenAiProvider>(http, std::move(options));
}

}  // namespace aurixa::llm
