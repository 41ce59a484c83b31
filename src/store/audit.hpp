#pragma once
// The audit log: who (principal) did what to which record, when, with what outcome. Rows are only ever
// appended. A tenant-scoped reader sees its own tenant's rows; platform scope sees all (including rows
// with no tenant, e.g. platform configuration changes).
#include <cstdint>
#include <vector>

#include "store/group_commit.hpp"
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
  explicit AuditLog(Database& db) : group_(db) {}
  // Throws what the store threw when this row could not be written. A failing batch is retried row by row,
  // so one bad row never fails its neighbours.
  void append(AuditEntry entry);

 private:
  GroupCommit group_;
};

}  // namespace aurixa::store
