#include "store/group_commit.hpp"

#include "store/database.hpp"

namespace aurixa::store {

void GroupCommit::run(std::function<void(Tx&)> work) {
  std::unique_lock lock(mu_);
  const std::uint64_t mine = collecting_, ticket = next_ticket_++;
  pending_.emplace_back(ticket, std::move(work));
  while (done_ < mine) {
    if (flushing_) {
      cv_.wait(lock);
      continue;
    }
    // Leader: commit everything collected so far (this work included) in one transaction.
    flushing_ = true;
    const std::uint64_t batch_id = collecting_++;
    std::vector<std::pair<std::uint64_t, std::function<void(Tx&)>>> batch;
    batch.swap(pending_);
    lock.unlock();
    std::map<std::uint64_t, std::exception_ptr> errors;
    try {
      db_.write([&](Tx& tx) {
        for (auto& item : batch) item.second(tx);
      });
    } catch (...) {
      for (auto& item : batch) {  // (no structured binding: clang 14 cannot capture one in a lambda)
        auto& work = item.second;
        try {
          db_.write([&](Tx& tx) { work(tx); });
        } catch (...) {
          errors[item.first] = std::current_exception();
        }
      }
    }
    lock.lock();
    flushing_ = false;
    done_ = batch_id;
    failed_.merge(errors);
    cv_.notify_all();
  }
  if (auto it = failed_.find(ticket); it != failed_.end()) {
    auto error = it->second;
    failed_.erase(it);
    std::rethrow_exception(error);
  }
}

}  // namespace aurixa::store
