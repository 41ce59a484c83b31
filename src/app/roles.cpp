#include "app/roles.hpp"

#include "app/app.hpp"

#include <sstream>

#include "core/config.hpp"
#ifdef AURIXA_HAS_ROLE_SAFETY
#include "core/log.hpp"
#include "roles/safety/api.hpp"
#include "roles/safety/module.hpp"
#define AURIXA_SAFETY_ROUTES &register_safety_routes
#define AURIXA_SAFETY_WIRE &wire_safety
namespace aurixa {
// Processes without the safety role still redact their logs (the client's redact() runs locally).
static void wire_safety_remote(App& app) {
  auto client = make_safety_client(app.http, app.config.role_url("safety"));
  app.apis.safety = client;
  app.log.set_redactor([client](std::string_view s) { return client->redact(s); });
}
}  // namespace aurixa
#define AURIXA_SAFETY_REMOTE &wire_safety_remote
#else
#define AURIXA_SAFETY_ROUTES nullptr
#define AURIXA_SAFETY_WIRE nullptr
#define AURIXA_SAFETY_REMOTE nullptr
#endif
#ifdef AURIXA_HAS_ROLE_ORCHESTRATION
#include "roles/orchestration/module.hpp"
#define AURIXA_ORCHESTRATION_FNS &orchestration::register_routes, &orchestration::wire, &orchestration::wire_remote
#else
#define AURIXA_ORCHESTRATION_FNS nullptr, nullptr
#endif

#ifdef AURIXA_HAS_ROLE_LLM
#include "roles/llm/module.hpp"
#define AURIXA_LLM_ROUTES &register_llm_routes
#define AURIXA_LLM_WIRE &wire_llm
namespace aurixa {
static void wire_llm_remote(App& app) { app.apis.llm = make_llm_client(app.http, app.config.role_url("llm")); }
}  // namespace aurixa
#define AURIXA_LLM_REMOTE &wire_llm_remote
#else
#define AURIXA_LLM_ROUTES nullptr
#define AURIXA_LLM_WIRE nullptr
#define AURIXA_LLM_REMOTE nullptr
#endif

#ifdef AURIXA_HAS_ROLE_RAG
#include "roles/rag/module.hpp"
#define AURIXA_RAG_ROUTES &rag::register_routes
#define AURIXA_RAG_WIRE &rag::wire
namespace aurixa {
static void wire_rag_remote(App& app) { app.apis.rag = rag::make_client(app.http, app.config.role_url("rag")); }
}  // namespace aurixa
#define AURIXA_RAG_REMOTE &wire_rag_remote
#else
#define AURIXA_RAG_ROUTES nullptr
#define AURIXA_RAG_WIRE nullptr
#define AURIXA_RAG_REMOTE nullptr
#endif

#ifdef AURIXA_HAS_ROLE_GATEWAY
#include "roles/gateway/module.hpp"
#define AURIXA_GATEWAY_ROUTES &gateway::register_routes
#define AURIXA_GATEWAY_WIRE &gateway::wire
#else
#define AURIXA_GATEWAY_ROUTES nullptr
#define AURIXA_GATEWAY_WIRE nullptr
#endif

#ifdef AURIXA_HAS_ROLE_OBSERVABILITY
#include "roles/observability/module.hpp"
#define AURIXA_OBSERVABILITY_ROUTES &observability::register_routes
#define AURIXA_OBSERVABILITY_WIRE &observability::wire
#else
#define AURIXA_OBSERVABILITY_ROUTES nullptr
#define AURIXA_OBSERVABILITY_WIRE nullptr
#endif

// Roles below follow the same pattern: src/roles/<role>/module.hpp declares register_routes, wire and
// make_client in namespace aurixa::<role>.
#define AURIXA_ROLE_FNS(ns) &ns::register_routes, &ns::wire, &ns::wire_remote
#ifdef AURIXA_HAS_ROLE_EXECUTION
#include "roles/execution/module.hpp"
#define AURIXA_EXECUTION_FNS AURIXA_ROLE_FNS(execution)
#else
#define AURIXA_EXECUTION_FNS nullptr, nullptr
#endif
#ifdef AURIXA_HAS_ROLE_AGENTS
#include "roles/agents/module.hpp"
#define AURIXA_AGENTS_FNS AURIXA_ROLE_FNS(agents)
#else
#define AURIXA_AGENTS_FNS nullptr, nullptr
#endif
#ifdef AURIXA_HAS_ROLE_VOICE
#include "roles/voice/module.hpp"
#define AURIXA_VOICE_FNS AURIXA_ROLE_FNS(voice)
#else
#define AURIXA_VOICE_FNS nullptr, nullptr
#endif

namespace aurixa {

// Each role library provides these; a role without routes yet registers only what core gives it.
// Keep this table in the order roles start (dependencies first).
const std::vector<RoleModule>& role_modules() {
  static const std::vector<RoleModule> kModules = {
      {"observability", "observability-core", 8008, AURIXA_OBSERVABILITY_ROUTES, AURIXA_OBSERVABILITY_WIRE},
      {"safety", "safety-guardrails", 8005, AURIXA_SAFETY_ROUTES, AURIXA_SAFETY_WIRE, AURIXA_SAFETY_REMOTE},
      {"rag", "rag-service", 8004, AURIXA_RAG_ROUTES, AURIXA_RAG_WIRE, AURIXA_RAG_REMOTE},
      {"llm", "llm-router", 8002, AURIXA_LLM_ROUTES, AURIXA_LLM_WIRE, AURIXA_LLM_REMOTE},
      {"execution", "execution-engine", 8007, AURIXA_EXECUTION_FNS},
      {"agents", "agent-runtime", 8003, AURIXA_AGENTS_FNS},
      {"orchestration", "orchestration-engine", 8001, AURIXA_ORCHESTRATION_FNS},
      {"voice", "streaming-voice", 8006, AURIXA_VOICE_FNS},
      {"gateway", "api-gateway", 3000, AURIXA_GATEWAY_ROUTES, AURIXA_GATEWAY_WIRE},
  };
  return kModules;
}

const RoleModule* find_role(std::string_view name) {
  for (const auto& m : role_modules())
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string> select_roles(const std::string& spec) {
  std::vector<std::string> out;
  if (spec == "all") {
    for (const auto& m : role_modules()) out.emplace_back(m.name);
    return out;
  }
  std::vector<std::string> wanted;
  std::stringstream ss(spec);
  for (std::string item; std::getline(ss, item, ',');) wanted.push_back(item);
  for (const auto& m : role_modules())
    for (const auto& w : wanted)
      if (m.name == w) out.emplace_back(m.name);
  return out;
}

}  // namespace aurixa
