// Execution engine latency in process (no HTTP): ExecutionService::execute over a real store.
//   get_availability          one read transaction (slots of a day minus booked visits)
//   create_appointment        one write transaction: provider lock, slot check, insert, audit row, commit
//                             (every iteration books a different free slot)
//   create_appointment/taken  the refused path: rollback, nearest-slot search, audit row via group commit
// On SQLite (a temp file, synchronous FULL: every commit fsynced) and, when a server can be started,
// PostgreSQL (throw-away server, fsync on). See docs/PERFORMANCE.md ("Execution engine").
//
//   build/bench/execution_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include "roles/execution/service.hpp"
#include "store/availability.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/seed.hpp"
#include "store/testing/pg_server.hpp"

namespace {

using namespace aurixa;

constexpr int kDays = 60, kProviders = 10, kTimesPerDay = 20;  // 12,000 bookable slots

std::string date_of(int day) {
  std::tm tm{};
  tm.tm_year = 2031 - 1900;
  tm.tm_mon = 0;
  tm.tm_mday = 1 + day;
  tm.tm_hour = 12;
  std::time_t t = timegm(&tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

std::string time_of(int i) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", 8 + i / 2, i % 2 ? 30 : 0);
  return buf;
}

struct Fixture {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<execution::ExecutionService> service;
  int next = 0;  // next free (day, provider, time) for create_appointment

  explicit Fixture(const std::string& url) {
    dir = (std::filesystem::temp_directory_path() / ("aurixa-exec-bench-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir);
    store::DatabaseOptions o;
    o.url = url.empty() ? "sqlite:" + dir + "/aurixa.db" : url;
    o.data_dir = dir;
    db = std::make_unique<store::Database>(o);
    store::migrate(*db);
    store::SeedOptions s;
    s.password_cost.memory_kib = 1024;
    s.password_cost.time_cost = 1;
    store::seed_if_empty(*db, s);
    db->write([&](store::Tx& tx) {
      store::AvailabilityRepository slots(tx);
      for (int d = 0; d < kDays; ++d)
        for (int p = 0; p < kProviders; ++p)
          for (int t = 0; t < kTimesPerDay; ++t) {
            store::AvailabilitySlot s;
            s.tenant_id = 1;
            s.slot_date = date_of(d);
            s.start_time = time_of(t);
            s.end_time = t % 2 ? time_of(t + 1) : time_of(t).substr(0, 3) + "30";
            s.provider_name = "Dr. P" + std::to_string(p);
            slots.add(store::Scope::platform(), s);
          }
    });
    service = std::make_unique<execution::ExecutionService>(*db);
  }
  ~Fixture() {
    service.reset();
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

std::unique_ptr<Fixture>& sqlite_fixture() {
  static std::unique_ptr<Fixture> f;
  if (!f) f = std::make_unique<Fixture>("");
  return f;
}

store::testing::PgServer* pg() {
  static auto* server = new store::testing::PgServer(store::testing::PgServerOptions{.durable = true});
  return server->available() ? server : nullptr;
}

std::unique_ptr<Fixture>& pg_fixture() {
  static std::unique_ptr<Fixture> f;
  if (!f && pg()) f = std::make_unique<Fixture>(pg()->create_database("bench"));
  return f;
}

Fixture* fixture(const benchmark::State& state) {
  return state.range(0) == 0 ? sqlite_fixture().get() : pg_fixture().get();
}

CallContext tenant_ctx() {
  CallContext ctx;
  ctx.tenant_id = 1;
  return ctx;
}

void BM_GetAvailability(benchmark::State& state) {
  auto* f = fixture(state);
  if (!f) return state.SkipWithError("PostgreSQL unavailable");
  auto ctx = tenant_ctx();
  execution::ExecuteRequest req{"get_availability", {{"date", date_of(3)}}, "", ""};
  for (auto _ : state) {
    auto r = f->service->execute(req, ctx);
    if (r.status != "success") return state.SkipWithError(r.message.c_str());
    benchmark::DoNotOptimize(r);
  }
}

void BM_CreateAppointment(benchmark::State& state) {
  auto* f = fixture(state);
  if (!f) return state.SkipWithError("PostgreSQL unavailable");
  auto ctx = tenant_ctx();
  for (auto _ : state) {
    const int i = f->next++;
    if (i >= kDays * kProviders * kTimesPerDay) return state.SkipWithError("out of slots");
    const int day = i / (kProviders * kTimesPerDay), p = (i / kTimesPerDay) % kProviders, t = i % kTimesPerDay;
    execution::ExecuteRequest req{"create_appointment",
                                  {{"patient_id", std::to_string(1 + i % 2 * 2)},
                                   {"date", date_of(day)},
                                   {"start_time", time_of(t)},
                                   {"provider_name", "Dr. P" + std::to_string(p)},
                                   {"reason", "Benchmark"}},
                                  "",
                                  ""};
    auto r = f->service->execute(req, ctx);
    if (r.status != "success") return state.SkipWithError(r.message.c_str());
  }
}

void BM_CreateAppointmentTaken(benchmark::State& state) {
  auto* f = fixture(state);
  if (!f) return state.SkipWithError("PostgreSQL unavailable");
  auto ctx = tenant_ctx();
  // The first slot of day 0 is booked by BM_CreateAppointment (or here, once).
  execution::ExecuteRequest req{
      "create_appointment",
      {{"patient_id", "3"}, {"date", date_of(0)}, {"start_time", time_of(0)}, {"provider_name", "Dr. P0"}},
      "",
      ""};
  f->service->execute(req, ctx);
  for (auto _ : state) {
    auto r = f->service->execute(req, ctx);
    if (r.error_code != "slot_taken") return state.SkipWithError(r.message.c_str());
  }
}

// Arg 0 = SQLite, 1 = PostgreSQL.
BENCHMARK(BM_GetAvailability)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CreateAppointment)->Arg(0)->Arg(1)->Iterations(2000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CreateAppointmentTaken)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
