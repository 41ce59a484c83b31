#pragma once
// Group commit: concurrent callers' small writes share one write transaction, so N simultaneous turns or audit
// rows cost one commit (one fsync) instead of N. run() returns only after its work is committed (durable), or
// throws what that work threw. If a batch fails, each of its works is retried alone, so one bad write never
// fails its neighbours. Works must not depend on each other. Thread-safe.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace aurixa::store {

class Database;
class Tx;

class GroupCommit {
 public:
  explicit GroupCommit(Database& db) : db_(db) {}
  void run(std::function<void(Tx&)> work);

 private:
  Database& db_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::pair<std::uint64_t, std::function<void(Tx&)>>> pending_;  // (ticket, work)
  bool flushing_ = false;
  std::uint64_t next_ticket_ = 1;
  std::uint64_t collecting_ = 1;  // batch the next submitted work joins
  std::uint64_t done_ = 0;        // batches up to this one are finished
  std::map<std::uint64_t, std::exception_ptr> failed_;
};

}  // namespace aurixa::store
