// Refill requests and staff tasks (migration 0005): insert, scoped reads, task status lifecycle.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "store/refills.hpp"
#include "store/tasks.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

class ExecutionRecords : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
};

TEST_P(ExecutionRecords, RefillRequestIsVisibleToItsTenantOnly) {
  auto r = db->write([&](Tx& tx) {
    RefillRequest in;
    in.tenant_id = 1;
    in.patient_id = 1;
    in.prescription_id = 1;
    in.medication_name = "Lisinopril 10mg";
    in.pharmacy = "Main Street Pharmacy";
    return RefillRequestRepository(tx).create(Scope::tenant(1), in);
  });
  EXPECT_GT(r.id, 0);
  EXPECT_EQ(r.status, "pending");
  auto mine = db->read([&](Tx& tx) { return RefillRequestRepository(tx).for_patient(Scope::tenant(1), 1, {}); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].pharmacy.value_or(""), "Main Street Pharmacy");
  EXPECT_TRUE(
      db->read([&](Tx& tx) { return RefillRequestRepository(tx).for_patient(Scope::tenant(2), 1, {}); }).empty());
  EXPECT_FALSE(db->read([&](Tx& tx) { return RefillRequestRepository(tx).get(Scope::tenant(2), r.id); }));
}

TEST_P(ExecutionRecords, RefillRequestForAnotherTenantIsRejected) {
  EXPECT_THROW(db->write([&](Tx& tx) {
    RefillRequest in;
    in.tenant_id = 1;
    in.patient_id = 1;
    in.prescription_id = 1;
    in.medication_name = "x";
    RefillRequestRepository(tx).create(Scope::tenant(2), in);
  }),
               ApiError);
}

TEST_P(ExecutionRecords, TasksListNewestFirstFilteredAndScoped) {
  db->write([&](Tx& tx) {
    StaffTaskRepository repo(tx);
    StaffTask t;
    t.tenant_id = 1;
    t.kind = "handoff";
    t.title = "first";
    repo.create(Scope::tenant(1), t);
    t.kind = "email";
    t.title = "second";
    t.recipient = "a@b.c";
    repo.create(Scope::tenant(1), t);
    t.tenant_id = 2;
    t.title = "other tenant";
    repo.create(Scope::platform(), t);
  });
  auto all = db->read([&](Tx& tx) { return StaffTaskRepository(tx).list(Scope::tenant(1), {}, {}); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].title, "second");
  TaskFilter f;
  f.kind = "handoff";
  auto handoffs = db->read([&](Tx& tx) { return StaffTaskRepository(tx).list(Scope::tenant(1), f, {}); });
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_EQ(handoffs[0].title, "first");
  EXPECT_EQ(db->read([&](Tx& tx) { return StaffTaskRepository(tx).list(Scope::platform(), {}, {}); }).size(), 3u);
}

TEST_P(ExecutionRecords, TaskStatusMovesForwardAndDoneIsFinal) {
  auto id = db->write([&](Tx& tx) {
    StaffTask t;
    t.tenant_id = 1;
    t.kind = "reminder";
    t.title = "call back";
    return StaffTaskRepository(tx).create(Scope::tenant(1), t).id;
  });
  auto set = [&](const Scope& s, const std::string& status) {
    return db->write([&](Tx& tx) { return StaffTaskRepository(tx).set_status(s, id, status); });
  };
  EXPECT_EQ(set(Scope::tenant(1), "in_progress")->status, "in_progress");
  EXPECT_FALSE(set(Scope::tenant(2), "done"));
  EXPECT_EQ(set(Scope::tenant(1), "done")->status, "done");
  EXPECT_THROW(set(Scope::tenant(1), "open"), ApiError);
  EXPECT_THROW(set(Scope::tenant(1), "closed"), ApiError);
}

TEST_P(ExecutionRecords, UnknownKindIsRejected) {
  StaffTask t;
  t.tenant_id = 1;
  t.kind = "fax";
  t.title = "x";
  EXPECT_THROW(db->write([&](Tx& tx) { StaffTaskRepository(tx).create(Scope::tenant(1), t); }), ApiError);
}

AURIXA_STORE_BACKENDS(ExecutionRecords);

}  // namespace
}  // namespace aurixa::store
