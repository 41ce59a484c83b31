#pragma once
// Internal to src/store: every difference between SQLite and PostgreSQL lives here (connection set-up,
// DDL spellings, error classification, locks, scripts). Repositories write one portable SQL.
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace soci {
class session;
}

namespace aurixa::store::dialect {

struct Target {
  Backend backend = Backend::sqlite;
  std::string connect;   // SOCI connect string (SQLite path / libpq keyword=value conninfo)
  std::string location;  // for logs: path or URL without password
};

// Parses DatabaseOptions::url (see database.hpp). Throws std::runtime_error for an unsupported URL.
Target resolve(const DatabaseOptions& options);

// Converts postgresql://user:pass@host:port/db?opt=v into libpq keyword=value form (SOCI 4.0 strips a
// "postgresql://" prefix as if it named the backend, so URLs cannot be passed through).
std::string pg_conninfo(std::string_view url);

// Opens a session; `writer` selects SQLite's writer set-up (WAL switch) versus a read-only reader.
void open(soci::session& session, const Target& target, const DatabaseOptions& options, bool writer);
// SQLite: how long `session` waits for a lock another connection holds before SQLITE_BUSY. It polls every
// 100 µs for the first 5 ms, then every millisecond: SQLite's own busy_timeout sleeps 1, 2, 5, 10... ms, so a
// lock held for 3 ms (a WAL RESTART's tail) cost a waiting writer 8.
void set_sqlite_busy_wait(soci::session& session, std::chrono::milliseconds limit);

// Expands the DDL placeholders of migrations: {{ID}} (auto-increment primary key), {{JSON}}.
std::string expand(std::string_view ddl, Backend backend);

// Runs a multi-statement script on the session's native connection (inside the current transaction).
void exec_script(soci::session& session, Backend backend, const std::string& script);

std::string begin_sql(Backend backend, bool writable);

// Blocks until this transaction holds the advisory lock for `key` (PostgreSQL); no-op on SQLite.
void lock(soci::session& session, Backend backend, std::string_view key);

enum class Failure { none, unique, foreign_key, check, not_null, connection, busy };
// Classifies an exception thrown by SOCI for the given back-end.
Failure classify(const std::exception& e, Backend backend);

}  // namespace aurixa::store::dialect
