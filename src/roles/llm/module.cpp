#include "roles/llm/module.hpp"

#include <charconv>

#include "app/app.hpp"
#include "core/log.hpp"
#include "core/telemetry.hpp"
#include "roles/llm/service.hpp"
#include "roles/safety/api.hpp"

namespace aurixa {

void wire_llm(App& app) {
  auto settings = llm::llm_settings_from(app.config);
  std::vector<std::unique_ptr<llm::Provider>> providers;
  std::string names;
  for (const auto& p : settings.providers) {
    if (p.kind == "anthropic")
      providers.push_back(llm::make_anthropic_provider(app.http, p.options));
    else if (p.kind == "gemini")
      providers.push_back(llm::make_gemini_provider(app.http, p.options));
    else
      providers.push_back(llm::make_openai_provider(app.http, p.options));
    names += (names.empty() ? "" : ",") + p.options.id + (p.options.cloud ? "(cloud)" : "(self-hosted)");
  }
  llm::LlmService::Deps deps;
  deps.metrics = &app.metrics;
  deps.log = &app.log;
  if (auto safety = app.apis.safety) deps.redact = [safety](std::string_view text) { return safety->redact(text); };
  // Every generation becomes an llm_call telemetry event (cost, tokens, model) for the observability
  // role. app.telemetry is read per call: main points it at a sink after all roles are wired.
  deps.on_usage = [&app](const llm::ChatResponse& r, const std::string& tenant, const CallContext& ctx) {
    if (!app.telemetry) return;
    TelemetryEvent e;
    e.timestamp = epoch_now();
    e.service = "llm-router";
    e.event_type = "llm_call";
    e.name = "chat";
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(tenant.data(), tenant.data() + tenant.size(), id);
    if (ec == std::errc() && p == tenant.data() + tenant.size())
      e.tenant_id = id;
    else
      e.tenant_id = ctx.tenant_id;
    e.latency_ms = r.latency_ms;
    e.error = r.finish_reason == "error";
    e.cost_usd = r.cost_usd;
    e.input_tokens = r.input_tokens;
    e.output_tokens = r.output_tokens;
    e.model = r.model;
    e.provider = r.provider;
    e.within(ctx.trace);
    app.telemetry->emit(std::move(e));
  };
  const bool redactor = static_cast<bool>(deps.redact);
  const bool allow_pii = settings.options.allow_pii;
  app.apis.llm = std::make_shared<llm::LlmService>(std::move(settings), std::move(providers), std::move(deps));
  app.log.info("llm providers",
               {{"providers", names.empty() ? std::string_view("builtin only") : std::string_view(names)},
                {"pii_redactor", redactor},
                {"allow_pii", allow_pii}});
  if (!redactor && !allow_pii && names.find("(cloud)") != std::string::npos)
    app.log.warn(
        "cloud LLM providers are configured but no PII redactor is available (safety role not wired); "
        "they will be skipped unless AURIXA_LLM_ALLOW_PII=true");
}

}  // namespace aurixa
