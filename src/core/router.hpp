#pragma once
// Method + path-pattern router. Patterns are literal segments and {name} parameters
// ("/api/v1/patients/{id}/appointments"); a trailing "{name...}" captures the rest of the path.
// Literal segments win over parameters. Built once at start-up, then read concurrently (no locks).
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/context.hpp"
#include "core/http_types.hpp"

namespace aurixa::http {

using Handler = std::function<Response(const Request&, CallContext&)>;
// A coroutine handler awaited on the connection's own I/O thread (core/async_route.hpp holds the Asio
// type; this header stays free of Asio). For handlers whose only waiting is non-blocking I/O.
struct AsyncRoute;
using WsHandler = std::function<void(WebSocket&, const Request&, CallContext&)>;

enum class Execution {
  inline_io,  // cheap, never blocks: runs on the I/O thread
  worker,     // may block (database, models, outbound calls): runs on the worker pool
  async_io,   // Route::async, awaited on the I/O thread: waits only through Asio (the gateway's proxying)
};

struct RouteOptions {
  Execution execution = Execution::worker;
  std::size_t max_body_bytes = 0;                  // 0 = server default
  std::chrono::milliseconds timeout{0};            // 0 = server default request deadline
  std::string name;                                // metrics label; defaults to the pattern
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  WsHandler ws_handler;  // set for WebSocket routes (method GET + Upgrade)
  // Set for Execution::async_io routes. `handler`, when also set, is the same route for synchronous callers
  // (in-process dispatch on a thread that may block); the HTTP server always awaits `async`.
  std::shared_ptr<const AsyncRoute> async;
  RouteOptions options;
};

struct Match {
  enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::string allow;  // for 405: comma-separated methods that exist for the path
};

// Cross-cutting request processing installed by the gateway (security headers, CORS, rate limits,
// authentication). Both hooks run on the I/O thread and must not block.
class RequestFilter {
 public:
  virtual ~RequestFilter() = default;
  // Before routing-dispatch; a returned response is sent instead of calling the handler.
  virtual std::optional<Response> before(const Request& req, CallContext& ctx, const Route* route) = 0;
  // Whether before() may block for this request (a store or network lookup). Asked only for async_io
  // routes: when true the server runs before() on the worker pool, then awaits the handler on the I/O thread.
  virtual bool may_block(const Request& req, const Route& route) const {
    (void)req;
    (void)route;
    return true;
  }
  // After the handler (or before()), just before the response is written.
  virtual void after(const Request& req, const CallContext& ctx, const Route* route, Response& res) = 0;
};

class Router {
 public:
  // Moves every route of `other` into this router (throws on a duplicate method + pattern).
  void merge(Router&& other);
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  void get(std::string pattern, Handler h, RouteOptions o = {}) { add("GET", std::move(pattern), std::move(h), std::move(o)); }
  void post(std::string pattern, Handler h, RouteOptions o = {}) { add("POST", std::move(pattern), std::move(h), std::move(o)); }
  void patch(std::string pattern, Handler h, RouteOptions o = {}) { add("PATCH", std::move(pattern), std::move(h), std::move(o)); }
  void put(std::string pattern, Handler h, RouteOptions o = {}) { add("PUT", std::move(pattern), std::move(h), std::move(o)); }
  void del(std::string pattern, Handler h, RouteOptions o = {}) { add("DELETE", std::move(pattern), std::move(h), std::move(o)); }
  void websocket(std::string pattern, WsHandler handler, RouteOptions options = {});
  // An Execution::async_io route (options.execution is set to it), with an optional synchronous twin for
  // callers that dispatch in-process (Route::handler).
  void add_async(std::string method, std::string pattern, std::shared_ptr<const AsyncRoute> handler,
                 RouteOptions options = {}, Handler sync_twin = {});

  // HEAD falls back to GET. Throws std::logic_error on a duplicate method + pattern.
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
  // Routes without parameters by exact path: most requests resolve here without a scan.
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<const Route*>, StringHash, std::equal_to<>> literal_;
  void index_literal(const Route& r);
  Route& insert(std::string method, std::string pattern, RouteOptions options);
};

std::vector<std::string> split_path(std::string_view path);

}  // namespace aurixa::http
