#pragma once
// Shared plumbing for the HTTP providers: JSON POSTs bounded by the call's deadline, upstream error
// statuses -> ProviderError (429/408/5xx retryable), and Server-Sent Events parsing over
// HttpClient::stream_lines. Include only from provider .cpp files (pulls in Boost.JSON).
#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_client.hpp"
#include "roles/llm/provider.hpp"

namespace aurixa::llm::wire {

namespace bj = boost::json;

// A POST with a JSON body whose timeout is what is left until `deadline` (gateway_timeout if none).
ClientRequest post_json(std::string url, const bj::value& body, std::chrono::steady_clock::time_point deadline,
                        const std::string& provider);

// Throws ProviderError for a non-2xx status, using the vendor's error message when the body has one.
void check_status(const std::string& provider, int status, std::string_view body);

// Parses a JSON response body; a body that is not a JSON object -> ProviderError (not retryable).
bj::object parse_body(const std::string& provider, std::string_view body);

// Accumulates SSE fields and dispatches an event at each blank line (https://html.spec.whatwg.org/#server-sent-events).
class SseParser {
 public:
  using OnEvent = std::function<bool(std::string_view event, std::string_view data)>;
  // Returns false when on_event asked to stop.
  bool line(std::string_view l, const OnEvent& on_event);
  bool finish(const OnEvent& on_event);

 private:
  std::string event_;
  std::string data_;
  bool has_data_ = false;
};

// POSTs `req` and feeds the SSE response to on_event. A non-2xx status throws ProviderError with the
// collected body. Returns false when on_event stopped the stream.
bool stream_sse(HttpClient& http, const ClientRequest& req, const std::string& provider,
                const SseParser::OnEvent& on_event);

// ["a", "b"] from strings (stop sequences).
bj::array string_array(const std::vector<std::string>& items);

// Function calling: JSON text (tool arguments, a tool's parameter schema) as an object; text that is not a
// JSON object -> {} (the model's malformed arguments are reported by the caller's validation, not here).
bj::object object_of(std::string_view text);
// A tool's parameter schema without the keywords Gemini's OpenAPI subset rejects ($schema,
// additionalProperties), recursively.
bj::value gemini_schema(const bj::value& schema);

// Ends a streamed result: "cancelled" when the caller stopped reading; a retryable ProviderError when
// the stream ended before its terminal event (`terminal`, e.g. "[DONE]"): a cut connection; otherwise
// finish reason and model default to "stop" and the requested model.
void end_stream(ProviderResult& r, const std::string& provider, const ProviderCall& call, bool cancelled, bool complete,
                std::string_view terminal);

// Text fields helpers that never throw: "" / 0 when absent or of another type.
std::string str(const bj::value* v);
std::int64_t int_or(const bj::value* v, std::int64_t def);
const bj::value* at(const bj::value& v, std::initializer_list<std::string_view> path);

}  // namespace aurixa::llm::wire

namespace aurixa::llm {

// What every HTTP provider shares: its endpoint options and client; the default model first in models().
class HttpProvider : public Provider {
 public:
  HttpProvider(HttpClient& http, ProviderOptions options);
  const std::string& id() const override { return o_.id; }
  bool cloud() const override { return o_.cloud; }
  std::string default_model() override { return o_.default_model; }
  std::vector<std::string> models() override;

 protected:
  HttpClient& http_;
  ProviderOptions o_;
};

}  // namespace aurixa::llm
