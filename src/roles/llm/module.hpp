#pragma once
// Wiring of the LLM router role into the App (see app/roles.cpp), and the split-mode client.
#include <memory>
#include <string>

namespace aurixa {

struct App;
class HttpClient;
namespace http {
class Router;
}
namespace llm {
class Api;
}

// Builds the local LlmService from app.config (providers, prices, routing, limits) and stores it in
// app.apis.llm. Uses app.apis.safety's redactor for cloud providers when the safety role is wired
// first. Throws ConfigError for an invalid LLM configuration.
void wire_llm(App& app);
// Registers /api/v1/route, /api/v1/generate, /api/v1/generate/stream, /api/v1/providers,
// /api/v1/models and the OpenAI-compatible /v1/chat/completions and /v1/models.
void register_llm_routes(http::Router& router, App& app);
// llm::Api over HTTP for processes that do not run the LLM role: base_url is the role's address
// (Config::role_url("llm")). Errors come back as the same ApiError.
std::shared_ptr<llm::Api> make_llm_client(HttpClient& http, std::string base_url);

}  // namespace aurixa
