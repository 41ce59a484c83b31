#include "roles/llm/mock_server.hpp"

#include <atomic>
#include <boost/json.hpp>
#include <stdexcept>

#include "core/json.hpp"

namespace aurixa::llm::testing {

MockServer::MockServer() = default;

MockServer::~MockServer() {
  if (server_) {
    server_->shutdown();
    if (thread_.joinable()) thread_.join();
  }
}

void MockServer::start() {
  ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.io_threads = 1;
  o.worker_threads = 4;
  o.stream_threads = 4;
  o.access_log = false;
  o.shutdown_grace = std::chrono::milliseconds(200);
  server_ = std::make_unique<HttpServer>(o, router_, metrics_, log_);
  port_ = server_->listen();
  thread_ = std::thread([this] { server_->run(); });
}

std::string MockServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void MockServer::record(const http::Request& req) {
  std::lock_guard lock(mu_);
  requests_.push_back(req);
}

std::vector<http::Request> MockServer::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::size_t MockServer::request_count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

http::Response sse_response(std::vector<std::string> chunks, std::chrono::milliseconds gap, bool drop) {
  return http::Response::streaming("text/event-stream", [chunks = std::move(chunks), gap, drop](http::ChunkWriter& w) {
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      if (i > 0 && gap.count() > 0) std::this_thread::sleep_for(gap);
      if (!w.write(chunks[i])) return;
    }
    // A producer that throws makes the server cut the connection without the final chunk.
    if (drop) throw std::runtime_error("mock upstream dropped the connection");
  });
}

std::string sse_data(const boost::json::value& v) { return "data: " + aurixa::json::serialize(v) + "\n\n"; }

namespace {

namespace bj = boost::json;

std::string s_of(const bj::value* v) { return v && v->is_string() ? std::string(v->as_string()) : std::string(); }
const bj::value* field(const bj::value& v, const char* k) {
  return v.is_object() ? v.as_object().if_contains(k) : nullptr;
}
const bj::array& array_of(const bj::value* v) {
  static const bj::array kEmpty;
  return v && v->is_array() ? v->as_array() : kEmpty;
}

ScriptedRequest read_request(Vendor vendor, const bj::object& body) {
  ScriptedRequest r;
  r.body = body;
  const bj::value whole(body);
  if (vendor == Vendor::openai) {
    for (const auto& t : array_of(field(whole, "tools"))) r.tool_names.push_back(s_of(field(*field(t, "function"), "name")));
    for (const auto& m : array_of(field(whole, "messages"))) {
      if (s_of(field(m, "role")) == "system") r.system = s_of(field(m, "content"));
      if (s_of(field(m, "role")) == "tool") r.results.push_back(s_of(field(m, "content")));
    }
  } else if (vendor == Vendor::anthropic) {
    for (const auto& t : array_of(field(whole, "tools"))) r.tool_names.push_back(s_of(field(t, "name")));
    r.system = s_of(field(whole, "system"));
    for (const auto& m : array_of(field(whole, "messages")))
      for (const auto& b : array_of(field(m, "content")))
        if (s_of(field(b, "type")) == "tool_result") {
          r.results.push_back(s_of(field(b, "content")));
          const auto* e = field(b, "is_error");
          r.last_is_error = e && e->is_bool() && e->as_bool();
        }
  } else {
    for (const auto& t : array_of(field(whole, "tools")))
      for (const auto& d : array_of(field(t, "functionDeclarations"))) r.tool_names.push_back(s_of(field(d, "name")));
    if (const auto* si = field(whole, "systemInstruction"))
      for (const auto& p : array_of(field(*si, "parts"))) r.system += s_of(field(p, "text"));
    for (const auto& c : array_of(field(whole, "contents")))
      for (const auto& p : array_of(field(c, "parts")))
        if (const auto* fr = field(p, "functionResponse")) {
          const auto* resp = field(*fr, "response");
          const auto* err = resp ? field(*resp, "error") : nullptr;
          r.results.push_back(err ? s_of(err) : s_of(resp ? field(*resp, "content") : nullptr));
          r.last_is_error = err != nullptr;
        }
  }
  return r;
}

bj::value args_value(const std::string& text) {
  boost::system::error_code ec;
  auto v = bj::parse(text, ec);
  return ec ? bj::value(bj::object{{"_unparsed", text}}) : v;  // object-typed vendors cannot carry bad JSON
}

bj::object respond(Vendor vendor, const ScriptedTurn& t, int n) {
  const std::string prefix = "call_" + std::to_string(n) + "_";
  if (vendor == Vendor::openai) {
    bj::object msg{{"role", "assistant"}, {"content", t.calls.empty() ? bj::value(t.text) : bj::value(nullptr)}};
    if (!t.calls.empty()) {
      bj::array calls;
      for (std::size_t i = 0; i < t.calls.size(); ++i)
        calls.push_back(bj::object{{"id", prefix + std::to_string(i)},
                                   {"type", "function"},
                                   {"function", bj::object{{"name", t.calls[i].first}, {"arguments", t.calls[i].second}}}});
      msg["tool_calls"] = std::move(calls);
    }
    return {{"id", "chatcmpl-" + std::to_string(n)},
            {"model", "gpt-4o-mini"},
            {"choices", bj::array{bj::object{{"index", 0}, {"message", std::move(msg)},
                                             {"finish_reason", t.calls.empty() ? "stop" : "tool_calls"}}}},
            {"usage", bj::object{{"prompt_tokens", 100}, {"completion_tokens", 10}}}};
  }
  if (vendor == Vendor::anthropic) {
    bj::array content;
    if (!t.text.empty()) content.push_back(bj::object{{"type", "text"}, {"text", t.text}});
    for (std::size_t i = 0; i < t.calls.size(); ++i)
      content.push_back(bj::object{{"type", "tool_use"},
                                   {"id", "toolu_" + std::to_string(n) + "_" + std::to_string(i)},
                                   {"name", t.calls[i].first},
                                   {"input", args_value(t.calls[i].second)}});
    return {{"id", "msg_" + std::to_string(n)},
            {"type", "message"},
            {"role", "assistant"},
            {"model", "claude-sonnet-4-20250514"},
            {"content", std::move(content)},
            {"stop_reason", t.calls.empty() ? "end_turn" : "tool_use"},
            {"usage", bj::object{{"input_tokens", 100}, {"output_tokens", 10}}}};
  }
  bj::array parts;
  if (!t.text.empty() || t.calls.empty()) parts.push_back(bj::object{{"text", t.text}});
  for (const auto& c : t.calls)
    parts.push_back(bj::object{{"functionCall", bj::object{{"name", c.first}, {"args", args_value(c.second)}}}});
  return {{"candidates", bj::array{bj::object{{"content", bj::object{{"role", "model"}, {"parts", std::move(parts)}}},
                                              {"finishReason", "STOP"}}}},
          {"usageMetadata", bj::object{{"promptTokenCount", 100}, {"candidatesTokenCount", 10}}},
          {"modelVersion", "gemini-2.0-flash-001"}};
}

}  // namespace

void serve_scripted(MockServer& server, Vendor vendor, Script script) {
  auto counter = std::make_shared<std::atomic<int>>(0);
  auto handler = [&server, vendor, script = std::move(script), counter](const http::Request& req, CallContext&) {
    server.record(req);
    auto request = read_request(vendor, bj::parse(req.body).as_object());
    request.index = (*counter)++;
    return json::ok(respond(vendor, script(request), request.index));
  };
  const char* path = vendor == Vendor::openai      ? "/v1/chat/completions"
                     : vendor == Vendor::anthropic ? "/v1/messages"
                                                   : "/v1beta/models/{method}";
  server.router().post(path, handler);
}

}  // namespace aurixa::llm::testing
