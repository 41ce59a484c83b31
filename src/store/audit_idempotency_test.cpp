// Audit log filters and paging; idempotency records claimed once even under concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "core/error.hpp"
#include "store/audit.hpp"
#include "store/idempotency.hpp"
#include "store/patients.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

class AuditAndIdempotency : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
};

TEST_P(AuditAndIdempotency, AuditListsNewestFirstWithFiltersAndPaging) {
  db->write([&](Tx& tx) {
    AuditEntry e;
    e.service = "Orchestration Engine";
    e.action = "Patient Viewed";
    e.user = "u-42";
    e.details = "Viewed patient 2";
    e.tenant_id = 2;
    e.resource_type = "patient";
    e.resource_id = "2";
    e.outcome = "success";
    AuditRepository(tx).record(e);
    e.outcome = "not_found";
    e.resource_id = "99";
    AuditRepository(tx).record(e);
  });
  db->read([&](Tx& tx) {
    AuditRepository a(tx);
    auto all = a.list(Scope::platform(), {}, {50, 0});
    ASSERT_EQ(all.size(), 12u);
    EXPECT_EQ(all[0].id, 12);
    EXPECT_EQ(all[11].id, 1);
    EXPECT_EQ(all[2].action, "Content Filter");  // seed row 10
    AuditFilter f;
    f.severity = "warning";
    EXPECT_EQ(a.list(Scope::platform(), f, {}).size(), 3u);
    f = {};
    f.resource_type = "patient";
    f.resource_id = "2";
    ASSERT_EQ(a.list(Scope::platform(), f, {}).size(), 1u);
    EXPECT_EQ(a.list(Scope::platform(), f, {})[0].user, "u-42");
    EXPECT_EQ(a.list(Scope::tenant(2), {}, {}).size(), 2u);  // a tenant sees only its rows
    EXPECT_EQ(a.list(Scope::tenant(1), {}, {}).size(), 0u);
    auto page2 = a.list(Scope::platform(), {}, {5, 5});
    ASSERT_EQ(page2.size(), 5u);
    EXPECT_EQ(page2[0].id, 7);
    f = {};
    f.user = "admin@aurixa.io";
    EXPECT_EQ(a.count(Scope::platform(), f), 2);
  });
}

TEST_P(AuditAndIdempotency, GroupCommittedAuditLogWritesEveryRowBeforeReturning) {
  AuditLog log(*db);
  std::atomic<int> returned{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 50; ++i)
    threads.emplace_back([&, i] {
      AuditEntry e;
      e.service = "Orchestration Engine";
      e.action = "Patient Viewed";
      e.user = "reader-" + std::to_string(i);
      e.details = "Viewed patient 1";
      try {
        log.append(e);
      } catch (const std::exception& ex) {
        ADD_FAILURE() << ex.what();
        return;
      }
      // Committed before append returned: visible to a fresh read right away.
      AuditFilter f;
      f.user = e.user;
      EXPECT_EQ(db->read([&](Tx& tx) { return AuditRepository(tx).count(Scope::platform(), f); }), 1);
      ++returned;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(returned.load(), 50);
  AuditFilter f;
  f.action = "Patient Viewed";
  EXPECT_EQ(db->read([&](Tx& tx) { return AuditRepository(tx).count(Scope::platform(), f); }), 50);
}

TEST_P(AuditAndIdempotency, ABadRowFailsAloneNotItsBatch) {
  AuditLog log(*db);
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      AuditEntry e;
      e.service = "x";
      e.action = "batch-test";
      e.user = "z";
      e.details = "d";
      e.severity = i == 7 ? "fatal" : "info";  // "fatal" is not allowed by the CHECK constraint
      try {
        log.append(e);
        ++ok;
      } catch (const std::exception&) {
        ++failed;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 19);
  EXPECT_EQ(failed.load(), 1);
  AuditFilter f;
  f.action = "batch-test";
  EXPECT_EQ(db->read([&](Tx& tx) { return AuditRepository(tx).count(Scope::platform(), f); }), 19);
}

TEST_P(AuditAndIdempotency, StoredResponseIsFoundAgain) {
  const Scope s = Scope::tenant(1);
  db->write([&](Tx& tx) {
    IdempotencyRepository keys(tx);
    EXPECT_FALSE(keys.claim(s, "POST /x", "k1"));
    keys.save(s, "POST /x", "k1", {"h1", 200, R"({"id":1})"});
  });
  auto again = db->write([&](Tx& tx) { return IdempotencyRepository(tx).claim(s, "POST /x", "k1"); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->request_hash, "h1");
  EXPECT_EQ(again->body, R"({"id":1})");
  // Keys are per scope and route.
  EXPECT_FALSE(db->write([&](Tx& tx) { return IdempotencyRepository(tx).claim(Scope::tenant(2), "POST /x", "k1"); }));
  EXPECT_FALSE(db->write([&](Tx& tx) { return IdempotencyRepository(tx).claim(s, "POST /y", "k1"); }));
  EXPECT_EQ(db->write([&](Tx& tx) { return IdempotencyRepository(tx).purge("2999-01-01 00:00:00"); }), 1);
}

// The pattern the admin API uses: claim, write, save, all in one transaction. Twenty concurrent
// retries of one request create exactly one patient.
TEST_P(AuditAndIdempotency, ConcurrentRetriesWriteOnce) {
  std::atomic<int> fresh{0}, replayed{0};
  auto write_once = [&] {
    db->write([&](Tx& tx) {
      IdempotencyRepository keys(tx);
      if (keys.claim(Scope::platform(), "POST /patients", "retry-1")) {
        ++replayed;
        return;
      }
      auto p = PatientRepository(tx).create(Scope::platform(), {1, "Idem Potent", {}, {}});
      keys.save(Scope::platform(), "POST /patients", "retry-1", {"h", 200, std::to_string(p.id)});
      ++fresh;
    });
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&] {
      try {  // never let an exception escape a thread (std::terminate)
        write_once();
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(fresh.load(), 1);
  EXPECT_EQ(replayed.load(), 19);
  EXPECT_EQ(db->read([&](Tx& tx) { return PatientRepository(tx).count(Scope::platform()); }), 6);
}

AURIXA_STORE_BACKENDS(AuditAndIdempotency);

}  // namespace
}  // namespace aurixa::store
