#include "store/testing/redis_server.hpp"

#include "store/testing/ports.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

namespace aurixa::store::testing {
namespace {

namespace fs = std::filesystem;

std::string find_redis_server() {
  if (const char* b = std::getenv("AURIXA_REDIS_SERVER"); b && *b) return b;
  for (const char* p : {"/usr/bin/redis-server", "/usr/local/bin/redis-server"})
    if (fs::exists(p)) return p;
  return {};
}

// True when the server on 127.0.0.1:port answers PING with +PONG.
bool answers_ping(unsigned short port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  bool ok = false;
  timeval tv{1, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
    constexpr char kPing[] = "PING\r\n";
    if (::send(fd, kPing, sizeof kPing - 1, MSG_NOSIGNAL) == sizeof kPing - 1) {
      char buf[16] = {};
      ok = ::recv(fd, buf, sizeof buf - 1, 0) > 0 && std::string(buf).starts_with("+PONG");
    }
  }
  ::close(fd);
  return ok;
}

}  // namespace

RedisServer::RedisServer() {
  if (find_redis_server().empty()) {
    error_ = "redis-server not found (install the Debian `redis-server` package or set AURIXA_REDIS_SERVER)";
    return;
  }
  char tmpl[] = "/tmp/aurixa-redis-XXXXXX";
  if (!::mkdtemp(tmpl)) {
    error_ = "mkdtemp failed";
    return;
  }
  dir_ = tmpl;
  for (int attempt = 0; attempt < 3; ++attempt) {
    port_ = free_loopback_port();
    if (spawn_and_wait()) return;
  }
  error_ = "redis-server did not start (see " + dir_ + "/redis.log)";
}

RedisServer::~RedisServer() {
  stop();
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string RedisServer::url(int db) const {
  return "redis://127.0.0.1:" + std::to_string(port_) + "/" + std::to_string(db);
}

bool RedisServer::spawn_and_wait() {
  const std::string bin = find_redis_server();
  const std::string port = std::to_string(port_);
  const std::string log = dir_ + "/redis.log";
  std::vector<std::string> args{bin,  "--port", port, "--bind",    "127.0.0.1", "--save",      "",  "--appendonly",
                                "no", "--dir",  dir_, "--logfile", log,         "--daemonize", "no"};
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test process
    if (::getppid() != parent) ::_exit(1);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: port taken, bad option, ...
      pid_ = -1;
      return false;
    }
    if (answers_ping(port_)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  return false;
}

void RedisServer::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
}

bool RedisServer::start() {
  if (pid_ > 0) return true;
  // The port was ours a moment ago; another process could take it, but on a test machine that is rare.
  if (spawn_and_wait()) {
    error_.clear();
    return true;
  }
  return false;
}

}  // namespace aurixa::store::testing
