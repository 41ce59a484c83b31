// TenantCache on a seeded store (SQLite and PostgreSQL): values are reused within the TTL and re-read after
// it (an admin change shows up within the TTL), per tenant and per day; a TTL of 0 reads every time.
#include "roles/agents/tenant_cache.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "roles/agents/planner.hpp"
#include "store/availability.hpp"
#include "store/database.hpp"
#include "store/sql.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::agents {
namespace {

using namespace std::chrono_literals;

class TenantCacheTest : public store::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
  void set_time_zone(std::int64_t tenant, const std::string& tz) {
    db->write([&](store::Tx& tx) {
      tx.sql() << "UPDATE tenants SET time_zone = :z WHERE id = :id", soci::use(tz), soci::use(tenant);
    });
  }
  void add_provider(std::int64_t tenant, const std::string& day, const std::string& name) {
    db->write([&](store::Tx& tx) {
      store::AvailabilitySlot s;
      s.tenant_id = tenant;
      s.slot_date = day;
      s.start_time = "07:00";
      s.end_time = "07:30";
      s.provider_name = name;
      store::AvailabilityRepository(tx).add(store::Scope::tenant(tenant), s);
    });
  }
  std::chrono::steady_clock::time_point now_{};
  TenantCache cache(std::chrono::milliseconds ttl) {
    return TenantCache(ttl, [this] { return now_; });
  }
};

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST_P(TenantCacheTest, TimeZoneIsReusedWithinTheTtlAndReReadAfterIt) {
  set_time_zone(1, "America/Chicago");
  set_time_zone(2, "Europe/Madrid");
  auto c = cache(30s);
  EXPECT_EQ(c.time_zone(*db, 1), "America/Chicago");
  EXPECT_EQ(c.time_zone(*db, 2), "Europe/Madrid");  // per tenant
  set_time_zone(1, "Asia/Tokyo");
  now_ += 29s;
  EXPECT_EQ(c.time_zone(*db, 1), "America/Chicago");  // cached
  now_ += 1s;
  EXPECT_EQ(c.time_zone(*db, 1), "Asia/Tokyo");  // the TTL is over: the change shows up
  EXPECT_EQ(c.time_zone(*db, 999), "UTC");       // unknown tenant

  auto uncached = cache(0ms);
  EXPECT_EQ(uncached.time_zone(*db, 1), "Asia/Tokyo");
  set_time_zone(1, "UTC");
  EXPECT_EQ(uncached.time_zone(*db, 1), "UTC");
}

TEST_P(TenantCacheTest, ProvidersAreReusedWithinTheTtlPerDay) {
  const std::string today = "2031-05-05";
  auto c = cache(30s);
  const auto before = c.providers(*db, 1, today);
  EXPECT_FALSE(has(before, "Dr. Cachetest"));
  add_provider(1, add_days(today, 3), "Dr. Cachetest");
  EXPECT_EQ(c.providers(*db, 1, today), before);                   // cached
  EXPECT_FALSE(has(c.providers(*db, 2, today), "Dr. Cachetest"));  // other tenant: its own entry, and no leak
  EXPECT_TRUE(has(c.providers(*db, 1, add_days(today, 1)), "Dr. Cachetest"));  // another day: read
  now_ += 31s;
  EXPECT_TRUE(has(c.providers(*db, 1, today), "Dr. Cachetest"));  // after the TTL

  auto uncached = cache(0ms);
  add_provider(1, today, "Dr. Nocache");
  EXPECT_TRUE(has(uncached.providers(*db, 1, today), "Dr. Nocache"));
  add_provider(1, today, "Dr. Nocache Two");
  EXPECT_TRUE(has(uncached.providers(*db, 1, today), "Dr. Nocache Two"));
}

AURIXA_STORE_BACKENDS(TenantCacheTest);

}  // namespace
}  // namespace aurixa::agents
