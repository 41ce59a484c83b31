#pragma once
// Safety role registration (see src/app/roles.cpp) and split-mode client factory.
#include <memory>
#include <string>

#include "core/router.hpp"

namespace aurixa {
struct App;
class HttpClient;
namespace safety {
class Api;
}

// Routes: POST /api/v1/validate, GET/PUT /api/v1/safety/policies/{tenant_id}.
void register_safety_routes(http::Router& router, App& app);
// Builds the local SafetyService from app.config, stores it in app.apis.safety and installs it as the
// log redactor.
void wire_safety(App& app);
// safety::Api over HTTP for processes that do not run the safety role (split mode). redact() runs a
// local PII detector (logging must not make a network call per line).
std::shared_ptr<safety::Api> make_safety_client(HttpClient& http, std::string base_url);

}  // namespace aurixa
