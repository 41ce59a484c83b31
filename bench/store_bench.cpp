// Store load benchmark through the real binary: appointment booking throughput (POST /api/v1/appointments)
// and admin list latency (GET /api/v1/appointments?limit=100, GET /api/v1/patients?limit=100) on
// SQLite (synchronous FULL and NORMAL) and PostgreSQL (a throw-away server with fsync on).
// Prints markdown tables for docs/PERFORMANCE.md ("Store").
//
//   build/bench/store_bench [--seconds N] [--connections C] [--backends sqlite-full,sqlite-normal,postgresql]
//
// Each booking hits a distinct provider/time, so the numbers measure the write path (transaction, lock,
// overlap check, insert, audit row, commit/fsync), not conflicts. Unknown --benchmark_* flags are
// ignored so `make bench` can run it like the Google Benchmark programs.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "store/testing/pg_server.hpp"

namespace {

using namespace aurixa;
using Clock = std::chrono::steady_clock;

struct Result {
  double rps = 0;
  double p50 = 0, p95 = 0, p99 = 0;  // ms
  long errors = 0;
};

double pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  return v[i];
}

// Runs `connections` threads issuing make_request(thread, seq) for `seconds`.
template <class F>
Result load(HttpClient& client, int connections, double seconds, F make_request) {
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(connections));
  std::atomic<long> errors{0};
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < connections; ++t)
    threads.emplace_back([&, t] {
      for (long seq = 0; Clock::now() < end; ++seq) {
        ClientRequest r = make_request(t, seq);
        auto t0 = Clock::now();
        try {
          auto res = client.request(r);
          if (res.status != 200) ++errors;
        } catch (const std::exception&) {
          ++errors;
        }
        lat[static_cast<std::size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  for (auto& th : threads) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  Result r;
  r.rps = static_cast<double>(all.size()) / elapsed;
  r.p50 = pct(all, 0.50);
  r.p95 = pct(all, 0.95);
  r.p99 = pct(all, 0.99);
  r.errors = errors;
  return r;
}

struct Backend {
  std::string name;
  std::map<std::string, std::string> env;
};

void row(const std::string& backend, const std::string& what, int connections, const Result& r) {
  std::printf("| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %ld |\n", backend.c_str(), what.c_str(), connections, r.rps,
              r.p50, r.p95, r.p99, r.errors);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 5;
  int connections = 16;
  std::string wanted = "sqlite-full,sqlite-normal,postgresql";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seconds" && i + 1 < argc)
      seconds = std::atof(argv[++i]);
    else if (a == "--connections" && i + 1 < argc)
      connections = std::atoi(argv[++i]);
    else if (a == "--backends" && i + 1 < argc)
      wanted = argv[++i];
  }
  if (!std::getenv("AURIXA_BIN")) setenv("AURIXA_BIN", AURIXA_BIN_PATH, 0);

  std::unique_ptr<store::testing::PgServer> pg;
  std::vector<Backend> backends;
  if (wanted.find("sqlite-full") != std::string::npos)
    backends.push_back({"SQLite (synchronous=FULL)", {{"AURIXA_SQLITE_SYNCHRONOUS", "FULL"}}});
  if (wanted.find("sqlite-normal") != std::string::npos)
    backends.push_back({"SQLite (synchronous=NORMAL)", {{"AURIXA_SQLITE_SYNCHRONOUS", "NORMAL"}}});
  if (wanted.find("postgresql") != std::string::npos) {
    pg = std::make_unique<store::testing::PgServer>(store::testing::PgServerOptions{.durable = true});
    if (pg->available())
      backends.push_back({"PostgreSQL 15 (fsync on)", {{"DATABASE_URL", pg->create_database("bench")}}});
    else
      std::fprintf(stderr, "store_bench: PostgreSQL skipped: %s\n", pg->error().c_str());
  }

  std::printf("| back-end | request | connections | req/s | p50 ms | p95 ms | p99 ms | errors |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const auto& b : backends) {
    const std::string dir = testing::make_temp_dir("aurixa-store-bench");
    auto env = testing::default_test_env(dir);
    env["AURIXA_ACCESS_LOG"] = "false";
    env["AURIXA_LOG_LEVEL"] = "warn";
    env["AURIXA_DB_POOL_SIZE"] = "16";
    for (const auto& [k, v] : b.env) env[k] = v;
    testing::ServerProcess server({"serve", "--port", "0", "--roles", "orchestration"}, env);
    HttpClient client;

    auto booking = [&](int t, long seq) {
      // Thread t owns provider "Dr. Load t"; seq walks half-hour slots from 2040-01-01 on.
      long day = seq / 48, slot = seq % 48;
      char date[16], time[8];
      std::snprintf(date, sizeof date, "2040-%02ld-%02ld", 1 + (day / 28) % 12, 1 + day % 28);
      std::snprintf(time, sizeof time, "%02ld:%02ld", slot / 2, (slot % 2) * 30);
      ClientRequest r;
      r.method = "POST";
      r.url = server.url("/api/v1/appointments");
      r.headers.set("Content-Type", "application/json");
      std::ostringstream body;
      body << R"({"patient_id":1,"provider_name":"Dr. Load )" << t << " " << (seq / (48 * 28 * 12)) << R"(","date":")"
           << date << R"(","start_time":")" << time << R"("})";
      r.body = body.str();
      return r;
    };
    auto getter = [&](const std::string& path) {
      return [&server, path](int, long) {
        ClientRequest r;
        r.url = server.url(path);
        return r;
      };
    };
    row(b.name, "POST /api/v1/appointments (book)", 1, load(client, 1, seconds, booking));
    row(b.name, "POST /api/v1/appointments (book)", connections,
        load(client, connections, seconds, [&](int t, long s) { return booking(t + 1, s); }));
    row(b.name, "GET /api/v1/appointments?limit=100", connections,
        load(client, connections, seconds, getter("/api/v1/appointments?limit=100")));
    row(b.name, "GET /api/v1/patients?limit=100", connections,
        load(client, connections, seconds, getter("/api/v1/patients?limit=100")));
    row(b.name, "GET /api/v1/tenants", connections, load(client, connections, seconds, getter("/api/v1/tenants")));
    server.stop(15);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  return 0;
}
