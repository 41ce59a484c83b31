// CommitQueue: asynchronous group commit — every work reported once, durable when reported, a bad work
// failing alone, and nothing queued lost at shutdown; Database::write_unflushed + flush underneath.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "store/audit.hpp"
#include "store/commit_queue.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

class CommitQueueTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
  static CommitQueue::Work audit_row(std::string user, std::string severity = "info") {
    return [user = std::move(user), severity = std::move(severity)](Tx& tx) {
      AuditEntry e;
      e.service = "test";
      e.action = "commit-queue";
      e.user = user;
      e.details = "d";
      e.severity = severity;  // "fatal" violates the CHECK constraint
      AuditRepository(tx).record(e);
    };
  }
  std::int64_t rows(const std::string& user = "") {
    AuditFilter f;
    f.action = "commit-queue";
    if (!user.empty()) f.user = user;
    return db->read([&](Tx& tx) { return AuditRepository(tx).count(Scope::platform(), f); });
  }
};

TEST_P(CommitQueueTest, EveryWorkIsReportedOnceAndDurableWhenReported) {
  CommitQueue queue(*db);
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> reported{0}, visible{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      std::vector<std::future<void>> results;
      for (int i = 0; i < kEach; ++i) {
        auto p = std::make_shared<std::promise<void>>();
        results.push_back(p->get_future());
        const std::string user = "u-" + std::to_string(t) + "-" + std::to_string(i);
        queue.submit(audit_row(user), [&, p, user](std::exception_ptr e) {
          ++reported;
          if (e) p->set_exception(e);
          else p->set_value();
        });
      }
      for (int i = 0; i < kEach; ++i) {
        results[static_cast<std::size_t>(i)].get();  // rethrows a failed commit
        if (rows("u-" + std::to_string(t) + "-" + std::to_string(i)) == 1) ++visible;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(reported.load(), kThreads * kEach);
  EXPECT_EQ(visible.load(), kThreads * kEach);  // committed before `done` ran
  EXPECT_EQ(rows(), kThreads * kEach);
  EXPECT_EQ(queue.reported(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_P(CommitQueueTest, ABadWorkFailsAloneNotItsBatch) {
  CommitQueue queue(*db);
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      try {
        queue.run(audit_row("v-" + std::to_string(i), i == 7 ? "fatal" : "info"));
        ++ok;
      } catch (const std::exception&) {
        ++failed;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 19);
  EXPECT_EQ(failed.load(), 1);
  EXPECT_EQ(rows(), 19);
  EXPECT_EQ(rows("v-7"), 0);
}

TEST_P(CommitQueueTest, ShutdownCommitsAndReportsWhatIsQueued) {
  std::atomic<int> reported{0};
  {
    CommitQueue queue(*db);
    for (int i = 0; i < 100; ++i)
      queue.submit(audit_row("w-" + std::to_string(i)), [&](std::exception_ptr e) {
        if (!e) ++reported;
      });
  }  // destroyed at once, with most of the 100 still queued
  EXPECT_EQ(reported.load(), 100);
  EXPECT_EQ(rows(), 100);
}

TEST_P(CommitQueueTest, DrainWaitsForEarlierWorks) {
  CommitQueue queue(*db);
  std::atomic<int> reported{0};
  for (int i = 0; i < 30; ++i)
    queue.submit(audit_row("x-" + std::to_string(i)), [&](std::exception_ptr) { ++reported; });
  queue.drain();
  EXPECT_EQ(reported.load(), 30);
  EXPECT_EQ(rows(), 30);
}

TEST_P(CommitQueueTest, AnUnflushedWriteIsVisibleAndFlushMakesItDurable) {
  db->write_unflushed(audit_row("y-1"));
  EXPECT_EQ(rows("y-1"), 1);  // committed: a reader sees it
  EXPECT_NO_THROW(db->flush());
  EXPECT_NO_THROW(db->flush());  // nothing new: still fine
  db->write(audit_row("y-2"));   // write() = commit + flush
  EXPECT_EQ(rows(), 2);
}

AURIXA_STORE_BACKENDS(CommitQueueTest);

}  // namespace
}  // namespace aurixa::store
