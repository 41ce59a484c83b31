#pragma once
// Starts the real `aurixa` binary as a child process on port 0 and reads the port it printed
// ({"event":"listening","port":N}) — tests never guess ports and never sleep waiting for start-up.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace aurixa::testing {

// Path of the aurixa binary (AURIXA_BIN, set by ctest) and of the source tree (AURIXA_SOURCE_DIR).
std::string aurixa_bin();
std::string source_dir();
// A fresh empty directory under the test temp dir, removed when the process exits (unless
// AURIXA_KEEP_TEST_DIRS=1).
std::string make_temp_dir(const std::string& prefix);

class ServerProcess {
 public:
  // args are passed after the binary path, e.g. {"serve", "--port", "0"}; env entries are added to
  // (and override) the parent's environment. Throws if the server does not report listening in time.
  explicit ServerProcess(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                         std::chrono::seconds startup_timeout = std::chrono::seconds(60));
  ~ServerProcess();  // SIGKILL if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  // The port a web app reported with --web-ports ({"event":"listening","port":N,"app":"<app>"}), 0 if none.
  unsigned short app_port(const std::string& app) const;
  std::string url(const std::string& path = "") const;
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }  // the child's stderr (JSON log lines)
  std::string read_log() const;

  // Sends sig and waits for exit; returns the exit code (128+signal if killed), or -1 on timeout.
  int stop(int sig = 15, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  bool running() const;

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::map<std::string, unsigned short> app_ports_;
  std::string log_path_;
  mutable int exit_code_ = -1;
};

// Convenience: a default all-in-one server with debug routes on and a temp data dir.
std::map<std::string, std::string> default_test_env(const std::string& data_dir);

}  // namespace aurixa::testing
