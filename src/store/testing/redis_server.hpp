#pragma once
// A throw-away redis-server for tests: Debian's binary on a free loopback port, no persistence
// (--save "" --appendonly no), killed with the test process (PR_SET_PDEATHSIG) or on destruction.
// stop()/start() restart it on the same port, for outage tests.
#include <sys/types.h>

#include <string>

namespace aurixa::store::testing {

class RedisServer {
 public:
  // Never throws: on failure available() is false and error() says why (tests then skip with it).
  RedisServer();
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  bool available() const { return port_ != 0 && error_.empty(); }
  const std::string& error() const { return error_; }
  unsigned short port() const { return port_; }
  std::string url(int db = 0) const;  // redis://127.0.0.1:<port>/<db>

  void stop();   // SIGTERM, waits for the exit (SIGKILL after 5 s)
  bool start();  // (re)starts on the same port; true once it answers PING
  bool running() const { return pid_ > 0; }

 private:
  bool spawn_and_wait();
  std::string dir_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
  std::string error_;
};

}  // namespace aurixa::store::testing
