// Google Gemini: POST {base}/v1beta/models/{model}:generateContent, streamed with
// :streamGenerateContent?alt=sse (each `data:` line is a GenerateContentResponse; usageMetadata on the
// chunks is cumulative, so the last one counts). The key goes in x-goog-api-key, never in the URL
// (URLs end up in logs).
#include "roles/llm/prompt.hpp"
#include "roles/llm/provider_http.hpp"
#include "roles/llm/text.hpp"
#include "core/json.hpp"

namespace aurixa::llm {
namespace {

using namespace wire;

std::string normalise_finish(std::string_view r) {
  if (r.empty() || r == "STOP" || r == "FINISH_REASON_UNSPECIFIED") return "stop";
  if (r == "MAX_TOKENS") return "length";
  if (r == "SAFETY" || r == "RECITATION" || r == "BLOCKLIST" || r == "PROHIBITED_CONTENT" || r == "SPII")
    return "content_filter";
  return text::lower(r);
}

class GeminiProvider final : public HttpProvider {
 public:
  GeminiProvider(HttpClient& http, ProviderOptions o) : HttpProvider(http, std::move(o)) {
    if (o_.default_model.empty()) o_.default_model = "gemini-2.0-flash";
  }

  ProviderResult complete(const ProviderCall& call) override {
    auto res = http_.request(build(call, ":generateContent"));
    check_status(o_.id, res.status, res.body);
    bj::value body(parse_body(o_.id, res.body));
    ProviderResult r;
    bool blocked = false;
    absorb(body, r, blocked, nullptr);
    if (blocked && r.text.empty()) r.finish_reason = "content_filter";
    if (r.finish_reason.empty()) r.finish_reason = "stop";
    if (r.model.empty()) r.model = call.model;
    return r;
  }

  ProviderResult stream(const ProviderCall& call, const DeltaSink& on_delta) override {
    ProviderResult r;
    bool cancelled = false, blocked = false, saw_finish = false;
    stream_sse(http_, build(call, ":streamGenerateContent?alt=sse"), o_.id,
               [&](std::string_view, std::string_view data) {
                 bj::value v(parse_body(o_.id, data));
                 if (const auto* err = at(v, {"error"}))
                   throw ProviderError(o_.id + " stream error: " + str(at(*err, {"message"})), 0, true);
                 bool go_on = absorb(v, r, blocked, [&](const std::string& delta) {
                   if (on_delta(delta)) return true;
                   cancelled = true;
                   return false;
                 });
                 saw_finish = saw_finish || !r.finish_reason.empty() || blocked;
                 return go_on;
               });
    if (blocked && r.text.empty() && !cancelled) r.finish_reason = "content_filter";
    end_stream(r, o_.id, call, cancelled, saw_finish, "a finishReason");
    return r;
  }

 private:
  // Folds one GenerateContentResponse into r; on_delta (if set) receives its text. Returns false when
  // on_delta stopped.
  static bool absorb(const bj::value& v, ProviderResult& r, bool& blocked,
                     const std::function<bool(const std::string&)>& on_delta) {
    if (auto m = str(at(v, {"modelVersion"})); !m.empty()) r.model = m;
    if (const auto* u = at(v, {"usageMetadata"}); u && u->is_object()) {
      r.input_tokens = int_or(at(*u, {"promptTokenCount"}), r.input_tokens);
      r.output_tokens = int_or(at(*u, {"candidatesTokenCount"}), r.output_tokens);
      r.usage_reported = true;
    }
    if (!str(at(v, {"promptFeedback", "blockReason"})).empty()) blocked = true;
    const auto* cands = at(v, {"candidates"});
    if (!cands || !cands->is_array() || cands->as_array().empty()) return true;
    const auto& cand = cands->as_array().front();
    if (auto fr = str(at(cand, {"finishReason"})); !fr.empty() && r.tool_calls.empty())
      r.finish_reason = normalise_finish(fr);
    std::string piece;
    if (const auto* parts = at(cand, {"content", "parts"}); parts && parts->is_array())
      for (const auto& p : parts->as_array()) {
        if (const auto* fc = at(p, {"functionCall"}); fc && fc->is_object()) {
          // Older models send no call id: results are matched by name and order, so number them.
          auto id = str(at(*fc, {"id"}));
          if (id.empty()) id = "call_" + std::to_string(r.tool_calls.size() + 1);
          const auto* args = at(*fc, {"args"});
          r.tool_calls.push_back({id, str(at(*fc, {"name"})), args ? aurixa::json::serialize(*args) : std::string("{}")});
          r.finish_reason = "tool_calls";
          continue;
        }
        if (!at(p, {"thought"})) piece += str(at(p, {"text"}));  // skip thinking summaries
      }
    if (piece.empty()) return true;
    r.text += piece;
    return on_delta ? on_delta(piece) : true;
  }

  // The conversation with function calling: a model turn's calls are `functionCall` parts, results are
  // `functionResponse` parts (matched by name) in the next user turn; neighbouring parts of one role share a turn.
  static void tool_contents(const ChatRequest& req, bj::array& contents) {
    auto append = [&](const char* role, bj::object part) {
      if (!contents.empty() && contents.back().as_object().at("role").as_string() == role) {
        contents.back().as_object()["parts"].as_array().push_back(std::move(part));
        return;
      }
      if (contents.empty() && std::string_view(role) == "model")  // a trimmed history opens with the user
        contents.push_back(
            bj::object{{"role", "user"}, {"parts", bj::array{bj::object{{"text", "(conversation continues)"}}}}});
      contents.push_back(bj::object{{"role", role}, {"parts", bj::array{std::move(part)}}});
    };
    for (const auto& m : req.messages) {
      if (m.role == "system") continue;
      if (m.role == "tool") {
        bj::object response{{m.is_error ? "error" : "content", m.content}};
        append("user", bj::object{{"functionResponse", bj::object{{"name", m.name}, {"response", std::move(response)}}}});
      } else if (m.role == "assistant") {
        if (!m.content.empty()) append("model", bj::object{{"text", m.content}});
        for (const auto& c : m.tool_calls)
          append("model", bj::object{{"functionCall", bj::object{{"name", c.name}, {"args", object_of(c.arguments)}}}});
      } else {
        append("user", bj::object{{"text", m.content}});
      }
    }
  }

  ClientRequest build(const ProviderCall& call, const std::string& method) const {
    // The model id becomes a URL path segment: accept only the characters model ids use.
    for (char c : call.model)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_')
        throw ProviderError(o_.id + ": invalid model id '" + call.model + "'", 0, false);
    const auto& req = call.request;
    auto conv = conversation(req);
    bj::array contents;
    if (req.tools.empty()) {
      for (const auto& t : conv.turns)
        contents.push_back(bj::object{{"role", t.role == "assistant" ? "model" : "user"},
                                      {"parts", bj::array{bj::object{{"text", t.content}}}}});
    } else {
      tool_contents(req, contents);
    }
    if (contents.empty())
      contents.push_back(bj::object{{"role", "user"}, {"parts", bj::array{bj::object{{"text", "(no message)"}}}}});
    bj::object gen{{"maxOutputTokens", req.max_tokens}, {"temperature", req.temperature}};
    if (!req.stop.empty()) gen["stopSequences"] = string_array(req.stop);
    bj::object body{{"contents", std::move(contents)}, {"generationConfig", std::move(gen)}};
    if (!req.tools.empty()) {
      bj::array decls;
      for (const auto& t : req.tools)
        decls.push_back(bj::object{{"name", t.name},
                                   {"description", t.description},
                                   {"parameters", gemini_schema(object_of(t.parameters))}});
      body["tools"] = bj::array{bj::object{{"functionDeclarations", std::move(decls)}}};
    }
    if (!conv.system.empty())
      body["systemInstruction"] = bj::object{{"parts", bj::array{bj::object{{"text", conv.system}}}}};
    auto cr = post_json(o_.base_url + "/v1beta/models/" + call.model + method, body, call.deadline, o_.id);
    cr.headers.set("x-goog-api-key", o_.api_key);
    return cr;
  }
};

}  // namespace

std::unique_ptr<Provider> make_gemini_provider(HttpClient& http, ProviderOptions options) {
  return std::make_unique<GeminiProvider>(http, std::move(options));
}

}  // namespace aurixa::llm
