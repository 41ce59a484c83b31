#pragma once
// Group commit: concurrent callers' small writes share one write transaction, so N simultaneous turns or audit
// rows cost one commit (one fsync) instead of N. run() returns only after its work is committed (durable), or
// throws what that work threw. If a batch fails, each of its works is retried alone, so one bad write never
// fails its neighbours. Works must not depend on each other. Thread-safe.
//
// One caller at a time leads: it commits everything queued so far, then wakes exactly the callers of that
// batch and hands the lead to the oldest caller still queued. Each caller waits on its own semaphore, so a
// commit wakes only the threads it finished (no broadcast, no herd contending for the queue's mutex).
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

namespace aurixa::store {

class Database;
class Tx;

class GroupCommit {
 public:
  explicit GroupCommit(Database& db) : db_(db) {}
  void run(std::function<void(Tx&)> work);

 private:
  struct Waiter;
  void lead(Waiter& me);
  Database& db_;
  std::mutex mu_;
  std::vector<Waiter*> pending_;  // queued works, oldest first (each lives on its caller's stack)
  bool leading_ = false;          // a caller is committing (or being handed the lead)
};

}  // namespace aurixa::store
