#pragma once
// A model provider speaks one vendor's wire format. The service (service.hpp) decides which provider
// to call, with what deadline and on what (possibly redacted) request; providers only translate.
//
// Errors: ProviderError for an upstream error status or a malformed/truncated answer; ApiError
// bad_gateway / gateway_timeout from the HTTP client for transport failures. Thread-safe: one provider
// object serves concurrent calls.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "roles/llm/api.hpp"

namespace aurixa {
class HttpClient;
}

namespace aurixa::llm {

struct ProviderCall {
  const ChatRequest& request;  // messages already redacted when the provider is a cloud one
  std::string model;           // resolved: never empty
  std::chrono::steady_clock::time_point deadline;
};

struct ProviderResult {
  std::string text;
  std::string finish_reason;  // normalised: stop | length | content_filter | cancelled ("" = stop)
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool usage_reported = false;  // false: the service estimates the counts
  std::string model;            // as the provider reported it (falls back to the requested one)
  std::vector<ToolCallRequest> tool_calls;  // complete() only; finish_reason is then "tool_calls"
};

class ProviderError : public ApiError {
 public:
  ProviderError(std::string detail, int upstream_status, bool retryable)
      : ApiError(Errc::bad_gateway, std::move(detail)), upstream_status_(upstream_status), retryable_(retryable) {}
  int upstream_status() const noexcept { return upstream_status_; }  // 0 when not an HTTP status error
  bool retryable() const noexcept { return retryable_; }

 private:
  int upstream_status_;
  bool retryable_;
};

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const std::string& id() const = 0;
  // True when requests leave this deployment (a vendor API): the service then redacts personal data
  // unless the deployment or tenant allows it.
  virtual bool cloud() const = 0;
  virtual std::string default_model() = 0;
  virtual std::vector<std::string> models() = 0;
  virtual ProviderResult complete(const ProviderCall& call) = 0;
  // Calls on_delta for each text piece in order; stops early (finish_reason "cancelled") when it
  // returns false.
  virtual ProviderResult stream(const ProviderCall& call, const DeltaSink& on_delta) = 0;
};

// Settings of one vendor endpoint.
struct ProviderOptions {
  std::string id;             // local | openai | anthropic | gemini (any id for extra OpenAI-compatible servers)
  std::string base_url;       // OpenAI-compatible: up to and including /v1; Anthropic/Gemini: the origin
  std::string api_key;        // empty = no auth header (local servers)
  std::string default_model;  // empty for local = discover from GET /models
  bool cloud = true;
  std::vector<std::string> models;  // advertised models besides the default
};

std::unique_ptr<Provider> make_openai_provider(HttpClient& http, ProviderOptions options);
std::unique_ptr<Provider> make_anthropic_provider(HttpClient& http, ProviderOptions options);
std::unique_ptr<Provider> make_gemini_provider(HttpClient& http, ProviderOptions options);
std::unique_ptr<Provider> make_builtin_provider();

// True when a URL's host is loopback, a private (RFC 1918 / unique-local) address, or a single-label /
// .local / .internal / cluster name: such endpoints are self-hosted, so data does not leave the deployment.
bool is_self_hosted_url(std::string_view url);

}  // namespace aurixa::llm
