#include "store/commit_queue.hpp"

#include <pthread.h>

#include "store/database.hpp"

namespace aurixa::store {

CommitQueue::CommitQueue(Database& db)
    : db_(db), committer_([this] { commit_loop(); }), flusher_([this] { flush_loop(); }) {}

CommitQueue::~CommitQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  commit_wake_.notify_one();
  committer_.join();  // commits what is queued, then tells the flusher it is done
  flusher_.join();
}

void CommitQueue::submit(Work work, Done done) {
  bool first;
  {
    std::lock_guard lock(mu_);
    if (stopping_) throw std::logic_error("CommitQueue::submit after shutdown began");
    first = queue_.empty();
    queue_.push_back({std::move(work), std::move(done)});
  }
  // The committer sleeps only on an empty queue: a second submit while it sleeps needs no second wake.
  if (first) commit_wake_.notify_one();
}

void CommitQueue::run(Work work) {
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::exception_ptr error;
  submit(std::move(work), [&](std::exception_ptr e) {
    std::lock_guard lock(m);  // notify under the lock: the waiter may return as soon as it sees `finished`
    error = e;
    finished = true;
    cv.notify_one();
  });
  std::unique_lock lock(m);
  cv.wait(lock, [&] { return finished; });
  if (error) std::rethrow_exception(error);
}

// A no-op work behind everything submitted so far: batches are committed, flushed and reported in order
// (a failed work is reported by the committer before its batch reaches the flusher), so when the marker is
// reported every earlier work has been, and its `done` destroyed (report()).
void CommitQueue::drain() {
  run([](Tx&) {});
}

std::size_t CommitQueue::reported() const {
  std::lock_guard lock(mu_);
  return reported_;
}

void CommitQueue::commit_loop() {
  pthread_setname_np(pthread_self(), "commit-queue");  // for top -H and perf
  std::vector<Item> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      commit_wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {  // stopping, and everything queued has been committed
        committer_done_ = true;
        break;
      }
      batch.swap(queue_);
    }
    commit(batch);
    batch.clear();
  }
  flush_wake_.notify_one();
}

void CommitQueue::commit(std::vector<Item>& batch) {
  bool work_threw = false;
  try {
    db_.write_unflushed([&](Tx& tx) {
      for (auto& item : batch) {
        try {
          item.work(tx);
        } catch (...) {
          work_threw = true;
          throw;
        }
      }
    });
  } catch (...) {
    if (!work_threw) {  // BEGIN, COMMIT, the writer itself: no work to single out, and no retry of a COMMIT
      report(batch, std::current_exception());  // whose outcome is unknown (PostgreSQL)
      return;
    }
    std::vector<Item> ok;
    for (auto& item : batch) {
      try {
        db_.write_unflushed([&](Tx& tx) { item.work(tx); });
        ok.push_back(std::move(item));
      } catch (...) {
        std::vector<Item> one;
        one.push_back(std::move(item));
        report(one, std::current_exception());
      }
    }
    batch.swap(ok);
  }
  bool first;
  {
    std::lock_guard lock(mu_);
    first = flushing_.empty();
    for (auto& item : batch) flushing_.push_back(std::move(item));
  }
  if (first) flush_wake_.notify_one();
}

void CommitQueue::flush_loop() {
  pthread_setname_np(pthread_self(), "commit-flush");
  std::vector<Item> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      flush_wake_.wait(lock, [&] { return committer_done_ || !flushing_.empty(); });
      if (flushing_.empty()) return;  // the committer stopped and everything committed has been flushed
      batch.swap(flushing_);
    }
    std::exception_ptr error;
    try {
      db_.flush();
    } catch (...) {  // durability unknown: the callers must not be told their writes are safe
      error = std::current_exception();
    }
    report(batch, error);
    batch.clear();
  }
}

void CommitQueue::report(std::vector<Item>& items, std::exception_ptr error) {
  for (auto& item : items) {
    // Destroyed right after the call, before anything later is reported: what a caller's completion holds
    // (e.g. an executor's work guard) is released before drain() can return.
    Done done = std::move(item.done);
    try {
      done(error);
    } catch (...) {  // a caller's completion must not stop the queue or skip its neighbours
    }
  }
  std::lock_guard lock(mu_);
  reported_ += items.size();
}

}  // namespace aurixa::store
