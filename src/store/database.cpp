#include "store/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "store/dialect.hpp"
#include "store/sqlite_wal.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

// A fixed set of sessions handed out one at a time. A session that lost its server connection is
// reopened on its next lease instead of failing every later request.
class SessionPool {
 public:
  SessionPool(const dialect::Target& target, const DatabaseOptions& options, int size, bool writer)
      : target_(target), options_(options), writer_(writer) {
    for (int i = 0; i < size; ++i) {
      auto s = std::make_unique<soci::session>();
      dialect::open(*s, target_, options_, writer_);
      free_.push_back(s.get());
      caches_.emplace(s.get(), std::make_unique<StatementCache>());
      all_.push_back(std::move(s));
    }
  }

  class Lease {
   public:
    Lease(SessionPool& pool, soci::session* s, StatementCache* cache) : pool_(pool), s_(s), cache_(cache) {}
    ~Lease() { pool_.release(s_, broken_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return *s_; }
    StatementCache* cache() { return cache_; }
    void mark_broken() { broken_ = true; }

   private:
    SessionPool& pool_;
    soci::session* s_;
    StatementCache* cache_;
    bool broken_ = false;
  };

  Lease acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, timeout, [&] { return !free_.empty(); }))
      throw ApiError(Errc::unavailable, "database busy: no connection became free in time");
    soci::session* s = free_.back();
    free_.pop_back();
    bool reopen = broken_.erase(s) > 0;
    StatementCache* cache = caches_.at(s).get();  // the map is never modified after construction
    lock.unlock();
    if (reopen) {
      try {
        cache->clear();  // statements prepared on the old connection (before it closes)
        s->close();
        dialect::open(*s, target_, options_, writer_);
      } catch (const std::exception& e) {
        release(s, true);
        throw ApiError(Errc::unavailable, std::string("database unavailable: ") + e.what());
      }
    }
    return Lease(*this, s, cache);
  }

 private:
  void release(soci::session* s, bool broken) {
    {
      std::lock_guard lock(mu_);
      if (broken) broken_.insert(s);
      free_.push_back(s);
    }
    cv_.notify_one();
  }

  dialect::Target target_;
  DatabaseOptions options_;
  bool writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> all_;
  std::vector<soci::session*> free_;
  std::set<soci::session*> broken_;
  std::map<soci::session*, std::unique_ptr<StatementCache>> caches_;  // one per connection
};

// Turns a SOCI failure into the error the caller should see; `broken` reports a lost connection.
[[noreturn]] void rethrow_translated(const std::exception& e, Backend backend, bool& broken) {
  switch (dialect::classify(e, backend)) {
    case dialect::Failure::unique:
      throw ApiError(Errc::conflict, "conflicts with an existing record");
    case dialect::Failure::foreign_key:
      throw ApiError::validation("body", "refers to a record that does not exist");
    case dialect::Failure::check:
    case dialect::Failure::not_null:
      throw ApiError::validation("body", "value not allowed by the schema");
    case dialect::Failure::busy:
      throw ApiError(Errc::unavailable, "database busy, retry");
    case dialect::Failure::connection:
      broken = true;
      throw ApiError(Errc::unavailable, "database connection lost, retry");
    case dialect::Failure::none:
      break;
  }
  throw std::runtime_error(std::string("database error: ") + e.what());
}

bool connection_bad(soci::session& s, Backend backend) {
  if (backend != Backend::postgresql) return false;
  auto* be = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return be == nullptr || PQstatus(be->conn_) != CONNECTION_OK;
}

}  // namespace

struct Database::Impl {
  DatabaseOptions options;
  dialect::Target target;
  std::unique_ptr<WalFlusher> wal;              // SQLite with synchronous FULL
  std::unique_ptr<WalCheckpointer> checkpointer;  // SQLite
  // SQLite: the one writer (a mutex orders write transactions) + read-only readers.
  // PostgreSQL: `readers` is the whole pool, used for reads and writes alike.
  std::unique_ptr<SessionPool> writer;
  std::unique_ptr<SessionPool> readers;

  // Runs fn inside BEGIN/COMMIT (writes) or as autocommit statements (reads).
  void run(soci::session& s, StatementCache* cache, bool writable, const std::function<void(Tx&)>& fn, bool& broken) {
    Tx tx(s, target.backend, writable, cache);
    if (!writable) {
      try {
        fn(tx);
      } catch (const soci::soci_error& e) {
        broken = connection_bad(s, target.backend);
        rethrow_translated(e, target.backend, broken);
      }
      return;
    }
    try {
      s << dialect::begin_sql(target.backend, true);
    } catch (const soci::soci_error& e) {
      broken = connection_bad(s, target.backend);
      rethrow_translated(e, target.backend, broken);
    }
    try {
      fn(tx);
      s << "COMMIT";
    } catch (const soci::soci_error& e) {
      rollback(s);
      broken = broken || connection_bad(s, target.backend);
      rethrow_translated(e, target.backend, broken);
    } catch (...) {
      rollback(s);
      throw;
    }
  }

  void rollback(soci::session& s) noexcept {
    try {
      s << "ROLLBACK";
    } catch (...) {  // the transaction is gone either way (e.g. the connection dropped)
    }
  }
};

Database::Database(DatabaseOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->target = dialect::resolve(impl_->options);
  const int pool = std::max(1, impl_->options.pool_size);
  try {
    if (impl_->target.backend == Backend::sqlite) {
      impl_->writer = std::make_unique<SessionPool>(impl_->target, impl_->options, 1, true);
      {
        auto lease = impl_->writer->acquire(impl_->options.acquire_timeout);
        if (impl_->options.sqlite_synchronous != "NORMAL") impl_->wal = std::make_unique<WalFlusher>(wal_path(*lease));
        impl_->checkpointer = std::make_unique<WalCheckpointer>(*lease, [this] {
          auto s = std::make_unique<soci::session>();
          dialect::open(*s, impl_->target, impl_->options, true);
          return s;
        });
      }
      impl_->readers = std::make_unique<SessionPool>(impl_->target, impl_->options, pool, false);
    } else {
      impl_->readers = std::make_unique<SessionPool>(impl_->target, impl_->options, pool, true);
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open database " + impl_->target.location + ": " + e.what());
  }
}

Database::~Database() = default;

void Database::flush() {
  if (impl_->wal) impl_->wal->flush();
}

Backend Database::backend() const { return impl_->target.backend; }
const std::string& Database::location() const { return impl_->target.location; }

void Database::execute(bool writable, const std::function<void(Tx&)>& fn) {
  SessionPool& pool = (writable && impl_->writer) ? *impl_->writer : *impl_->readers;
  auto lease = pool.acquire(impl_->options.acquire_timeout);
  bool broken = false;
  try {
    impl_->run(*lease, lease.cache(), writable, fn, broken);
  } catch (...) {
    if (broken) lease.mark_broken();
    throw;
  }
}

}  // namespace aurixa::store
