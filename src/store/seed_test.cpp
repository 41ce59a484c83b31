// Seed: counts match spec/SEED.md, ids are deterministic, seeding twice does nothing.
#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/password.hpp"
#include "store/seed.hpp"
#include "store/sql.hpp"
#include "store/testing/store_fixture.hpp"
#include "store/users.hpp"

namespace aurixa::store {
namespace {

class Seed : public testing::StoreTest {};

TEST_P(Seed, CountsMatchSeedMd) {
  migrate_and_seed();
  auto c = table_counts(*db);
  EXPECT_EQ(c["tenants"], 7);
  EXPECT_EQ(c["deployment_environments"], 2);
  EXPECT_EQ(c["staff"], 9);
  EXPECT_EQ(c["conversations"], 3);
  EXPECT_EQ(c["pipeline_steps"], 0);
  EXPECT_EQ(c["patients"], 5);
  EXPECT_EQ(c["appointments"], 4);
  EXPECT_EQ(c["patient_insurance"], 4);
  EXPECT_EQ(c["prescriptions"], 3);
  EXPECT_EQ(c["availability_slots"], 63);
  EXPECT_EQ(c["knowledge_base_articles"], 6);
  EXPECT_EQ(c["audit_logs"], 10);
  EXPECT_EQ(c["platform_config"], 9);
  // SEED.md's two console users plus the documented demo accounts.
  EXPECT_EQ(c["users"], static_cast<std::int64_t>(demo_accounts().size()));
  EXPECT_EQ(demo_accounts().size(), 14u);
}

TEST_P(Seed, SecondSeedDoesNothing) {
  migrate_and_seed();
  SeedOptions o;
  o.password_cost = {1, 1024, 1};
  EXPECT_FALSE(seed_if_empty(*db, o));
  EXPECT_EQ(table_counts(*db)["tenants"], 7);
}

TEST_P(Seed, IdsAndValuesAreThoseOfSeedMd) {
  migrate_and_seed();
  db->read([](Tx& tx) {
    std::string name, plan, status;
    long long keys = 0;
    tx.sql() << "SELECT name, plan, status, api_key_count FROM tenants WHERE id = 5", soci::into(name),
        soci::into(plan), soci::into(status), soci::into(keys);
    EXPECT_EQ(name, "Metro Health Systems");
    EXPECT_EQ(plan, "professional");
    EXPECT_EQ(status, "suspended");
    EXPECT_EQ(keys, 2);
    std::string provider, reason, appt_status;
    long long patient = 0;
    tx.sql() << "SELECT provider_name, reason, status, patient_id FROM appointments WHERE id = 3", soci::into(provider),
        soci::into(reason), soci::into(appt_status), soci::into(patient);
    EXPECT_EQ(provider, "Dr. Chen");
    EXPECT_EQ(appt_status, "completed");
    EXPECT_EQ(patient, 1);
    std::string slot_time, slot_provider;
    tx.sql() << "SELECT start_time, provider_name FROM availability_slots WHERE id = 4", soci::into(slot_time),
        soci::into(slot_provider);
    EXPECT_EQ(slot_time, "09:00");
    EXPECT_EQ(slot_provider, "Dr. Bell");
    std::string action;
    tx.sql() << "SELECT action FROM audit_logs WHERE id = 10", soci::into(action);
    EXPECT_EQ(action, "Content Filter");
    std::string value;
    tx.sql() << "SELECT value FROM platform_config WHERE \"key\" = 'rate_limit_per_minute'", soci::into(value);
    EXPECT_EQ(value, "200");
  });
}

TEST_P(Seed, DemoAccountsHaveArgon2HashesOfTheDemoPassword) {
  migrate_and_seed();
  auto user = db->read([](Tx& tx) { return UserRepository(tx).find_by_email("admin@generalhospital.com"); });
  ASSERT_TRUE(user);
  EXPECT_EQ(user->id, 1);
  EXPECT_EQ(user->role, "tenant_admin");
  EXPECT_EQ(user->staff_id, 7);
  EXPECT_TRUE(user->hashed_password.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(user->hashed_password, "aurixa-demo"));
  EXPECT_FALSE(verify_password(user->hashed_password, "fake-password"));
  auto patient = db->read([](Tx& tx) { return UserRepository(tx).find_by_email("John.Doe@email.com"); });
  ASSERT_TRUE(patient);
  EXPECT_EQ(patient->role, "patient");
  EXPECT_EQ(patient->patient_id, 1);
  EXPECT_EQ(patient->tenant_id, 1);
}

AURIXA_STORE_BACKENDS(Seed);

}  // namespace
}  // namespace aurixa::store
