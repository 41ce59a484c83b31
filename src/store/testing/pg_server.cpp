#include "store/testing/pg_server.hpp"

#include "store/testing/ports.hpp"

#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aurixa::store::testing {
namespace {

namespace fs = std::filesystem;

// PostgreSQL's bin directory: AURIXA_PG_BIN, else the newest /usr/lib/postgresql/<v>/bin.
std::string find_bin() {
  if (const char* b = std::getenv("AURIXA_PG_BIN"); b && *b) return b;
  std::string best;
  int best_version = -1;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    int v = std::atoi(e.path().filename().c_str());
    if (v > best_version && fs::exists(e.path() / "bin" / "initdb")) {
      best_version = v;
      best = (e.path() / "bin").string();
    }
  }
  return best;
}

std::string tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto s = ss.str();
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

// For embedding a command inside sh -c '...'.
std::string escape_single_quotes(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out;
}

}  // namespace

PgServer::PgServer(PgServerOptions options) {
  bin_ = find_bin();
  if (bin_.empty()) {
    error_ = "PostgreSQL server binaries not found (install the Debian `postgresql` package or set AURIXA_PG_BIN)";
    return;
  }
  char tmpl[] = "/tmp/aurixa-pg-XXXXXX";
  if (!::mkdtemp(tmpl)) {
    error_ = "mkdtemp failed";
    return;
  }
  dir_ = tmpl;
  log_ = dir_ + "/server.log";
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (!pw) {
      error_ = "running as root and there is no `postgres` user to run the server as";
      return;
    }
    if (::chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      error_ = "cannot chown " + dir_ + " to postgres";
      return;
    }
  }
  // initdb costs ~0.5 s and every test process needs a cluster, so one initdb result per machine and
  // PostgreSQL version is kept as a template and copied (cp -a keeps the postgres ownership).
  const std::string tmpl_dir = template_cluster();
  if (tmpl_dir.empty() || std::system(("cp -a '" + tmpl_dir + "' '" + dir_ + "/data'").c_str()) != 0) {
    if (!run("'" + bin_ + "/initdb' -D '" + dir_ + "/data' -U aurixa --auth=trust -E UTF8 --no-sync")) {
      error_ = "initdb failed: " + tail(log_);
      return;
    }
  }
  for (int attempt = 0; attempt < 3 && port_ == 0; ++attempt) {
    unsigned short port = free_loopback_port();
    std::string opts = "-p " + std::to_string(port) + " -k " + dir_ + " -c listen_addresses=127.0.0.1" +
                       " -c max_connections=" + std::to_string(options.max_connections) +
                       (options.durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    const std::string start = "'" + bin_ + "/pg_ctl' -D '" + dir_ + "/data' -o '" + opts + "' -l '" + dir_ +
                              "/postgres.log' -w -t 60 start";
    if (run(start)) {
      port_ = port;
      start_command_ = start;
    }
  }
  if (port_ == 0) {
    error_ = "postgres did not start: " + tail(dir_ + "/postgres.log");
    return;
  }
  // If this process dies without running the destructor (a crash, a timeout kill), a detached watchdog
  // stops the server and deletes its directory, so no postgres outlives its test.
  const std::string stop = (::geteuid() == 0 ? "runuser -u postgres -- '" : "'") + bin_ + "/pg_ctl' -D '" + dir_ +
                           "/data' -m immediate -w stop";
  const std::string watchdog = "setsid sh -c 'while kill -0 " + std::to_string(::getpid()) +
                               " 2>/dev/null; do sleep 1; done; " + escape_single_quotes(stop) + "; rm -rf " + dir_ +
                               "' </dev/null >/dev/null 2>&1 &";
  [[maybe_unused]] int rc = std::system(watchdog.c_str());
}

std::string PgServer::template_cluster() {
  const std::string final_dir =
      "/tmp/aurixa-pg-template-" + fs::path(bin_).parent_path().filename().string() + "-" + std::to_string(::geteuid());
  if (fs::exists(final_dir + "/data/PG_VERSION")) return final_dir + "/data";
  // Build it under a private name, then rename into place: concurrent test processes never see half a cluster.
  char tmpl[] = "/tmp/aurixa-pg-template-build-XXXXXX";
  if (!::mkdtemp(tmpl)) return {};
  const std::string build = tmpl;
  if (::geteuid() == 0) {
    const passwd* pw = ::getpwnam("postgres");
    if (!pw || ::chown(build.c_str(), pw->pw_uid, pw->pw_gid) != 0) return {};
  }
  std::string saved_log = log_;
  bool ok = run("'" + bin_ + "/initdb' -D '" + build + "/data' -U aurixa --auth=trust -E UTF8 --no-sync");
  log_ = saved_log;
  std::error_code ec;
  if (ok) fs::rename(build, final_dir, ec);
  fs::remove_all(build, ec);  // no-op after a successful rename
  return fs::exists(final_dir + "/data/PG_VERSION") ? final_dir + "/data" : std::string();
}

PgServer::~PgServer() {
  if (port_ != 0) run("'" + bin_ + "/pg_ctl' -D '" + dir_ + "/data' -m immediate -w stop");
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

bool PgServer::run(const std::string& command) {
  // The redirect is done by the calling shell (our user), so the log needs no special permissions.
  std::string cmd = (::geteuid() == 0 ? "runuser -u postgres -- " : "") + command + " >>'" + log_ + "' 2>&1";
  return std::system(cmd.c_str()) == 0;
}

void PgServer::stop() {
  if (port_ != 0) run("'" + bin_ + "/pg_ctl' -D '" + dir_ + "/data' -m immediate -w stop");
}

bool PgServer::start() { return !start_command_.empty() && run(start_command_); }

std::string PgServer::url(const std::string& database) const {
  return "postgresql://aurixa@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PgServer::create_database(const std::string& prefix) {
  std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(next_db_++);
  std::string conninfo = "host=127.0.0.1 port=" + std::to_string(port_) + " user=aurixa dbname=postgres";
  PGconn* c = PQconnectdb(conninfo.c_str());
  std::string err;
  if (PQstatus(c) != CONNECTION_OK) {
    err = PQerrorMessage(c);
  } else {
    PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) err = PQresultErrorMessage(r);
    PQclear(r);
  }
  PQfinish(c);
  if (!err.empty()) throw std::runtime_error("CREATE DATABASE failed: " + err);
  return url(name);
}

}  // namespace aurixa::store::testing
