// Migrations: from empty, re-run is a no-op, several openers at once, edited migrations refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <thread>

#include "store/migrations.hpp"
#include "store/seed.hpp"
#include "store/sql.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

using testing::StoreTest;

// Versions of the embedded migrations (other roles add theirs, so the tests do not hard-code a count).
std::set<int> embedded_versions() {
  std::set<int> v;
  for (const auto& m : embedded_migrations()) v.insert(std::atoi(m.file));
  return v;
}

class Migrations : public StoreTest {};

TEST_P(Migrations, FromEmptyAppliesEveryMigration) {
  EXPECT_EQ(schema_version(*db), 0);
  auto report = migrate(*db);
  const auto versions = embedded_versions();
  ASSERT_EQ(report.applied.size(), versions.size());
  EXPECT_EQ(report.applied[0], "0001_core_schema");
  EXPECT_EQ(report.applied[2], "0003_deployment_audit_append_only");
  EXPECT_EQ(report.version, *versions.rbegin());
  EXPECT_EQ(schema_version(*db), *versions.rbegin());
  auto counts = table_counts(*db);
  EXPECT_EQ(counts.size(), 24u);
  for (const auto& [table, n] : counts) EXPECT_EQ(n, 0) << table;
}

TEST_P(Migrations, RerunIsANoOp) {
  migrate(*db);
  auto again = migrate(*db);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.version, *embedded_versions().rbegin());
  auto reopened = open();
  EXPECT_TRUE(migrate(*reopened).applied.empty());
}

TEST_P(Migrations, ConcurrentMigratorsApplyEachMigrationOnce) {
  auto a = open(), b = open();
  std::vector<std::string> applied_a, applied_b;
  auto run = [](Database& d, std::vector<std::string>& out) {
    try {  // never let an exception escape a thread (std::terminate)
      out = migrate(d).applied;
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
    }
  };
  std::thread ta([&] { run(*a, applied_a); });
  std::thread tb([&] { run(*b, applied_b); });
  ta.join();
  tb.join();
  EXPECT_EQ(applied_a.size() + applied_b.size(), embedded_versions().size());
  EXPECT_EQ(schema_version(*db), *embedded_versions().rbegin());
}

TEST_P(Migrations, DeploymentAuditIsAppendOnly) {
  migrate(*db);
  db->write([](Tx& tx) {
    tx.sql() << "INSERT INTO deployment_audit (actor, action, resource_type, resource_id, details, created_at, "
                "updated_at) VALUES ('ci', 'deployment_requested', 'release', 'r1', '{}', '2030-01-01 00:00:00', "
                "'2030-01-01 00:00:00')";
  });
  EXPECT_ANY_THROW(db->write([](Tx& tx) { tx.sql() << "UPDATE deployment_audit SET actor = 'mallory'"; }));
  EXPECT_ANY_THROW(db->write([](Tx& tx) { tx.sql() << "DELETE FROM deployment_audit"; }));
}

AURIXA_STORE_BACKENDS(Migrations);

}  // namespace
}  // namespace aurixa::store
