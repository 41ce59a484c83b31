// libFuzzer target for the HTTP router (src/core/router, http_types): arbitrary method + target strings are
// matched against a route table shaped like the real one (literals, {params}, {rest...} captures, HEAD -> GET),
// and the query string is decoded the way handlers read it. Invariants: a found route has the request's method
// (or GET for HEAD), a 405 names allowed methods, parameters are the route's own.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/router.hpp"

namespace http = aurixa::http;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  __builtin_trap();
}

const http::Router& table() {
  static const http::Router* router = [] {  // fuzzer-lifetime
    auto* r = new http::Router();
    const http::Handler h = [](const http::Request&, aurixa::CallContext&) { return http::Response{}; };
    for (const char* p : {"/health", "/metrics", "/api/v1/pipelines", "/api/v1/pipelines/stream", "/api/v1/retrieve",
                          "/api/v1/validate", "/api/v1/execute", "/api/v1/patients", "/api/v1/patients/{id}",
                          "/api/v1/patients/{id}/appointments", "/api/v1/patients/search",
                          "/api/v1/tenants/{tenant}/knowledge/{article}", "/api/v1/{prefix}/{rest...}",
                          "/assets/{path...}", "/"})
      r->get(p, h);
    for (const char* p : {"/api/v1/pipelines", "/api/v1/execute", "/api/v1/patients", "/api/v1/{prefix}/{rest...}"})
      r->post(p, h);
    r->patch("/api/v1/patients/{id}", h);
    r->del("/api/v1/patients/{id}", h);
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  // "METHOD TARGET": the first space splits them (none = GET).
  const auto space = in.find(' ');
  const std::string_view method = space == std::string_view::npos ? std::string_view("GET") : in.substr(0, space);
  const std::string_view target = space == std::string_view::npos ? in : in.substr(space + 1);
  const auto q = target.find('?');

  http::Request req;
  req.method = std::string(method);
  req.target = std::string(target);
  req.path = http::url_decode(target.substr(0, q));
  req.query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));

  const auto m = table().match(req.method, req.path);
  switch (m.kind) {
    case http::Match::Kind::found:
      if (!m.route) fail("found without a route");
      if (m.route->method != req.method && !(req.method == "HEAD" && m.route->method == "GET"))
        fail("route of another method");
      for (const auto& [name, value] : m.params) {
        (void)value;
        if (m.route->pattern.find("{" + name) == std::string::npos) fail("parameter not in the pattern");
      }
      break;
    case http::Match::Kind::method_not_allowed:
      if (m.allow.empty()) fail("405 without Allow");
      break;
    case http::Match::Kind::not_found:
      break;
  }
  for (const char* name : {"limit", "q", "status", ""}) (void)req.query_param(name);
  (void)http::split_path(req.path);
  return 0;
}
