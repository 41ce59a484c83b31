#include "roles/llm/service.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <thread>

#include "core/log.hpp"
#include "core/metrics.hpp"
#include "roles/llm/prompt.hpp"
#include "roles/llm/text.hpp"

namespace aurixa::llm {
namespace {

const std::vector<std::string>& known_provider_ids() {
  static const std::vector<std::string> kIds = {"local", "openai", "anthropic", "gemini", "builtin"};
  return kIds;
}

std::string display_name(const std::string& id) {
  // The original's names: the id capitalised ("Openai", not "OpenAI").
  std::string n = id;
  if (!n.empty()) n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
  return n;
}

// OpenTelemetry GenAI semantic conventions: gen_ai.client.token.usage ({token}) and
// gen_ai.client.operation.duration (s) with their recommended bucket boundaries.
const std::vector<double>& token_buckets() {
  static const std::vector<double> kBuckets = {1,     4,     16,     64,      256,     1024,     4096,
                                               16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864};
  return kBuckets;
}
const std::vector<double>& duration_buckets() {
  static const std::vector<double> kBuckets = {0.01, 0.02, 0.04, 0.08,  0.16,  0.32,  0.64,
                                               1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92};
  return kBuckets;
}

std::string error_type(const std::exception& e) {
  if (const auto* pe = dynamic_cast<const ProviderError*>(&e))
    return pe->upstream_status() > 0 ? std::to_string(pe->upstream_status()) : "invalid_response";
  if (const auto* ae = dynamic_cast<const ApiError*>(&e)) {
    if (ae->errc() == Errc::gateway_timeout) return "timeout";
    if (ae->errc() == Errc::bad_gateway) return "transport";
    return std::string(ae->code());
  }
  return "internal";
}

bool is_retryable(const std::exception& e) {
  if (const auto* pe = dynamic_cast<const ProviderError*>(&e)) return pe->retryable();
  // Transport failures (reset, refused) may pass; a timeout used up the deadline, nothing is left to retry in.
  if (const auto* ae = dynamic_cast<const ApiError*>(&e)) return ae->errc() == Errc::bad_gateway;
  return false;
}

std::int64_t estimate_prompt_tokens(const ChatRequest& req) {
  auto conv = conversation(req);
  std::int64_t n = text::estimate_tokens(conv.system);
  for (const auto& t : conv.turns) n += text::estimate_tokens(t.content) + 4;  // per-message framing
  return n;
}

}  // namespace

struct LlmService::Slot {
  Slot(std::unique_ptr<Provider> p, CircuitBreaker::Options o, bool is_builtin)
      : provider(std::move(p)), breaker(o), builtin(is_builtin) {}
  std::unique_ptr<Provider> provider;
  CircuitBreaker breaker;
  bool builtin;
};

LlmService::LlmService(LlmSettings settings, std::vector<std::unique_ptr<Provider>> providers, Deps deps)
    : settings_(std::move(settings)), deps_(std::move(deps)), rng_(std::random_device{}()) {
  if (!deps_.now) deps_.now = [] { return Clock::now(); };
  if (!deps_.sleep) deps_.sleep = [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
  for (auto& p : providers)
    if (p && p->id() != "builtin")
      slots_.push_back(std::make_unique<Slot>(std::move(p), settings_.options.breaker, false));
  slots_.push_back(std::make_unique<Slot>(make_builtin_provider(), settings_.options.breaker, true));
  router_ = std::make_unique<ModelRouter>(settings_.routing, settings_.prices);
  std::map<std::string, TenantLimits> per_tenant;
  for (const auto& [id, t] : settings_.tenants) per_tenant[id] = t.limits;
  limiter_ = std::make_unique<TenantLimiter>(settings_.default_limits, std::move(per_tenant), deps_.now);
  for (auto& s : slots_) publish_circuit(*s);
}

LlmService::~LlmService() = default;

LlmService::Slot* LlmService::slot(const std::string& id) const {
  for (auto& s : slots_)
    if (s->provider->id() == id) return s.get();
  return nullptr;
}

CircuitBreaker::State LlmService::circuit(const std::string& provider) {
  auto* s = slot(provider);
  return s ? s->breaker.state(deps_.now()) : CircuitBreaker::State::closed;
}

bool LlmService::pii_allowed(const std::string& tenant) const {
  if (settings_.options.allow_pii) return true;
  auto it = settings_.tenants.find(tenant);
  return it != settings_.tenants.end() && it->second.allow_pii;
}

std::string LlmService::unavailable_reason(const std::string& provider, const RouteInput& input) {
  auto* s = slot(provider);
  if (!s) {
    bool known =
        std::find(known_provider_ids().begin(), known_provider_ids().end(), provider) != known_provider_ids().end();
    return known ? "not configured" : "unknown provider";
  }
  if (s->builtin) return {};
  if (s->breaker.state(deps_.now()) == CircuitBreaker::State::open) return "circuit open";
  if (s->provider->cloud() && !deps_.redact && !input.pii_allowed)
    return "cloud provider, and no PII redactor is available (safety role) while AURIXA_LLM_ALLOW_PII is off";
  return {};
}

std::string LlmService::default_model(const std::string& provider) {
  auto* s = slot(provider);
  return s ? s->provider->default_model() : std::string("builtin");
}

void LlmService::validate(const ChatRequest& r) const {
  if (r.messages.empty()) throw ApiError::validation("messages", "field 'messages' needs at least one message");
  for (std::size_t i = 0; i < r.messages.size(); ++i) {
    const auto& role = r.messages[i].role;
    if (role != "system" && role != "user" && role != "assistant" && role != "tool")
      throw ApiError::validation("messages[" + std::to_string(i) + "].role",
                                 "messages[" + std::to_string(i) + "].role must be system, user, assistant or tool");
  }
  if (r.max_tokens < 1 || r.max_tokens > 1'000'000)
    throw ApiError::validation("max_tokens", "field 'max_tokens' must be between 1 and 1000000");
  if (!(r.temperature >= 0 && r.temperature <= 2))
    throw ApiError::validation("temperature", "field 'temperature' must be between 0 and 2");
  if (!r.provider.empty()) {
    const auto& ids = known_provider_ids();
    if (std::find(ids.begin(), ids.end(), r.provider) == ids.end() && !slot(r.provider))
      throw ApiError::validation("provider",
                                 "unknown provider '" + r.provider + "' (local, openai, anthropic, gemini or builtin)");
  }
}

std::string LlmService::tenant_of(const ChatRequest& r, const CallContext& ctx) const {
  if (!r.tenant_id.empty()) return r.tenant_id;
  return ctx.tenant_id ? std::to_string(*ctx.tenant_id) : std::string("default");
}

RouteInput LlmService::route_input(const std::string& prompt, const std::string& tenant, std::int64_t input_tokens,
                                   std::int64_t max_tokens, const RouteTarget& hint) {
  RouteInput in;
  in.prompt = prompt;
  in.hint = hint;
  if (auto it = settings_.tenants.find(tenant); it != settings_.tenants.end())
    in.tenant_preference = it->second.preference;
  in.input_tokens = input_tokens;
  in.max_tokens = max_tokens;
  in.remaining_budget_usd = limiter_->remaining_budget(tenant);
  in.pii_allowed = pii_allowed(tenant);
  return in;
}

std::vector<LlmService::Step> LlmService::plan(const ChatRequest& req, const std::string& tenant) {
  const auto tokens = estimate_prompt_tokens(req);
  auto in = route_input(last_user_message(req), tenant, tokens, req.max_tokens, {req.provider, req.model});
  auto decision = router_->decide(in, *this);
  Slot* builtin = slots_.back().get();
  std::vector<Step> steps;

  if (!req.provider.empty()) {
    // An explicit provider means that provider only; the builtin responder still answers if it fails
    // (the original failed the whole pipeline here: D7).
    if (decision.rule == "hint") {
      steps.push_back({slot(decision.provider), decision.provider, decision.model, {}});
    } else {
      std::string why = decision.considered.empty() ? "not available" : decision.considered.front().skipped;
      steps.push_back({nullptr, req.provider, req.model, why});
    }
    if (steps.front().slot != builtin) steps.push_back({builtin, "builtin", "builtin", {}});
    return steps;
  }

  steps.push_back({slot(decision.provider), decision.provider, decision.model, {}});
  if (decision.provider == "builtin") return steps;
  const double cap = settings_.routing.max_request_cost_usd > 0 ? settings_.routing.max_request_cost_usd
                                                                : std::numeric_limits<double>::infinity();
  auto add = [&](Slot* s) {
    const auto& id = s->provider->id();
    if (s->builtin || id == decision.provider) return;
    for (const auto& st : steps)
      if (st.provider == id) return;
    auto model = s->provider->default_model();
    double est = settings_.prices.cost(model, tokens, req.max_tokens);
    std::string skipped;
    if (est > cap || est > in.remaining_budget_usd)
      skipped = "estimated cost exceeds the per-request cap or remaining budget";
    steps.push_back({s, id, model, skipped});
  };
  for (const auto& id : settings_.routing.fallback_order)
    if (auto* s = slot(id)) add(s);
  for (auto& s : slots_) add(s.get());  // providers from the config file that the order does not name
  steps.push_back({builtin, "builtin", "builtin", {}});
  return steps;
}

ChatRequest LlmService::redacted(const ChatRequest& r) const {
  ChatRequest c = r;
  auto red = [&](std::string& s) {
    if (!s.empty()) s = deps_.redact(s);
  };
  red(c.system);
  for (auto& m : c.messages) {
    red(m.content);
    for (auto& t : m.tool_calls) red(t.arguments);
  }
  for (auto& p : c.passages) {
    red(p.title);
    red(p.content);
  }
  for (auto& t : c.tool_results) {
    red(t.summary);
    red(t.error);
    for (auto& [k, v] : t.fields) red(v);
  }
  return c;
}

std::chrono::milliseconds LlmService::backoff(int attempt) {
  // Equal jitter: half of the exponential step fixed, half random, so concurrent retries spread out.
  auto step = settings_.options.retry_base.count() << std::min(attempt - 1, 10);
  std::lock_guard lock(rng_mu_);
  std::uniform_int_distribution<std::int64_t> dist(0, std::max<std::int64_t>(step / 2, 0));
  return std::chrono::milliseconds(step / 2 + dist(rng_));
}

ChatResponse LlmService::generate(const ChatRequest& request, const CallContext& ctx) {
  return run(request, ctx, nullptr);
}

ChatResponse LlmService::generate_stream(const ChatRequest& request, const CallContext& ctx,
                                         const DeltaSink& on_delta) {
  if (!request.tools.empty()) {  // function calling is for whole generations; a stream answers in text
    ChatRequest text_only = request;
    text_only.tools.clear();
    return run(text_only, ctx, &on_delta);
  }
  return run(request, ctx, &on_delta);
}

void LlmService::check_admission(const ChatRequest& request, const CallContext& ctx) {
  validate(request);
  limiter_->check(tenant_of(request, ctx));
}

ChatResponse LlmService::run(const ChatRequest& req, const CallContext& ctx, const DeltaSink* sink) {
  const auto started = Clock::now();
  validate(req);
  const auto tenant = tenant_of(req, ctx);
  try {
    limiter_->admit(tenant);
  } catch (const ApiError&) {
    if (deps_.metrics)
      deps_.metrics
          ->counter("aurixa_llm_rate_limited_total", "LLM requests refused by tenant limits", {"tenant"}, {tenant})
          .inc();
    throw;
  }
  const auto deadline = started + std::min(ctx.remaining(), std::chrono::milliseconds(settings_.options.timeout));
  auto steps = plan(req, tenant);

  ChatResponse out;
  std::string streamed;  // what already reached the caller
  const Slot* streaming_slot = nullptr;
  DeltaSink counting;
  if (sink) {
    counting = [&](std::string_view d) {
      if (streamed.empty() && deps_.metrics && streaming_slot)
        deps_.metrics
            ->histogram("aurixa_llm_time_to_first_chunk_seconds", "Time from request to the first streamed delta",
                        {"gen_ai_provider_name"}, {streaming_slot->provider->id()}, duration_buckets())
            .observe(std::chrono::duration<double>(Clock::now() - started).count());
      streamed.append(d);
      return (*sink)(d);
    };
  }

  for (auto& step : steps) {
    if (!step.skipped.empty() || !step.slot) {
      out.attempts.push_back(
          {step.provider, step.model, "skipped", step.skipped.empty() ? "not configured" : step.skipped});
      continue;
    }
    Slot& s = *step.slot;
    const ChatRequest* call_req = &req;
    ChatRequest safe;
    if (!s.builtin) {
      if (Clock::now() >= deadline) {
        out.attempts.push_back({step.provider, step.model, "skipped", "deadline passed"});
        continue;
      }
      if (s.provider->cloud() && !pii_allowed(tenant)) {
        if (!deps_.redact) {
          out.attempts.push_back(
              {step.provider, step.model, "skipped",
               "cloud provider, and no PII redactor is available while AURIXA_LLM_ALLOW_PII is off"});
          continue;
        }
        safe = redacted(req);
        call_req = &safe;
      }
    }
    streaming_slot = &s;
    for (int attempt = 1;; ++attempt) {
      if (!s.builtin && !s.breaker.allow(deps_.now())) {
        out.attempts.push_back({step.provider, step.model, "skipped", "circuit open"});
        publish_circuit(s);
        break;
      }
      const auto call_started = Clock::now();
      std::optional<ProviderResult> result;
      std::string failure;
      bool retry = false;
      try {
        ProviderCall call{*call_req, step.model, deadline};
        result = sink ? s.provider->stream(call, counting) : s.provider->complete(call);
        if (result->text.empty() && result->tool_calls.empty() && result->finish_reason != "cancelled")
          throw ProviderError(step.provider + " returned no content", 0, false);
      } catch (const std::exception& e) {
        if (s.builtin) throw;  // the builtin responder has no failure mode worth hiding
        result.reset();
        failure = e.what();
        retry = is_retryable(e);
        s.breaker.on_failure(deps_.now());
        publish_circuit(s);
        note_failure(s, step.model, e, ctx);
        if (deps_.metrics)
          deps_.metrics
              ->histogram("gen_ai_client_operation_duration_seconds", "GenAI operation duration",
                          {"gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model", "error_type"},
                          {"chat", step.provider, metric_model(s, step.model), error_type(e)}, duration_buckets())
              .observe(std::chrono::duration<double>(Clock::now() - call_started).count());
      }
      if (result) {
        if (!s.builtin) {
          s.breaker.on_success();
          publish_circuit(s);
        }
        out.attempts.push_back({step.provider, step.model, "ok", {}});
        out.text = std::move(result->text);
        out.finish_reason = result->finish_reason.empty() ? "stop" : result->finish_reason;
        out.provider = step.provider;
        out.model = result->model.empty() ? step.model : result->model;
        out.tool_calls = std::move(result->tool_calls);
        if (result->usage_reported) {
          out.input_tokens = result->input_tokens;
          out.output_tokens = result->output_tokens;
        } else {
          out.usage_estimated = true;
          out.input_tokens = estimate_prompt_tokens(req);
          out.output_tokens = text::estimate_tokens(out.text);
        }
        finish(out, tenant, step.model, started, ctx);
        return out;
      }
      out.attempts.push_back({step.provider, step.model, "error", failure});
      if (sink && !streamed.empty()) {
        // Part of the answer already reached the caller: switching providers would splice two answers.
        out.text = streamed;
        out.finish_reason = "error";
        out.error = failure;
        out.provider = step.provider;
        out.model = step.model;
        out.usage_estimated = true;
        out.input_tokens = estimate_prompt_tokens(req);
        out.output_tokens = text::estimate_tokens(out.text);
        finish(out, tenant, step.model, started, ctx);
        return out;
      }
      if (!retry || attempt >= settings_.options.max_attempts) break;
      auto wait = backoff(attempt);
      if (Clock::now() + wait >= deadline) break;
      deps_.sleep(wait);
    }
  }
  throw ApiError(Errc::internal, "no LLM provider produced an answer");  // unreachable: builtin is last
}

void LlmService::finish(ChatResponse& out, const std::string& tenant, const std::string& model,
                        Clock::time_point started, const CallContext& ctx) {
  out.latency_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  const std::string& priced = settings_.prices.find(out.model) ? out.model : model;
  out.cost_usd = settings_.prices.cost(priced, out.input_tokens, out.output_tokens);
  limiter_->record(tenant, out.input_tokens + out.output_tokens, out.cost_usd);
  if (deps_.on_usage) deps_.on_usage(out, tenant, ctx);
  if (!deps_.metrics) return;
  auto& m = *deps_.metrics;
  auto* s = slot(out.provider);
  const std::string label_model = s ? metric_model(*s, model) : "other";
  const std::vector<std::string> names = {"gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model",
                                          "gen_ai_token_type"};
  m.histogram("gen_ai_client_token_usage", "Tokens used per GenAI operation", names,
              {"chat", out.provider, label_model, "input"}, token_buckets())
      .observe(static_cast<double>(out.input_tokens));
  m.histogram("gen_ai_client_token_usage", "Tokens used per GenAI operation", names,
              {"chat", out.provider, label_model, "output"}, token_buckets())
      .observe(static_cast<double>(out.output_tokens));
  m.histogram("gen_ai_client_operation_duration_seconds", "GenAI operation duration",
              {"gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model", "error_type"},
              {"chat", out.provider, label_model, out.finish_reason == "error" ? "stream_interrupted" : ""},
              duration_buckets())
      .observe(out.latency_ms / 1000.0);
  m.counter("aurixa_llm_cost_usd_total", "Estimated LLM spend in USD",
            {"tenant", "gen_ai_provider_name", "gen_ai_request_model"}, {tenant, out.provider, label_model})
      .inc(out.cost_usd);
  const char* outcome = out.finish_reason == "error"       ? "stream_error"
                        : out.finish_reason == "cancelled" ? "cancelled"
                        : out.attempts.size() > 1          ? "fallback"
                                                           : "ok";
  m.counter("aurixa_llm_requests_total", "LLM generations by answering provider and outcome",
            {"gen_ai_provider_name", "outcome"}, {out.provider, outcome})
      .inc();
}

void LlmService::note_failure(Slot& s, const std::string& model, const std::exception& e, const CallContext& ctx) {
  if (deps_.metrics)
    deps_.metrics
        ->counter("aurixa_llm_provider_errors_total", "Failed LLM provider calls",
                  {"gen_ai_provider_name", "error_type"}, {s.provider->id(), error_type(e)})
        .inc();
  if (deps_.log)
    deps_.log->warn(
        "llm provider call failed",
        {{"provider", s.provider->id()}, {"model", model}, {"error", e.what()}, {"request_id", ctx.request_id}});
}

void LlmService::publish_circuit(Slot& s) {
  if (!deps_.metrics || s.builtin) return;
  auto state = s.breaker.state(deps_.now());
  deps_.metrics
      ->gauge("aurixa_llm_circuit_state", "Provider circuit: 0 closed, 1 half-open, 2 open", {"gen_ai_provider_name"},
              {s.provider->id()})
      .set(state == CircuitBreaker::State::closed      ? 0
           : state == CircuitBreaker::State::half_open ? 1
                                                       : 2);
}

std::string LlmService::metric_model(Slot& s, const std::string& model) {
  // Model ids come from callers too: only known ones become label values (bounded cardinality).
  if (settings_.prices.find(model) || model == s.provider->default_model()) return model;
  return "other";
}

RouteDecision LlmService::route(const RouteRequest& request, const CallContext& ctx) {
  if (text::trim(request.prompt).empty()) throw ApiError::validation("prompt", "field 'prompt' is required");
  ChatRequest probe;
  probe.tenant_id = request.tenant_id;
  auto tenant = tenant_of(probe, ctx);
  auto in = route_input(request.prompt, tenant, text::estimate_tokens(request.prompt), request.max_tokens, {});
  return router_->decide(in, *this);
}

std::vector<ProviderInfo> LlmService::providers() {
  std::vector<std::string> ids = {"local", "openai", "anthropic", "gemini"};
  for (auto& s : slots_)
    if (!s->builtin && std::find(ids.begin(), ids.end(), s->provider->id()) == ids.end())
      ids.push_back(s->provider->id());
  ids.push_back("builtin");
  std::vector<ProviderInfo> out;
  for (const auto& id : ids) {
    ProviderInfo p;
    p.id = id;
    p.name = display_name(id);
    if (auto* s = slot(id)) {
      auto state = s->builtin ? CircuitBreaker::State::closed : s->breaker.state(deps_.now());
      p.configured = true;
      p.circuit = std::string(state_name(state));
      p.healthy = state != CircuitBreaker::State::open;
      p.cloud = s->provider->cloud();
      p.default_model = s->provider->default_model();
    } else {
      p.circuit = "closed";
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ModelInfo> LlmService::models() {
  std::vector<ModelInfo> out;
  for (auto& s : slots_)
    for (const auto& m : s->provider->models()) {
      ModelInfo info{m, s->provider->id(), 0, 0};
      if (auto p = settings_.prices.find(m)) {
        info.input_usd_per_mtok = p->input_per_mtok;
        info.output_usd_per_mtok = p->output_per_mtok;
      }
      out.push_back(std::move(info));
    }
  return out;
}

}  // namespace aurixa::llm
