#include "harness.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace aurixa::testing {

std::string aurixa_bin() {
  const char* b = std::getenv("AURIXA_BIN");
  if (!b) throw std::runtime_error("AURIXA_BIN is not set (run the tests through ctest)");
  return b;
}

std::string source_dir() {
  // ctest's ENVIRONMENT carries only AURIXA_BIN (gtest_discover_tests flattens the list), so the checkout is
  // also compiled in.
  const char* s = std::getenv("AURIXA_SOURCE_DIR");
  return s && *s ? s : AURIXA_SOURCE_DIR_DEFAULT;
}

namespace {

// The directories make_temp_dir made, removed when the test process exits (servers are killed by then):
// thousands of runs must not fill /tmp. AURIXA_KEEP_TEST_DIRS=1 keeps them for a post-mortem.
struct TempDirs {
  std::mutex mutex;
  std::vector<std::filesystem::path> made;
  ~TempDirs() {
    const char* keep = std::getenv("AURIXA_KEEP_TEST_DIRS");
    if (keep && *keep && std::string_view(keep) != "0") return;
    std::error_code ec;
    for (const auto& d : made) std::filesystem::remove_all(d, ec);
  }
};

TempDirs& temp_dirs() {
  static TempDirs dirs;
  return dirs;
}

}  // namespace

std::string make_temp_dir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  auto base = std::filesystem::temp_directory_path() /
              (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(base);
  std::filesystem::create_directories(base);
  auto& dirs = temp_dirs();
  std::lock_guard lock(dirs.mutex);
  dirs.made.push_back(base);
  return base.string();
}

std::map<std::string, std::string> default_test_env(const std::string& data_dir) {
  return {{"AURIXA_DATA_DIR", data_dir}, {"AURIXA_DEBUG_ROUTES", "true"}, {"AURIXA_LOG_LEVEL", "info"},
          {"AURIXA_RATE_LIMIT_PER_MINUTE", "1000000"}, {"AURIXA_AUTH", "off"},
          {"AURIXA_HOST", "127.0.0.1"}};
}

ServerProcess::ServerProcess(std::vector<std::string> args, std::map<std::string, std::string> env,
                             std::chrono::seconds startup_timeout) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  log_path_ = make_temp_dir("aurixa-log") + "/stderr.log";

  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto key = kv.substr(0, kv.find('='));
    if (!env.count(key)) envs.push_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : envs) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string bin = aurixa_bin();
  std::vector<std::string> argv_s{bin};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(out[1], 1);
    int errfd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (errfd >= 0) dup2(errfd, 2);
    close(out[0]);
    close(out[1]);
    execve(bin.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  close(out[1]);
  // Read stdout until the listening line appears.
  std::string buf;
  auto deadline = std::chrono::steady_clock::now() + startup_timeout;
  while (port_ == 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char chunk[512];
    auto n = read(out[0], chunk, sizeof chunk);
    if (n <= 0) break;
    buf.append(chunk, static_cast<std::size_t>(n));
    // Complete lines only. Web apps' ports (--web-ports) come first with an "app"; the server's own line is last.
    static constexpr std::string_view kMarker = "\"event\":\"listening\",\"port\":";
    static constexpr std::string_view kApp = "\"app\":\"";
    for (std::size_t line_start = 0, eol; port_ == 0 && (eol = buf.find('\n', line_start)) != std::string::npos;
         line_start = eol + 1) {
      const std::string line = buf.substr(line_start, eol - line_start);
      auto pos = line.find(kMarker);
      if (pos == std::string::npos) continue;
      const auto port = static_cast<unsigned short>(std::stoi(line.substr(pos + kMarker.size())));
      if (auto a = line.find(kApp); a != std::string::npos)
        app_ports_[line.substr(a + kApp.size(), line.find('"', a + kApp.size()) - a - kApp.size())] = port;
      else
        port_ = port;
    }
  }
  // Keep draining stdout in the background so the child never blocks on a full pipe.
  std::thread([fd = out[0]] {
    char sink[4096];
    while (read(fd, sink, sizeof sink) > 0) {
    }
    close(fd);
  }).detach();
  if (port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("aurixa did not report listening; stdout: " + buf + "\nstderr: " + read_log());
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0 && running()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

unsigned short ServerProcess::app_port(const std::string& app) const {
  auto it = app_ports_.find(app);
  return it == app_ports_.end() ? 0 : it->second;
}

std::string ServerProcess::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string ServerProcess::read_log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ServerProcess::running() const {
  if (pid_ <= 0 || exit_code_ >= 0) return false;
  int status = 0;
  auto r = waitpid(pid_, &status, WNOHANG);
  if (r == 0) return true;
  if (r == pid_) exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return false;
}

int ServerProcess::stop(int sig, std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return exit_code_;
  if (!running()) return exit_code_;
  kill(pid_, sig);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!running()) return exit_code_;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

}  // namespace aurixa::testing
