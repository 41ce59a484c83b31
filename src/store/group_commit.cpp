#include "store/group_commit.hpp"

#include <condition_variable>

#include "store/database.hpp"

namespace aurixa::store {

// A caller's own wake-up: a mutex + condition variable rather than std::binary_semaphore, whose libstdc++
// acquire() spins (sched_yield) before it sleeps: ~13% of the CPU of cached turns went to that spinning
// while followers waited out the leader's fsync.
struct GroupCommit::Waiter {
  std::function<void(Tx&)> work;
  std::exception_ptr error;
  bool lead = false;  // set (before the wake-up) when this caller is handed the lead instead of a result
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  void wait() {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return woken; });
  }
  // The waiter may return (and be destroyed) as soon as it sees `woken`: notify while holding its mutex.
  void wake() {
    std::lock_guard lock(mu);
    woken = true;
    cv.notify_one();
  }
};

void GroupCommit::run(std::function<void(Tx&)> work) {
  Waiter me;
  me.work = std::move(work);
  {
    std::lock_guard lock(mu_);
    pending_.push_back(&me);
    if (!leading_) leading_ = me.lead = true;
  }
  if (!me.lead) me.wait();  // until our batch is committed, or we are to commit it
  if (me.lead) lead(me);
  if (me.error) std::rethrow_exception(me.error);
}

// Commits everything queued (our own work included), wakes the batch's other callers, hands the lead on.
void GroupCommit::lead(Waiter& me) {
  std::vector<Waiter*> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(pending_);
  }
  try {
    db_.write([&](Tx& tx) {
      for (auto* w : batch) w->work(tx);
    });
  } catch (...) {
    for (auto* w : batch) {
      try {
        db_.write([&](Tx& tx) { w->work(tx); });
      } catch (...) {
        w->error = std::current_exception();
      }
    }
  }
  Waiter* next = nullptr;
  {
    std::lock_guard lock(mu_);
    if (pending_.empty()) {
      leading_ = false;
    } else {
      next = pending_.front();
      next->lead = true;
    }
  }
  for (auto* w : batch)
    if (w != &me) w->wake();
  if (next) next->wake();
}

}  // namespace aurixa::store
