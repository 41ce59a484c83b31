#pragma once
// The audit log: who (principal) did what to which record, when, with what outcome. Rows are only ever
// appended. A tenant-scoped reader sees its own tenant's rows; platform scope sees all (including rows
// with no tenant, e.g. platform configuration changes).
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;
class Database;

class AuditRepository {
 public:
  explicit AuditRepository(Tx& tx) : tx_(tx) {}

  // Appends; created_at is the transaction's time. Returns the new id.
  Id record(const AuditEntry& entry);
  // Newest first.
  std::vector<AuditEntry> list(const Scope& scope, const AuditFilter& filter, const Page& page);
  std::int64_t count(const Scope& scope, const AuditFilter& filter = {});

 private:
  Tx& tx_;
};

// Appends audit rows that are not part of another transaction (reads of patient data, refused requests)
// with group commit: concurrent callers' rows are written in one transaction, so N simultaneous reads cost
// one commit (one fsync) instead of N. append() returns only after its row is committed, so a response
// is never sent before its audit row is durable. Thread-safe.
class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  // Throws what the store threw when this row could not be written. A failing batch is retried row by row,
  // so one bad row never fails its neighbours.
  void append(AuditEntry entry);

 private:
  Database& db_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::uint64_t, AuditEntry>> pending_;  // (ticket, row)
  bool flushing_ = false;
  std::uint64_t next_ticket_ = 1;
  std::uint64_t collecting_ = 1;                        // batch the next appended row joins
  std::uint64_t done_ = 0;                              // batches up to this one are finished
  std::map<std::uint64_t, std::exception_ptr> failed_;  // ticket -> why that row was not written
};

}  // namespace aurixa::store
