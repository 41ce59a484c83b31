#pragma once
// Test helper: the project's own HTTP server in-process on 127.0.0.1:0, speaking whatever wire format
// the test registers (OpenAI, Anthropic, Gemini mocks). Records every request it receives.
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/http_server.hpp"
#include "core/log.hpp"
#include "core/metrics.hpp"
#include "core/router.hpp"

namespace aurixa::llm::testing {

class MockServer {
 public:
  MockServer();
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  // Register routes before start().
  http::Router& router() { return router_; }
  void start();
  std::string url(const std::string& path = "") const;

  // Handlers call this so tests can inspect what was sent.
  void record(const http::Request& req);
  std::vector<http::Request> requests() const;
  std::size_t request_count() const;

 private:
  Log log_{"off"};
  Metrics metrics_;
  http::Router router_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  mutable std::mutex mu_;
  std::vector<http::Request> requests_;
};

// A streaming body that writes `chunks` (each sent as written, `gap` apart) and then either ends
// normally or, with `drop` set, aborts the connection mid-body (a dropped upstream).
http::Response sse_response(std::vector<std::string> chunks, std::chrono::milliseconds gap = {}, bool drop = false);

// One Server-Sent Events message: "data: <json>\n\n".
std::string sse_data(const boost::json::value& v);

// ---- Scripted function-calling models -------------------------------------------------------------

enum class Vendor { openai, anthropic, gemini };

// One scripted model turn: tool calls (name, arguments as JSON text: sent as given, so it may be malformed
// on purpose) or, when there are none, a final text.
struct ScriptedTurn {
  std::string text;
  std::vector<std::pair<std::string, std::string>> calls;
};

// What the model received, read back from the vendor-shaped request body.
struct ScriptedRequest {
  boost::json::object body;
  std::vector<std::string> tool_names;  // the tools offered
  std::vector<std::string> results;     // tool results in the conversation, in order
  bool last_is_error = false;           // the last result was marked as an error (OpenAI has no such flag)
  std::string system;
  int index = 0;  // 0 for the first request this server received
};

using Script = std::function<ScriptedTurn(const ScriptedRequest& request)>;

// Registers the vendor's generation route (OpenAI /v1/chat/completions, Anthropic /v1/messages, Gemini
// /v1beta/models/{model}:generateContent) answering each request with script(request) in that vendor's
// response shape (OpenAI tool_calls with string arguments, Anthropic tool_use blocks, Gemini functionCall
// parts without ids). Records every request.
void serve_scripted(MockServer& server, Vendor vendor, Script script);

}  // namespace aurixa::llm::testing
