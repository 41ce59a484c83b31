#pragma once
// Internal to src/store: every difference between SQLite and PostgreSQL lives here (connection set-up,
// DDL spellings, error classification, locks, scripts). Repositories write one portable SQL.
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
