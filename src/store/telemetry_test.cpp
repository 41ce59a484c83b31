// Telemetry rows (migrations 0010, 0011): events stored packed (one row per service, event type, tenant and
// minute of a batch; a turn's grouped steps as one event per step) read back as the same events, with the
// report's filters and exact time window; rows of the old one-event form; retention; counting.
#include <gtest/gtest.h>

#include "store/sql.hpp"
#include "store/telemetry.hpp"
#include "store/testing/store_fixture.hpp"

namespace aurixa::store {
namespace {

class TelemetryStore : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    migrate_and_seed();
  }
  void insert(const std::vector<TelemetryEvent>& events) {
    db->write([&](Tx& tx) { TelemetryRepository(tx).insert(events); });
  }
  std::vector<TelemetryEvent> list(TelemetryFilter f) {
    return db->read([&](Tx& tx) { return TelemetryRepository(tx).list(f); });
  }
  long long rows() {
    return db->read([](Tx& tx) {
      long long n = 0;
      tx.sql() << "SELECT COUNT(*) FROM telemetry_events", soci::into(n);
      return n;
    });
  }
  std::int64_t count() {
    return db->read([](Tx& tx) { return TelemetryRepository(tx).count_all(); });
  }
};

TelemetryEvent api_call(double ts) {
  TelemetryEvent e;
  e.timestamp = ts;
  e.service = "api-gateway";
  e.event_type = "api_call";
  e.name = "/api/v1/orchestration/pipelines";
  e.tenant_id = 1;
  e.latency_ms = 3.25;
  e.status = 200;
  e.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  return e;
}

TelemetryEvent turn(double end, std::int64_t tenant) {
  TelemetryEvent e;
  e.service = "orchestration-engine";
  e.event_type = "pipeline_step";
  e.tenant_id = tenant;
  e.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  e.steps = {{"validate_input", end - 0.75, 0.125, false},
             {"classify_intent", end - 0.5, 0.1 + 0.2, false},  // not exactly representable: round trip
             {"odd\tname", end - 0.25, 7, true},
             {"validate_output", end, 1e-3, false}};
  e.timestamp = end;
  return e;
}

TEST_P(TelemetryStore, AGroupedTurnIsOneRowReadBackAsOneEventPerStep) {
  insert({api_call(1000.6), turn(1001, 2)});
  auto all = list({990, 1010, {}, {}, {}});
  ASSERT_EQ(all.size(), 5u);
  // Ordered by time: the steps (1000.25 ... 1001) around the api call (1000.6).
  EXPECT_EQ(all[0].name, "validate_input");
  EXPECT_EQ(all[1].name, "classify_intent");
  EXPECT_EQ(all[2].event_type, "api_call");
  EXPECT_EQ(all[2].status, 200);
  EXPECT_EQ(all[2].latency_ms, 3.25);
  EXPECT_EQ(all[3].name, "odd name") << "no tab reaches a packed line";
  EXPECT_EQ(all[3].event_type, "pipeline_step");
  EXPECT_EQ(all[4].name, "validate_output");
  const auto& cls = all[1];
  EXPECT_EQ(cls.service, "orchestration-engine");
  EXPECT_EQ(cls.tenant_id, 2);
  EXPECT_EQ(cls.latency_ms, 0.1 + 0.2);
  EXPECT_NEAR(cls.timestamp, 1000.5, 1e-9);
  EXPECT_FALSE(cls.error);
  EXPECT_EQ(cls.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_TRUE(all[3].error);
  EXPECT_EQ(all[4].latency_ms, 1e-3);
  EXPECT_EQ(count(), 5);
  EXPECT_EQ(rows(), 2) << "one row per service and tenant";
}

TEST_P(TelemetryStore, FiltersAndTheExactWindowApplyToEachStep) {
  insert({api_call(1000.6), turn(1001, 2), turn(1201, 3)});
  // The window ends between a group's steps: only the steps inside it.
  auto part = list({1000.3, 1000.65, {}, {}, {}});
  ASSERT_EQ(part.size(), 2u);
  EXPECT_EQ(part[0].name, "classify_intent");
  EXPECT_EQ(part[1].event_type, "api_call");
  EXPECT_EQ(list({1000.3, 1000.65, {}, {}, std::string("pipeline_step")}).size(), 1u);
  EXPECT_EQ(list({990, 1300, Id{3}, {}, {}}).size(), 4u);
  EXPECT_EQ(list({990, 1300, {}, std::string("orchestration-engine"), {}}).size(), 8u);
  EXPECT_EQ(list({990, 1300, {}, std::string("api-gateway"), {}}).size(), 1u);
  EXPECT_TRUE(list({1001.5, 1200, {}, {}, {}}).empty());
}

TEST_P(TelemetryStore, EveryFieldSurvivesAndLegacyRowsAreOneEventEach) {
  TelemetryEvent llm;
  llm.timestamp = 1000.125;
  llm.service = "llm-router";
  llm.event_type = "llm_call";
  llm.name = "chat\tx";
  llm.latency_ms = 812.5;
  llm.cost_usd = 0.000123;
  llm.input_tokens = 1234;
  llm.output_tokens = 56;
  llm.model = "gpt-4o-mini";
  llm.provider = std::string(63, 'p') + "\xc3\xa9";  // cut at 64 bytes: not inside the two-byte character
  llm.trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
  llm.cache_hit = false;
  llm.escalated = true;
  llm.error = true;
  insert({llm, api_call(1000.5)});
  db->write([](Tx& tx) {
    tx.sql() << "INSERT INTO telemetry_events (ts, service, event_type, name, latency_ms, status, error) VALUES "
                "(1000.25, 'old', 'api_call', '/x', 2.5, 404, 0)";
  });
  auto all = list({990, 1010, {}, {}, {}});
  ASSERT_EQ(all.size(), 3u);
  const auto& l = all[0];
  EXPECT_EQ(l.timestamp, 1000.125);
  EXPECT_EQ(l.service, "llm-router");
  EXPECT_EQ(l.event_type, "llm_call");
  EXPECT_EQ(l.name, "chat x") << "no tab reaches a packed line";
  EXPECT_EQ(l.latency_ms, 812.5);
  EXPECT_EQ(l.cost_usd, 0.000123);
  EXPECT_EQ(l.input_tokens, 1234);
  EXPECT_EQ(l.output_tokens, 56);
  EXPECT_EQ(l.model, "gpt-4o-mini");
  EXPECT_EQ(l.provider, std::string(63, 'p'));
  EXPECT_EQ(l.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(l.cache_hit, false);
  EXPECT_EQ(l.escalated, true);
  EXPECT_TRUE(l.error);
  EXPECT_FALSE(l.tenant_id);
  EXPECT_FALSE(l.status);
  EXPECT_EQ(all[1].service, "old");
  EXPECT_EQ(all[1].status, 404);
  EXPECT_EQ(all[1].latency_ms, 2.5);
  EXPECT_EQ(all[2].event_type, "api_call");
  EXPECT_FALSE(all[2].cache_hit);
  EXPECT_FALSE(all[2].cost_usd);
  EXPECT_EQ(count(), 3);
}

TEST_P(TelemetryStore, OneRowPerServiceTypeTenantAndMinuteAndRetentionDeletesByTime) {
  std::vector<TelemetryEvent> batch;
  for (int i = 0; i < 50; ++i) {
    batch.push_back(api_call(1000 + i * 0.01));  // minute 16
    batch.push_back(turn(1001 + i * 0.01, 2));
  }
  batch.push_back(api_call(1100));  // minute 18
  batch.push_back(turn(3010, 2));
  insert(batch);
  EXPECT_EQ(rows(), 4) << "api_call x2 minutes, pipeline_step x2 minutes";
  EXPECT_EQ(count(), 50 + 200 + 1 + 4);
  EXPECT_EQ(list({0, 5000, {}, {}, {}}).size(), 255u);
  EXPECT_EQ(list({1099, 1101, {}, {}, {}}).size(), 1u);
  const auto deleted = db->write([](Tx& tx) { return TelemetryRepository(tx).delete_older_than(1050); });
  EXPECT_EQ(deleted, 2) << "the two rows of minute 16";
  EXPECT_EQ(list({0, 5000, {}, {}, {}}).size(), 5u);
  EXPECT_EQ(count(), 5);
}

AURIXA_STORE_BACKENDS(TelemetryStore);

}  // namespace
}  // namespace aurixa::store
