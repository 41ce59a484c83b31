#pragma once
// A small synchronous Redis client on hiredis for shared state between replicas (response cache, rate
// limits). Thread-safe: each call borrows a connection from a pool (at most max_connections; callers beyond
// that wait for one), so concurrent callers never share a connection.
//
// Failure model: every call is bounded by `timeout` (connect, send and reply). A connection that failed is
// closed, never reused; the next call reconnects. After a failed connect, calls fail at once for
// `retry_backoff` instead of each paying the connect timeout, so a Redis outage costs callers ~nothing.
// Failures throw RedisError; callers that treat Redis as an optimisation (cache, limits) catch it and degrade.
//
// URL: redis://[[user]:password@]host[:port][/db] (port 6379, db 0 by default). rediss:// (TLS) and unix
// sockets are not supported and are rejected by parse_redis_url.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aurixa {

// A connection, timeout or protocol failure, or an error reply (-ERR ...).
class RedisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RedisUrl {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;      // Redis 6 ACL user; empty = default user
  std::string password;  // empty = no AUTH
  int db = 0;
};
// Throws std::invalid_argument naming what is wrong (never echoes the password).
RedisUrl parse_redis_url(const std::string& url);

struct RedisReply {
  enum class Type { nil, string, integer, array, status };
  Type type = Type::nil;
  std::string str;  // string and status replies
  std::int64_t integer = 0;
  std::vector<RedisReply> elements;
  bool is_nil() const { return type == Type::nil; }
};

struct RedisOptions {
  std::string url;
  std::chrono::milliseconds timeout{250};  // per call (connect and each command)
  std::size_t max_connections = 16;
  std::chrono::milliseconds retry_backoff{1000};  // after a failed connect, fail fast this long
};

class RedisClient {
 public:
  // Parses the URL (throws std::invalid_argument); does not connect until the first call.
  explicit RedisClient(RedisOptions options);
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Any command, argument by argument (binary-safe). Error replies throw RedisError.
  RedisReply command(const std::vector<std::string>& args);

  bool ping();  // true when Redis answered PONG; never throws
  std::optional<std::string> get(const std::string& key);
  // SET key value [PX ttl] (ttl 0 = no expiry).
  void set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl = {});
  std::int64_t incr(const std::string& key);
  bool expire(const std::string& key, std::chrono::seconds ttl);
  std::int64_t del(const std::string& key);
  // Runs a Lua script by its SHA1 (EVALSHA), loading it with EVAL when Redis does not know it yet (NOSCRIPT,
  // e.g. after a Redis restart).
  RedisReply eval(const std::string& script, const std::vector<std::string>& keys,
                  const std::vector<std::string>& args);

  const RedisUrl& target() const { return url_; }
  // Connections opened over the client's life (tests: reconnects happen).
  std::uint64_t connects() const;

 private:
  struct Pool;
  RedisUrl url_;
  RedisOptions opt_;
  std::unique_ptr<Pool> pool_;
};

// A client for the redis_url setting; a malformed URL is a ConfigError naming the setting (start-up fails).
std::shared_ptr<RedisClient> make_redis_client(const std::string& redis_url, std::chrono::milliseconds timeout);

}  // namespace aurixa
