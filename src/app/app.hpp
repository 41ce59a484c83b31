#pragma once
// The one owner object (like DuckDB's DatabaseInstance): built by main.cpp, it holds the shared
// infrastructure and every role's interface. Roles receive App& when they register routes and
// reach each other only through the api.hpp interfaces stored here (a local service, or in split
// mode an HTTP client implementing the same interface). No Boost in this header.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace aurixa {

class Log;
class Metrics;
class TelemetrySink;
class HttpClient;
namespace store {
class Database;
}
namespace http {
class Router;
class RequestFilter;
}
namespace safety {
class Api;
}
namespace rag {
class Api;
}
namespace llm {
class Api;
}
namespace execution {
class Api;
}
namespace agents {
class Api;
}
namespace orchestration {
class Api;
}

struct RoleApis {
  std::shared_ptr<safety::Api> safety;
  std::shared_ptr<rag::Api> rag;
  std::shared_ptr<llm::Api> llm;
  std::shared_ptr<execution::Api> execution;
  std::shared_ptr<agents::Api> agents;
  std::shared_ptr<orchestration::Api> orchestration;
};

struct App {
  const Config& config;
  Log& log;
  Metrics& metrics;
  HttpClient& http;
  std::vector<std::string> local_roles;  // roles served by this process
  store::Database* db = nullptr;          // set when a local role needs the store
  RoleApis apis;
  // All-in-one with a local gateway: each local role's routes, for in-process dispatch (no HTTP hop).
  std::map<std::string, http::Router*> role_routers;
  // Cross-cutting request filter installed by the gateway (CORS, security headers, rate limits, auth).
  http::RequestFilter* request_filter = nullptr;
  // Where roles report telemetry events (never null while serving; see core/telemetry.hpp).
  TelemetrySink* telemetry = nullptr;
  // Objects roles create at wiring time that must live as long as the App (filters, caches, ...).
  std::vector<std::shared_ptr<void>> owned;
  // Run once the HTTP server has stopped serving, while its threads' contexts still exist: work that
  // resumes requests on those contexts (a commit queue's completions) finishes here.
  std::vector<std::function<void()>> on_server_stopped;

  bool runs(const std::string& role) const;
};

}  // namespace aurixa
