#include "store/dialect.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
// soci-sqlite3.h includes sqlite3.h inside namespace sqlite_api (its macros stay global).
#include <soci/sqlite3/soci-sqlite3.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace aurixa::store::dialect {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// libpq keyword=value quoting: single quotes, backslash-escaped.
std::string quote(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

void silence_notices(void*, const char*) {}

void exec(soci::session& s, const std::string& sql) { s << sql; }

// sqlite3_busy_handler callback; `limit_ms` carries the limit itself, not a pointer to it.
int poll_busy(void* limit_ms, int count) {
  constexpr int kFinePolls = 50;  // x 100 µs
  const auto limit_us = static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(limit_ms)) * 1000;
  const std::int64_t waited_us =
      count < kFinePolls ? std::int64_t{count} * 100 : kFinePolls * 100 + std::int64_t{count - kFinePolls} * 1000;
  if (waited_us >= limit_us) return 0;  // give up: SQLITE_BUSY
  ::usleep(count < kFinePolls ? 100 : 1000);
  return 1;
}

}  // namespace

std::string pg_conninfo(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) throw std::runtime_error("database URL has no scheme");
  std::string_view rest = url.substr(scheme_end + 3);
  std::map<std::string, std::string> kv;
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    auto userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    kv["user"] = percent_decode(userinfo.substr(0, colon));
    if (colon != std::string_view::npos) kv["password"] = percent_decode(userinfo.substr(colon + 1));
  }
  // host[:port], host may be a bracketed IPv6 literal.
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close == std::string_view::npos) throw std::runtime_error("database URL has an unterminated IPv6 host");
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!host.empty()) kv["host"] = percent_decode(host);
  if (!port.empty()) kv["port"] = std::string(port);
  if (!path.empty()) kv["dbname"] = percent_decode(path);
  while (!query.empty()) {
    auto amp = query.find('&');
    auto item = query.substr(0, amp);
    auto eq = item.find('=');
    if (eq != std::string_view::npos) kv[percent_decode(item.substr(0, eq))] = percent_decode(item.substr(eq + 1));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  std::string out;
  for (const auto& [k, v] : kv) out += (out.empty() ? "" : " ") + k + "=" + quote(v);
  return out;
}

Target resolve(const DatabaseOptions& options) {
  Target t;
  const std::string& url = options.url;
  if (url.empty() || starts_with(url, "sqlite:")) {
    std::string path;
    if (url.empty()) {
      path = (std::filesystem::path(options.data_dir) / "aurixa.db").string();
    } else {
      path = url.substr(starts_with(url, "sqlite://") ? 9 : 7);
    }
    if (path.empty() || path == ":memory:")
      throw std::runtime_error("SQLite needs a file path (an in-memory database cannot be shared by connections)");
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    t.backend = Backend::sqlite;
    t.connect = "db=" + path;
    t.location = "sqlite:" + path;
    return t;
  }
  for (std::string_view scheme : {"postgresql://", "postgres://", "postgresql+asyncpg://", "postgresql+psycopg://"}) {
    if (starts_with(url, scheme)) {
      t.backend = Backend::postgresql;
      t.connect = pg_conninfo(url);
      // Log form: scheme and host/db, never the password.
      std::string shown = "postgresql://" + url.substr(scheme.size());
      if (auto at = shown.rfind('@'); at != std::string::npos) {
        auto colon = shown.find(':', 13);
        if (colon != std::string::npos && colon < at) shown.replace(colon, at - colon, ":***");
      }
      t.location = shown;
      return t;
    }
  }
  throw std::runtime_error("unsupported DATABASE_URL '" + url.substr(0, url.find(':')) +
                           ":...' (expected postgresql://... or sqlite:<path>)");
}

void open(soci::session& session, const Target& target, const DatabaseOptions& options, bool writer) {
  const auto busy_ms = std::to_string(options.busy_timeout.count());
  if (target.backend == Backend::sqlite) {
    session.open(*soci::factory_sqlite3(), target.connect);
    set_sqlite_busy_wait(session, options.busy_timeout);
    exec(session, "PRAGMA foreign_keys = ON");
    // Both modes run the connection with NORMAL: a commit does not fsync the WAL itself. In FULL mode
    // Database::flush() fdatasyncs the WAL after the commit, outside the writer's lock, before the write
    // is acknowledged (see database.hpp); in NORMAL mode nothing does.
    exec(session, "PRAGMA synchronous = NORMAL");
    if (writer) {
      // WAL lets readers run while the writer commits; it is a property of the file, set once here.
      std::string mode;
      session << "PRAGMA journal_mode = WAL", soci::into(mode);
      if (mode != "wal") throw std::runtime_error("SQLite refused WAL mode (journal_mode=" + mode + ")");
    } else {
      exec(session, "PRAGMA query_only = ON");
    }
    return;
  }
  session.open(*soci::factory_postgresql(), target.connect);
  auto* be = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PQsetNoticeProcessor(be->conn_, &silence_notices, nullptr);
  exec(session, "SET TIME ZONE 'UTC'");
  exec(session, "SET lock_timeout = " + busy_ms);
  exec(session, "SET application_name = 'aurixa'");
}

void set_sqlite_busy_wait(soci::session& session, std::chrono::milliseconds limit) {
  auto* be = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  sqlite_api::sqlite3_busy_handler(be->conn_, &poll_busy,
                                   reinterpret_cast<void*>(static_cast<std::intptr_t>(limit.count())));
}

std::string expand(std::string_view ddl, Backend backend) {
  static const std::map<std::string, std::pair<std::string, std::string>> kWords = {
      {"{{ID}}", {"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"}},
      {"{{JSON}}", {"TEXT", "JSON"}},
  };
  std::string out(ddl);
  for (const auto& [word, spellings] : kWords) {
    const std::string& with = backend == Backend::sqlite ? spellings.first : spellings.second;
    for (auto pos = out.find(word); pos != std::string::npos; pos = out.find(word, pos + with.size()))
      out.replace(pos, word.size(), with);
  }
  if (auto open = out.find("{{"); open != std::string::npos)
    throw std::runtime_error("unknown placeholder in migration: " + out.substr(open, out.find("}}", open) - open + 2));
  return out;
}

void exec_script(soci::session& session, Backend backend, const std::string& script) {
  if (backend == Backend::sqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(session.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, script.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error(msg);
    }
    return;
  }
  auto* be = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  PGresult* r = PQexec(be->conn_, script.c_str());
  auto status = PQresultStatus(r);
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw std::runtime_error(msg);
}

std::string begin_sql(Backend backend, bool writable) {
  // IMMEDIATE takes SQLite's write lock at BEGIN, so a write transaction never fails half-way with
  // SQLITE_BUSY when another process (e.g. `aurixa seed`) writes the same file.
  if (backend == Backend::sqlite && writable) return "BEGIN IMMEDIATE";
  return "BEGIN";
}

void lock(soci::session& session, Backend backend, std::string_view key) {
  if (backend == Backend::sqlite) return;
  // FNV-1a 64-bit: a stable key for pg_advisory_xact_lock(bigint).
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  long long k = static_cast<long long>(h);
  int ignored = 0;
  session << "SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) AS l", soci::use(k), soci::into(ignored);
}

Failure classify(const std::exception& e, Backend backend) {
  const std::string msg = e.what();
  auto has = [&](std::string_view s) { return msg.find(s) != std::string::npos; };
  if (backend == Backend::sqlite) {
    if (const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
      int rc = se->result() & 0xff;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return Failure::busy;
    }
    if (has("UNIQUE constraint failed")) return Failure::unique;
    if (has("FOREIGN KEY constraint failed")) return Failure::foreign_key;
    if (has("CHECK constraint failed")) return Failure::check;
    if (has("NOT NULL constraint failed")) return Failure::not_null;
    if (has("database is locked")) return Failure::busy;
    return Failure::none;
  }
  if (const auto* pe = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    const std::string state = pe->sqlstate();
    if (state == "23505") return Failure::unique;
    if (state == "23503") return Failure::foreign_key;
    if (state == "23514") return Failure::check;
    if (state == "23502") return Failure::not_null;
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") return Failure::connection;
    if (state == "55P03" || state == "40P01" || state == "40001" || state == "57014") return Failure::busy;
  }
  if (has("no connection to the server") || has("server closed the connection") || has("Cannot establish connection") ||
      has("connection to server"))
    return Failure::connection;
  return Failure::none;
}

}  // namespace aurixa::store::dialect
