#pragma once
// RAG role registration (see src/app/roles.cpp) and split-mode client factory.
#include <memory>
#include <string>

#include "core/router.hpp"

namespace aurixa {
struct App;
class HttpClient;
}  // namespace aurixa

namespace aurixa::rag {
class Api;

// Routes: POST /api/v1/retrieve, POST /api/v1/embed (GET /health is core's).
void register_routes(http::Router& router, App& app);
// Builds the local RagService (embedding provider from config, articles from app.db), indexes every
// article once, and stores it in app.apis.rag. Never throws for a missing model or an unreachable
// embedding server: it logs why and runs BM25-only.
void wire(App& app);
// rag::Api over HTTP for processes that do not run the rag role (split mode).
std::shared_ptr<Api> make_client(HttpClient& http, std::string base_url);

}  // namespace aurixa::rag
