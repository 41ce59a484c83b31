#pragma once
// HTTP/1.1 server (Boost.Beast + Asio C++20 coroutines). Keep-alive, header/body limits (431/413),
// idle and request timeouts, chunked streaming responses, WebSocket upgrades, metrics, JSON access log,
// graceful shutdown on SIGTERM/SIGINT. Handlers marked Execution::worker run on the worker pool; stream
// producers and WebSocket handlers run on the stream pool; I/O threads never block.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace aurixa {

class Log;
class Metrics;
class TelemetrySink;
namespace http {
class Router;
class RequestFilter;
}

struct ServerOptions {
  std::string host = "0.0.0.0";
  unsigned short port = 0;
  int io_threads = 1;
  int worker_threads = 16;
  int stream_threads = 64;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 << 10;
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds request_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  bool access_log = true;
  // Split-mode roles behind a gateway: take the caller's identity from X-Aurixa-* headers, but only when
  // they carry internal_token (if one is configured). Never set on a process that runs the gateway.
  bool trust_identity_headers = false;
  std::string internal_token;
};

class HttpServer {
 public:
  HttpServer(ServerOptions options, const http::Router& router, Metrics& metrics, Log& log);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Installs the request filter (gateway); call before run(). Not owned.
  void set_filter(http::RequestFilter* filter);
  // Reports an api_call telemetry event per request (not /health, /metrics) as `service`. Before run().
  void set_telemetry(TelemetrySink* sink, std::string service);
  // Binds and listens; returns the bound port (the real one when options.port is 0). Throws on failure.
  unsigned short listen();
  // Also accepts on `port` (0 = ephemeral) of the same host: same router, pools, limits and filter, but every
  // request target arriving there is passed through `rewrite_target` before routing (the gateway uses it to
  // serve one web app at "/" on a port of its own). After listen(), before run(); returns the bound port.
  unsigned short listen_also(unsigned short port, std::function<std::string(std::string_view target)> rewrite_target);
  // Serves until a graceful shutdown completes (signal or shutdown()); blocks the calling thread.
  void run();
  // Thread-safe: stop accepting, close idle connections, let in-flight requests finish within the grace.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aurixa
