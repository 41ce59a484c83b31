#pragma once
// LlmService: the local implementation of llm::Api. Per request it validates, admits the tenant
// (limits.hpp), asks the router (routing.hpp) for the first choice, then walks a fallback chain:
// the chosen provider, the other usable providers in fallback order, and the builtin responder last.
// Each provider has a circuit breaker (breaker.hpp); retryable failures are retried with jittered
// backoff inside the request's deadline. Cloud providers receive personal data only redacted (by the
// safety role's redactor) unless the deployment or tenant allows it; with no redactor they are skipped.
// Usage and cost are recorded per tenant and in Prometheus metrics (OpenTelemetry GenAI names).
// Thread-safe.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "roles/llm/api.hpp"
#include "roles/llm/provider.hpp"
#include "roles/llm/routing.hpp"
#include "roles/llm/settings.hpp"

namespace aurixa {
class Metrics;
class Log;
}  // namespace aurixa

namespace aurixa::llm {

class LlmService final : public Api, private ProviderDirectory {
 public:
  using Clock = std::chrono::steady_clock;
  using Redactor = std::function<std::string(std::string_view)>;

  struct Deps {
    Metrics* metrics = nullptr;                            // optional
    Log* log = nullptr;                                    // optional
    Redactor redact;                                       // the safety role's redactor; empty when none is available
    std::function<Clock::time_point()> now;                // tests: breaker and limiter time
    std::function<void(std::chrono::milliseconds)> sleep;  // tests: retry backoff
    // Called after every generation with its usage and cost (e.g. to send an llm_call telemetry event
    // to the observability role). Runs on the request's thread: keep it cheap, never throw.
    std::function<void(const ChatResponse&, const std::string& tenant, const CallContext& ctx)> on_usage;
  };

  // `providers` are the configured HTTP providers; the builtin responder is added by the service.
  LlmService(LlmSettings settings, std::vector<std::unique_ptr<Provider>> providers, Deps deps);
  ~LlmService() override;

  ChatResponse generate(const ChatRequest& request, const CallContext& ctx) override;
  ChatResponse generate_stream(const ChatRequest& request, const CallContext& ctx, const DeltaSink& on_delta) override;
  void check_admission(const ChatRequest& request, const CallContext& ctx) override;
  RouteDecision route(const RouteRequest& request, const CallContext& ctx) override;
  std::vector<ProviderInfo> providers() override;
  std::vector<ModelInfo> models() override;

  CircuitBreaker::State circuit(const std::string& provider);  // closed for unknown providers

 private:
  struct Slot;
  struct Step {
    Slot* slot;  // null when the provider is not configured (then `skipped` says so)
    std::string provider;
    std::string model;
    std::string skipped;  // non-empty: recorded in attempts, not called
  };

  ChatResponse run(const ChatRequest& request, const CallContext& ctx, const DeltaSink* sink);
  std::vector<Step> plan(const ChatRequest& request, const std::string& tenant);
  void validate(const ChatRequest& request) const;
  std::string tenant_of(const ChatRequest& request, const CallContext& ctx) const;
  RouteInput route_input(const std::string& prompt, const std::string& tenant, std::int64_t input_tokens,
                         std::int64_t max_tokens, const RouteTarget& hint);
  Slot* slot(const std::string& id) const;
  ChatRequest redacted(const ChatRequest& request) const;
  std::chrono::milliseconds backoff(int attempt);
  void finish(ChatResponse& out, const std::string& tenant, const std::string& model, Clock::time_point started,
              const CallContext& ctx);
  void note_failure(Slot& s, const std::string& model, const std::exception& e, const CallContext& ctx);
  bool pii_allowed(const std::string& tenant) const;
  void publish_circuit(Slot& s);
  std::string metric_model(Slot& s, const std::string& model);

  // ProviderDirectory
  std::string unavailable_reason(const std::string& provider, const RouteInput& input) override;
  std::string default_model(const std::string& provider) override;

  LlmSettings settings_;
  Deps deps_;
  std::vector<std::unique_ptr<Slot>> slots_;  // configured providers, then builtin
  std::unique_ptr<ModelRouter> router_;
  std::unique_ptr<TenantLimiter> limiter_;
  std::mutex rng_mu_;
  std::minstd_rand rng_;
};

}  // namespace aurixa::llm
