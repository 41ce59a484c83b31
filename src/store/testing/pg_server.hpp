#pragma once
// A throw-away PostgreSQL server for tests and benchmarks: initdb into a fresh temp directory, start on a
// free port bound to 127.0.0.1 (Unix socket in the same directory), stop and delete on destruction. No
// docker. PostgreSQL refuses to run as root, so when the tests run as root the server runs as the
// `postgres` system user (runuser) in a directory owned by it.
#include <string>

namespace aurixa::store::testing {

struct PgServerOptions {
  bool durable = false;  // fsync on (benchmarks); off by default: tests need no crash safety from PostgreSQL
  int max_connections = 200;
};

class PgServer {
 public:
  // Never throws: on failure available() is false and error() says why (tests then skip with it).
  explicit PgServer(PgServerOptions options = {});
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  bool available() const { return port_ != 0; }
  const std::string& error() const { return error_; }
  unsigned short port() const { return port_; }

  // Creates a new empty database and returns its URL (postgresql://aurixa@127.0.0.1:<port>/<name>).
  std::string create_database(const std::string& prefix = "t");
  std::string url(const std::string& database) const;

  // Outage tests: stop (immediate, like a crash) and start again on the same port and data.
  void stop();
  bool start();

 private:
  bool run(const std::string& command);  // as the server's user; output goes to the log file
  std::string template_cluster();        // path of a cached initdb result, "" if none can be made
  std::string dir_, bin_, log_, start_command_;
  unsigned short port_ = 0;
  int next_db_ = 0;
  std::string error_;
};

}  // namespace aurixa::store::testing
