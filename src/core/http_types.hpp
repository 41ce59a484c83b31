#pragma once
// Transport-neutral request/response types used by route handlers. No Beast or Asio here, so role
// http.cpp files and tests stay cheap to compile.
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aurixa::http {

// Header names compare case-insensitively; insertion order is kept for output.
class Headers {
 public:
  std::optional<std::string_view> get(std::string_view name) const;
  void set(std::string name, std::string value);  // replaces an existing header of that name
  void add(std::string name, std::string value);  // appends (e.g. several Set-Cookie)
  bool contains(std::string_view name) const { return get(name).has_value(); }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

bool iequals(std::string_view a, std::string_view b) noexcept;
std::string url_decode(std::string_view s);
// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) with no
// control character (C0, including NUL, or DEL): what a decoded request path must be before it reaches
// handlers, error messages and the access log.
bool is_clean_utf8(std::string_view s);

struct Request {
  std::string method;  // upper-case, e.g. "GET"
  std::string target;  // path + "?" + query as received
  std::string path;    // decoded path without the query
  std::string query;   // raw query string without '?'
  Headers headers;
  std::string body;
  std::map<std::string, std::string, std::less<>> params;  // path parameters from the route pattern
  std::string remote_addr;

  std::optional<std::string_view> header(std::string_view name) const { return headers.get(name); }
  // First value of a query parameter, URL-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& param(std::string_view name) const;  // throws if the route has no such parameter
};

// Sink for streamed response bodies. write() blocks the producing (worker) thread until the chunk
// is handed to the socket, which gives natural back-pressure; it returns false once the client is gone.
class ChunkWriter {
 public:
  virtual ~ChunkWriter() = default;
  // Optional, before the first write: replaces the status and adds headers (a proxy relaying an
  // upstream's status uses it). Response headers are sent at the first write or when the producer ends.
  virtual void begin(int status, Headers headers) = 0;
  virtual bool write(std::string chunk) = 0;
};

using StreamProducer = std::function<void(ChunkWriter&)>;

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // When set, the body is produced incrementally with chunked transfer encoding. The producer runs on
  // the stream pool, never on an I/O thread.
  StreamProducer stream;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response streaming(std::string content_type, StreamProducer producer);
};

// A WebSocket message; text frames stay text (the original relayed everything as binary, D2).
struct WsMessage {
  std::string data;
  bool binary = false;
};

// A server-side WebSocket seen from a handler running on the stream pool (blocking API).
class WebSocket {
 public:
  virtual ~WebSocket() = default;
  // Waits for the next message; nullopt when the peer closed or the idle timeout expired.
  virtual std::optional<WsMessage> receive() = 0;
  virtual bool send(WsMessage message) = 0;
  virtual void close() = 0;
};

}  // namespace aurixa::http
