#pragma once
// Forwarding a request to a role: in-process when the role runs here (same responses and headers as
// split mode, no HTTP hop), otherwise over pooled keep-alive HTTP with streaming pass-through.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <string>

#include "core/async_route.hpp"
#include "core/context.hpp"
#include "core/http_types.hpp"

namespace aurixa {
struct App;
struct ClientRequest;
class ApiError;
}

namespace aurixa::gateway {

struct UpstreamCall {
  std::string role;           // orchestration, llm, ...
  std::string registry_name;  // the original's service name in x-upstream-service and 502 bodies
  std::string path;           // upstream path, e.g. /api/v1/pipelines; the query is always kept (D1)
  bool stream = false;        // relay the body unbuffered as it arrives
  bool upstream_headers = true;  // add x-upstream-latency-ms / x-upstream-service
  std::chrono::milliseconds timeout{30'000};
};

class Upstreams {
 public:
  explicit Upstreams(App& app) : app_(app) {}
  // May block (in-process roles, the blocking HTTP client): call from a worker thread.
  http::Response forward(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const;
  // For a role in another process only (Execution::async_io routes): the request is relayed from the
  // connection's own I/O thread over a connection pooled there; streams are handed to the stream pool as
  // by forward().
  boost::asio::awaitable<http::Response> forward_remote_async(UpstreamCall call, const http::Request& req,
                                                              CallContext& ctx) const;
  // For a role in this process (Execution::async_io routes): the role's own async route is awaited here on
  // the connection's thread (it hops to the workers only for what may block); any other route runs on the
  // worker pool, as forward() would.
  boost::asio::awaitable<http::Response> forward_local_async(UpstreamCall call, const http::Request& req,
                                                             CallContext& ctx, const http::AsyncEnv& env) const;

 private:
  http::Response local(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const;
  http::Request inner_request(const UpstreamCall& call, const http::Request& req) const;
  void add_local_headers(const UpstreamCall& call, std::chrono::steady_clock::time_point started, http::Response& res) const;
  http::Response remote(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const;
  ClientRequest outbound(const UpstreamCall& call, const http::Request& req, CallContext& ctx) const;
  http::Response failed(const UpstreamCall& call, const CallContext& ctx, const ApiError& e) const;

  App& app_;
};

// The original's failure body: {"error":"Bad Gateway","service":...,"message":...} plus our detail/code.
http::Response upstream_failure(int status, const std::string& registry_name, const std::string& message);
// A transport error talking to the role (HttpClient's ApiError): 504 when it timed out, else 502.
http::Response transport_failure(const UpstreamCall& call, const ApiError& e);

}  // namespace aurixa::gateway
