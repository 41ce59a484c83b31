#pragma once
// Split deployment for tests: every role as its own `aurixa serve --roles X --port 0` process on one
// throw-away PostgreSQL database and one throw-away redis-server, wired by AURIXA_<ROLE>_URL in start order
// (dependencies first), with AURIXA_INTERNAL_TOKEN set. Two orchestration replicas (A and B) and two
// gateways (gateway A -> orchestration A, gateway B -> orchestration B) share Redis (cache, rate limits).
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "store/testing/pg_server.hpp"
#include "store/testing/redis_server.hpp"

namespace aurixa::testing {

struct SplitReply {
  int status = 0;
  std::string body;
  http::Headers headers;
  double ms = 0;  // wall time of the call
  boost::json::value json() const;
};

class SplitCluster {
 public:
  // Starts PostgreSQL, Redis and the roles; on failure ok() is false and why() says what (tests skip or fail).
  SplitCluster();
  ~SplitCluster();

  bool ok() const { return why_.empty(); }
  bool skipped() const { return skipped_; }  // PostgreSQL or Redis cannot run here
  const std::string& why() const { return why_; }

  ServerProcess& role(const std::string& name);  // "agents", "orchestration", "orchestration-b", "gateway", "gateway-b"
  std::string url(const std::string& name, const std::string& path) const;

  // Environment every role gets (store, Redis, token, the URLs of the roles started so far).
  std::map<std::string, std::string> env() const;
  // Starts another process of `role` (listening on `port`, 0 = any) with env() plus extra.
  std::unique_ptr<ServerProcess> spawn(const std::string& role, std::map<std::string, std::string> extra = {},
                                       unsigned short port = 0) const;
  // Kills (SIGKILL) a role's process / starts it again on the same port.
  void kill(const std::string& name);
  void restart(const std::string& name);

  SplitReply call(const std::string& method, const std::string& url, const std::string& body = "",
                  std::chrono::milliseconds timeout = std::chrono::seconds(60), const http::Headers& headers = {});
  SplitReply post(const std::string& url, const boost::json::value& body) {
    return call("POST", url, boost::json::serialize(body));
  }
  SplitReply get(const std::string& url) { return call("GET", url); }

  store::testing::PgServer& pg() { return *pg_; }
  store::testing::RedisServer& redis() { return *redis_; }
  const std::string& database_url() const { return database_url_; }

 private:
  void start(const std::string& name, const std::string& role, std::map<std::string, std::string> extra = {});

  std::unique_ptr<store::testing::PgServer> pg_;
  std::unique_ptr<store::testing::RedisServer> redis_;
  std::string dir_, database_url_;
  std::map<std::string, std::string> role_urls_;  // AURIXA_<ROLE>_URL entries
  std::map<std::string, std::unique_ptr<ServerProcess>> procs_;
  std::map<std::string, std::pair<std::string, std::map<std::string, std::string>>> specs_;  // name -> role, extra env
  std::string why_;
  bool skipped_ = false;
  HttpClient client_;
};

}  // namespace aurixa::testing
