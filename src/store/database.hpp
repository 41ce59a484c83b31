#pragma once
// The store: one Database object (owned by main's serve(), reached through App::db) over SOCI with two
// back-ends. No SOCI here, so any role can include it.
//
//   SQLite (default)  file <data_dir>/aurixa.db, WAL, foreign keys on, busy timeout; one writer
//                     connection (every write transaction is BEGIN IMMEDIATE under one mutex) and a pool of
//                     read-only reader connections that run concurrently with the writer.
//   PostgreSQL        DATABASE_URL=postgresql://user:pass@host:port/db; a pool of connections used for reads
//                     and writes; concurrent writers are ordered by row locks, unique constraints and
//                     Tx::lock (transaction-scoped advisory locks).
//
// Thread-safety: Database is safe to use from any number of threads. Calls block (they wait for a
// connection and for the database), so make them from worker threads, never from an I/O thread.
//
// Errors: constraint violations become ApiError (unique -> 409 conflict, foreign key / check -> 422);
// no connection available in time or a lost connection -> 503 unavailable. Anything an fn throws
// rolls the transaction back and propagates unchanged.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

namespace aurixa::store {

enum class Backend { sqlite, postgresql };

struct DatabaseOptions {
  // "" = SQLite at <data_dir>/aurixa.db; "sqlite:<path>" or "sqlite://<path>" = SQLite file;
  // "postgresql://..." / "postgres://..." (also the original's "postgresql+asyncpg://...") = PostgreSQL.
  std::string url;
  std::string data_dir = "./data";
  int pool_size = 10;                                 // PostgreSQL connections, or SQLite reader connections
  std::chrono::milliseconds busy_timeout{10'000};     // SQLite lock wait / PostgreSQL lock_timeout
  std::chrono::milliseconds acquire_timeout{10'000};  // wait for a free pooled connection, then 503
  // SQLite only. FULL: every write is fsynced before it is acknowledged (survives power loss). NORMAL: with
  // WAL, a commit is in the OS page cache before it is acknowledged, so it survives a crash or kill -9 of the
  // process, but not a power cut.
  std::string sqlite_synchronous = "FULL";
};

class Tx;  // a connection inside a transaction; defined in store/sql.hpp (SOCI), used by repositories

class Database {
 public:
  // Opens (creating the SQLite file and data_dir if needed) and checks connectivity. Does not migrate.
  // Throws std::runtime_error with a readable message on failure.
  explicit Database(DatabaseOptions options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Backend backend() const;
  // Where the data lives, for logs: the SQLite path, or the PostgreSQL URL without its password.
  const std::string& location() const;

  // Runs fn(Tx&) in a write transaction: commit when fn returns, rollback when it throws. Returns once the
  // commit is durable (see flush()).
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    if constexpr (std::is_void_v<std::invoke_result_t<F&, Tx&>>) {
      run(true, std::forward<F>(fn));
      flush();
    } else {
      auto out = run(true, std::forward<F>(fn));
      flush();
      return out;
    }
  }
  // As write(), but returns as soon as the transaction is committed (visible to readers), perhaps before it
  // is on disk; flush() then makes it durable. For callers that overlap one batch's flush with the next
  // batch's work (CommitQueue) and acknowledge nothing before flush() returns.
  template <class F>
  auto write_unflushed(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    return run(true, std::forward<F>(fn));
  }
  // Makes every transaction committed before the call durable. SQLite with synchronous FULL: fdatasync of
  // the WAL. The connection itself runs with synchronous=NORMAL, so a commit writes its WAL frames without
  // an fsync and releases the writer; this flush, outside the writer's lock, stands in for the commit's
  // fsync (the next transaction's work overlaps it; concurrent writers share flushes). A commit is thus
  // visible to readers for the length of one flush before it is durable; no writer acknowledges it before.
  // Otherwise a no-op: PostgreSQL commits are durable when COMMIT returns; SQLite NORMAL never flushes.
  // Throws std::runtime_error when the flush fails (the commit's durability is then unknown).
  void flush();
  // Runs fn(Tx&) on a read connection (SQLite: a reader that never blocks the writer). Writing through
  // a read Tx throws std::logic_error.
  template <class F>
  auto read(F&& fn) -> std::invoke_result_t<F&, Tx&> {
    return run(false, std::forward<F>(fn));
  }

 private:
  template <class F>
  auto run(bool writable, F&& fn) -> std::invoke_result_t<F&, Tx&> {
    using R = std::invoke_result_t<F&, Tx&>;
    if constexpr (std::is_void_v<R>) {
      execute(writable, [&](Tx& tx) { fn(tx); });
    } else {
      std::optional<R> out;
      execute(writable, [&](Tx& tx) { out.emplace(fn(tx)); });
      return std::move(*out);
    }
  }
  void execute(bool writable, const std::function<void(Tx&)>& fn);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aurixa::store
