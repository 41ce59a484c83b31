#pragma once
// Outbound HTTP/1.1 client: pooled keep-alive connections per (scheme, host, port), TLS through
// OpenSSL with certificate and host-name verification, per-request deadlines, and streaming reads
// (raw chunks or whole lines for NDJSON/SSE). Used by split-mode role clients and LLM providers.
//
// The client owns its I/O thread. The blocking calls below may be made from any thread except that
// I/O thread (call them from worker/stream pool threads, never from a server I/O thread).
// Transport failures throw ApiError: bad_gateway (connect/reset/TLS) or gateway_timeout (deadline).
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/http_types.hpp"

namespace aurixa {

struct HttpClientOptions {
  int io_threads = 1;
  std::size_t max_idle_per_host = 32;
  std::chrono::milliseconds idle_expiry{30'000};  // pooled connections unused this long are dropped
  std::string ca_file;                            // extra trusted CA bundle (PEM); system roots always used
  bool verify_tls = true;
  std::size_t max_response_bytes = 64u << 20;
};

struct ClientRequest {
  std::string method = "GET";
  std::string url;  // http://host:port/path?query or https://...
  http::Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};  // whole request, connect to last byte
};

struct ClientResponse {
  int status = 0;
  http::Headers headers;
  std::string body;  // empty for streamed calls
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  ClientResponse request(const ClientRequest& req);

  // Streams the body: on_headers once (may be null), then on_data for each piece as it arrives.
  // Returning false from on_data stops reading (the connection is then not reused).
  ClientResponse stream(const ClientRequest& req, const std::function<void(const ClientResponse&)>& on_headers,
                        const std::function<bool(std::string_view)>& on_data);

  // Like stream(), but delivers complete lines (without "\n" / "\r\n"), for NDJSON and SSE.
  ClientResponse stream_lines(const ClientRequest& req, const std::function<void(const ClientResponse&)>& on_headers,
                              const std::function<bool(std::string_view)>& on_line);

  std::size_t idle_connections() const;  // for tests: pooled connections right now

 private:
  friend struct HttpClientAccess;  // core/http_client_async.hpp
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits a byte stream into lines; keeps a partial last line until more data or finish().
class LineSplitter {
 public:
  // Calls on_line for each complete line; returns false as soon as on_line does.
  bool feed(std::string_view data, const std::function<bool(std::string_view)>& on_line);
  bool finish(const std::function<bool(std::string_view)>& on_line);

 private:
  std::string partial_;
};

}  // namespace aurixa
