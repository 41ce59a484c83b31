#pragma once
// Asynchronous group commit: submit() queues a small write and returns at once (it never touches the
// database, so an I/O thread may call it). Two threads form a pipeline: the committer writes everything
// queued in one transaction (Database::write_unflushed: committed, not yet flushed) and hands the batch to
// the flusher, which makes it durable (Database::flush: one fdatasync for every batch committed since its
// last flush) and calls each work's `done` with nullptr; meanwhile the committer is already writing the next
// batch. A work that throws gets `done(its exception)` once its batch is retried work by work (one bad write
// never fails its neighbours); a failure of the transaction itself (BEGIN, COMMIT, the connection) or of the
// flush fails the whole batch without a retry. Works must not depend on each other. Thread-safe.
//
// GroupCommit (group_commit.hpp) is the synchronous variant, led by the callers' own threads; this one is
// for callers that must not block (a coroutine resumed by `done`).
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace aurixa::store {

class Database;
class Tx;

class CommitQueue {
 public:
  using Work = std::function<void(Tx&)>;
  using Done = std::function<void(std::exception_ptr)>;

  explicit CommitQueue(Database& db);
  // Commits, flushes and reports everything already queued, then stops both threads.
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // `done` runs on one of the queue's threads: keep it short (hand the result to the caller's executor).
  // Throws std::logic_error once the destructor has begun.
  void submit(Work work, Done done);
  // submit() and wait for the result (rethrown): for threads that may block.
  void run(Work work);
  // Returns once every work submitted before the call has been reported (its `done` returned).
  void drain();
  // Works reported so far, failed ones included (for tests and metrics).
  std::size_t reported() const;

 private:
  struct Item {
    Work work;
    Done done;
  };
  void commit_loop();
  void flush_loop();
  void commit(std::vector<Item>& batch);  // moves the committed works to flushing_, reports the failed ones
  void report(std::vector<Item>& items, std::exception_ptr error);

  Database& db_;
  mutable std::mutex mu_;
  std::condition_variable commit_wake_;  // work queued, or stopping
  std::condition_variable flush_wake_;   // a batch committed, or the committer stopped
  std::vector<Item> queue_;              // submitted, not yet committed
  std::vector<Item> flushing_;           // committed, waiting for the flush
  std::size_t reported_ = 0;
  bool stopping_ = false;
  bool committer_done_ = false;
  std::thread committer_, flusher_;  // last: started once the members above exist
};

}  // namespace aurixa::store
