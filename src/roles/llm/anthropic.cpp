// Anthropic Messages API: POST {base}/v1/messages with x-api-key and anthropic-version. Streams are SSE
// events: message_start (input usage), content_block_delta (text_delta), message_delta (stop_reason,
// output usage), message_stop; `error` events carry overloaded/api errors mid-stream.
#include <algorithm>

#include "roles/llm/prompt.hpp"
#include "roles/llm/provider_http.hpp"
#include "core/json.hpp"

namespace aurixa::llm {
namespace {

using namespace wire;

constexpr const char* kApiVersion = "2023-06-01";

std::string normalise_finish(std::string_view r) {
  if (r.empty() || r == "end_turn" || r == "stop_sequence") return "stop";
  if (r == "max_tokens") return "length";
  if (r == "refusal") return "content_filter";
  return std::string(r);
}

// The conversation with function calling, as content blocks: an assistant turn's calls are `tool_use`
// blocks, results are `tool_result` blocks in the next user turn (neighbouring results share one turn;
// roles alternate, starting with the user).
void tool_messages(const ChatRequest& req, bj::array& messages) {
  auto append = [&](const char* role, bj::object block) {
    if (!messages.empty() && messages.back().as_object().at("role").as_string() == role) {
      messages.back().as_object()["content"].as_array().push_back(std::move(block));
      return;
    }
    if (messages.empty() && std::string_view(role) == "assistant")
      messages.push_back(bj::object{
          {"role", "user"}, {"content", bj::array{bj::object{{"type", "text"}, {"text", "(conversation continues)"}}}}});
    messages.push_back(bj::object{{"role", role}, {"content", bj::array{std::move(block)}}});
  };
  for (const auto& m : req.messages) {
    if (m.role == "system") continue;
    if (m.role == "tool") {
      bj::object block{{"type", "tool_result"}, {"tool_use_id", m.tool_call_id}, {"content", m.content}};
      if (m.is_error) block["is_error"] = true;
      append("user", std::move(block));
    } else if (m.role == "assistant") {
      if (!m.content.empty()) append("assistant", bj::object{{"type", "text"}, {"text", m.content}});
      for (const auto& c : m.tool_calls)
        append("assistant",
               bj::object{{"type", "tool_use"}, {"id", c.id}, {"name", c.name}, {"input", object_of(c.arguments)}});
    } else {
      append("user", bj::object{{"type", "text"}, {"text", m.content.empty() ? "(empty)" : m.content}});
    }
  }
}

class AnthropicProvider final : public HttpProvider {
 public:
  AnthropicProvider(HttpClient& http, ProviderOptions o) : HttpProvider(http, std::move(o)) {
    if (o_.default_model.empty()) o_.default_model = "claude-sonnet-4-20250514";
  }

  ProviderResult complete(const ProviderCall& call) override {
    auto res = http_.request(build(call, false));
    check_status(o_.id, res.status, res.body);
    bj::value body(parse_body(o_.id, res.body));
    ProviderResult r;
    if (const auto* content = at(body, {"content"}); content && content->is_array())
      for (const auto& block : content->as_array()) {
        const auto type = str(at(block, {"type"}));
        if (type == "text") r.text += str(at(block, {"text"}));
        if (type == "tool_use") {
          const auto* input = at(block, {"input"});
          r.tool_calls.push_back({str(at(block, {"id"})), str(at(block, {"name"})),
                                  input ? aurixa::json::serialize(*input) : std::string("{}")});
        }
      }
    r.finish_reason = normalise_finish(str(at(body, {"stop_reason"})));
    if (!r.tool_calls.empty()) r.finish_reason = "tool_calls";
    if (const auto* usage = at(body, {"usage"}); usage && usage->is_object()) {
      r.input_tokens = int_or(at(*usage, {"input_tokens"}), 0);
      r.output_tokens = int_or(at(*usage, {"output_tokens"}), 0);
      r.usage_reported = true;
    }
    r.model = str(at(body, {"model"}));
    if (r.model.empty()) r.model = call.model;
    return r;
  }

  ProviderResult stream(const ProviderCall& call, const DeltaSink& on_delta) override {
    ProviderResult r;
    bool stopped = false, cancelled = false;
    stream_sse(http_, build(call, true), o_.id, [&](std::string_view event, std::string_view data) {
      bj::value v(parse_body(o_.id, data));
      auto type = event.empty() ? str(at(v, {"type"})) : std::string(event);
      if (type == "message_start") {
        if (auto m = str(at(v, {"message", "model"})); !m.empty()) r.model = m;
        r.input_tokens = int_or(at(v, {"message", "usage", "input_tokens"}), 0);
        r.output_tokens = int_or(at(v, {"message", "usage", "output_tokens"}), 0);
        r.usage_reported = true;
      } else if (type == "content_block_delta") {
        if (str(at(v, {"delta", "type"})) != "text_delta") return true;
        auto delta = str(at(v, {"delta", "text"}));
        if (delta.empty()) return true;
        r.text += delta;
        if (!on_delta(delta)) {
          cancelled = true;
          return false;
        }
      } else if (type == "message_delta") {
        if (auto sr = str(at(v, {"delta", "stop_reason"})); !sr.empty()) r.finish_reason = normalise_finish(sr);
        // message_delta usage is cumulative for the output side.
        r.output_tokens = int_or(at(v, {"usage", "output_tokens"}), r.output_tokens);
        if (const auto* in = at(v, {"usage", "input_tokens"}); in && !in->is_null())
          r.input_tokens = int_or(in, r.input_tokens);
      } else if (type == "message_stop") {
        stopped = true;
      } else if (type == "error") {
        auto kind = str(at(v, {"error", "type"}));
        throw ProviderError(o_.id + " stream error: " + kind + ": " + str(at(v, {"error", "message"})), 0,
                            kind != "invalid_request_error");
      }
      return true;  // ping, content_block_start/stop
    });
    end_stream(r, o_.id, call, cancelled, stopped, "message_stop");
    return r;
  }

 private:
  ClientRequest build(const ProviderCall& call, bool streaming) const {
    const auto& req = call.request;
    auto conv = conversation(req);
    // The Messages API needs alternating roles starting with the user: merge neighbours of one role
    // and open with a user turn when the history starts with the assistant.
    bj::array messages;
    std::string last_role;
    if (!req.tools.empty()) tool_messages(req, messages);
    for (const auto& t : req.tools.empty() ? conv.turns : std::vector<Message>{}) {
      if (messages.empty() && t.role == "assistant") {
        messages.push_back(bj::object{{"role", "user"}, {"content", "(conversation continues)"}});
        last_role = "user";
      }
      if (t.role == last_role) {
        auto& prev = messages.back().as_object()["content"].as_string();
        prev.append("\n\n");
        prev.append(t.content);
        continue;
      }
      messages.push_back(bj::object{{"role", t.role}, {"content", t.content}});
      last_role = t.role;
    }
    if (messages.empty()) messages.push_back(bj::object{{"role", "user"}, {"content", "(no message)"}});
    bj::object body{{"model", call.model},
                    {"max_tokens", req.max_tokens},
                    {"messages", std::move(messages)},
                    // Anthropic accepts 0..1; the OpenAI-style range goes up to 2.
                    {"temperature", std::clamp(req.temperature, 0.0, 1.0)}};
    if (!conv.system.empty()) body["system"] = conv.system;
    if (!req.stop.empty()) body["stop_sequences"] = string_array(req.stop);
    if (!req.tools.empty()) {
      bj::array tools;
      for (const auto& t : req.tools)
        tools.push_back(
            bj::object{{"name", t.name}, {"description", t.description}, {"input_schema", object_of(t.parameters)}});
      body["tools"] = std::move(tools);
    }
    if (streaming) body["stream"] = true;
    auto cr = post_json(o_.base_url + "/v1/messages", body, call.deadline, o_.id);
    cr.headers.set("x-api-key", o_.api_key);
    cr.headers.set("anthropic-version", kApiVersion);
    return cr;
  }
};

}  // namespace

std::unique_ptr<Provider> make_anthropic_provider(HttpClient& http, ProviderOptions options) {
  return std::make_unique<AnthropicProvider>(http, std::move(options));
}

}  // namespace aurixa::llm
