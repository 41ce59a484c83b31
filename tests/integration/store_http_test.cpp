// Store guarantees seen from outside the binary: concurrent bookings, idempotent retries, durability
// across kill -9, tenant isolation, and the audit trail of patient data.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <atomic>
#include <mutex>

#include <cstdio>
#include <thread>
#include <tuple>

#include "store_http_fixture.hpp"

namespace aurixa::testing {
namespace {

namespace bj = boost::json;

class StoreGuarantees : public StoreHttp {};

TEST_P(StoreGuarantees, HundredConcurrentBookingsOfOneSlotCreateExactlyOne) {
  constexpr int kRequests = 100;
  const std::string body = bj::serialize(bj::object{{"patient_id", 3},
                                                    {"date", "2032-01-15"},
                                                    {"start_time", "10:00"},
                                                    {"provider_name", "Dr. Bell"},
                                                    {"reason", "Race"}});
  std::atomic<int> ok{0}, conflict{0};
  std::vector<int> other;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&] {
      ClientRequest r;
      r.method = "POST";
      r.url = server->url("/api/v1/appointments");
      r.body = body;
      r.headers.set("Content-Type", "application/json");
      int status = 0;
      try {  // never let an exception escape a thread (std::terminate)
        status = client.request(r).status;
      } catch (const std::exception&) {
        status = -1;
      }
      if (status == 200)
        ++ok;
      else if (status == 409)
        ++conflict;
      else {
        std::lock_guard lock(mu);
        other.push_back(status);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflict.load(), kRequests - 1);
  EXPECT_TRUE(other.empty()) << "unexpected status " << other.front();
  EXPECT_EQ(get("/api/v1/appointments?date_from=2032-01-15&date_to=2032-01-15").arr().size(), 1u);
  // Every refused attempt left an audit row with its outcome.
  EXPECT_EQ(get("/api/v1/audit?action=Appointment%20Created&outcome=conflict&limit=1000").arr().size(), 99u);
}

TEST_P(StoreGuarantees, IdempotentRetryReturnsTheFirstResultAndWritesOnce) {
  http::Headers h;
  h.set("Idempotency-Key", "create-dana-1");
  const std::string body = R"({"full_name":"Dana Fox","tenant_id":2})";
  auto first = call("POST", "/api/v1/patients", body, h);
  ASSERT_EQ(first.status, 200);
  EXPECT_FALSE(first.headers.contains("Idempotent-Replayed"));
  auto retry = call("POST", "/api/v1/patients", body, h);
  ASSERT_EQ(retry.status, 200);
  EXPECT_EQ(retry.headers.get("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(bj::serialize(retry.body), bj::serialize(first.body));
  EXPECT_EQ(get("/api/v1/patients").arr().size(), 6u);  // one new patient, not two
  EXPECT_EQ(get("/api/v1/audit?action=Patient%20Created").arr().size(), 1u);
  // The same key with another body is refused; a new key writes again.
  auto misuse = call("POST", "/api/v1/patients", R"({"full_name":"Someone Else","tenant_id":2})", h);
  EXPECT_EQ(misuse.status, 422);
  EXPECT_EQ(misuse.detail_field(), "Idempotency-Key");
  h.set("Idempotency-Key", "create-dana-2");
  EXPECT_EQ(call("POST", "/api/v1/patients", R"({"full_name":"Dana Fox Jr","tenant_id":2})", h).status, 200);
  EXPECT_EQ(get("/api/v1/patients").arr().size(), 7u);
}

TEST_P(StoreGuarantees, ConcurrentRetriesOfOneBookingBookOnce) {
  http::Headers h;
  h.set("Idempotency-Key", "book-once");
  const std::string body = R"({"patient_id":1,"date":"2032-02-02","start_time":"09:00","provider_name":"Dr. Chen"})";
  std::vector<std::thread> threads;
  std::vector<Reply> replies(20);
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      try {  // never let an exception escape a thread (std::terminate)
        replies[i] = call("POST", "/api/v1/appointments", body, h);
      } catch (const std::exception& e) {
        replies[i].status = -1;
        replies[i].body = boost::json::string(e.what());
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& r : replies) {
    ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
    ASSERT_TRUE(r.body.is_object());
    EXPECT_EQ(r.obj().at("id"), replies[0].obj().at("id"));
  }
  EXPECT_EQ(get("/api/v1/appointments?date_from=2032-02-02&date_to=2032-02-02").arr().size(), 1u);
}

TEST_P(StoreGuarantees, AcknowledgedWritesSurviveKill9) {
  auto patient = post("/api/v1/patients", bj::object{{"full_name", "Durable Dora"}, {"tenant_id", 1}});
  ASSERT_EQ(patient.status, 200);
  auto appt = post("/api/v1/appointments", bj::object{{"patient_id", patient.obj().at("id")}, {"date", "2032-03-03"}});
  ASSERT_EQ(appt.status, 200);
  const auto id = patient.obj().at("id").as_int64();
  EXPECT_EQ(server->stop(9), 128 + 9);  // SIGKILL: no shutdown path runs
  start_server();                       // same store, fresh process
  auto again = get("/api/v1/patients/" + std::to_string(id));
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.obj().at("fullName"), "Durable Dora");
  EXPECT_EQ(get("/api/v1/patients/" + std::to_string(id) + "/appointments").arr().size(), 1u);
  EXPECT_EQ(get("/api/v1/tenants").arr().size(), 7u);  // restart did not re-seed
}

TEST_P(StoreGuarantees, Kill9InTheMiddleOfAWriteBurstLosesNoAcknowledgedWrite) {
  if (GetParam() == store::Backend::sqlite) start_server({{"AURIXA_SQLITE_SYNCHRONOUS", "NORMAL"}});
  std::atomic<bool> stop{false};
  std::vector<std::int64_t> acknowledged;
  std::mutex mu;
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      try {
        auto r = post("/api/v1/patients", bj::object{{"full_name", "Burst " + std::to_string(i)}, {"tenant_id", 1}});
        if (r.status != 200) break;
        std::lock_guard lock(mu);
        acknowledged.push_back(r.obj().at("id").as_int64());
      } catch (const std::exception&) {
        break;  // the server died mid-request: that write was never acknowledged
      }
    }
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 20) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  server->stop(9);
  stop = true;
  writer.join();
  start_server();
  ASSERT_GE(acknowledged.size(), 20u);
  for (auto id : acknowledged) EXPECT_EQ(get("/api/v1/patients/" + std::to_string(id)).status, 200) << id;
}

TEST_P(StoreGuarantees, TenantScopeHidesOtherTenantsPatients) {
  // Jane Smith (patient 2) belongs to tenant 2.
  EXPECT_EQ(get("/api/v1/patients/2?tenant_id=2").status, 200);
  EXPECT_EQ(get("/api/v1/patients/2?tenant_id=1").status, 404);
  EXPECT_TRUE(get("/api/v1/patients/2/appointments?tenant_id=1").arr().empty());
  auto tenant1 = get("/api/v1/patients?tenant_id=1");
  for (const auto& p : tenant1.arr()) EXPECT_EQ(p.at("tenantId"), 1);
  // Writing tenant 1's patient into a tenant 2 appointment is refused.
  EXPECT_EQ(post("/api/v1/appointments", bj::object{{"patient_id", 1}, {"tenant_id", 2}}).status, 422);
}

TEST_P(StoreGuarantees, EveryPatientDataAccessIsAudited) {
  ASSERT_EQ(get("/api/v1/patients/1").status, 200);
  ASSERT_EQ(get("/api/v1/patients/404").status, 404);
  ASSERT_EQ(get("/api/v1/patients/1/appointments").status, 200);
  auto viewed = get("/api/v1/audit?resource_type=patient&resource_id=1");
  ASSERT_EQ(viewed.arr().size(), 2u);
  EXPECT_EQ(viewed.arr()[0].at("action"), "Patient Appointments Viewed");
  EXPECT_EQ(viewed.arr()[1].at("action"), "Patient Viewed");
  EXPECT_EQ(viewed.arr()[1].at("outcome"), "success");
  EXPECT_EQ(viewed.arr()[1].at("tenantId"), 1);
  EXPECT_FALSE(viewed.arr()[1].at("requestId").as_string().empty());
  auto missing = get("/api/v1/audit?resource_id=404");
  ASSERT_EQ(missing.arr().size(), 1u);
  EXPECT_EQ(missing.arr()[0].at("outcome"), "not_found");
  // The request id ties an audit row to the request that caused it.
  http::Headers h;
  h.set("X-Request-Id", "req-audit-123");
  ASSERT_EQ(call("GET", "/api/v1/patients/3", "", h).status, 200);
  auto tied = get("/api/v1/audit?limit=1&resource_id=3");
  EXPECT_EQ(tied.arr()[0].at("requestId"), "req-audit-123");
}

// `aurixa migrate` and `aurixa seed` against the same kind of store the server uses.
class StoreCommands : public ::testing::TestWithParam<store::Backend> {
 protected:
  // Runs the binary with args and returns {exit code, stdout}.
  std::pair<int, std::string> run(const std::string& args) {
    std::string env = "AURIXA_DATA_DIR='" + dir_ + "' AURIXA_LOG_LEVEL=warn";
    if (!url_.empty()) env += " DATABASE_URL='" + url_ + "'";
    FILE* p = ::popen((env + " '" + aurixa_bin() + "' " + args + " 2>&1").c_str(), "r");
    std::string out;
    char buf[512];
    while (p && std::fgets(buf, sizeof buf, p)) out += buf;
    int status = p ? ::pclose(p) : -1;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  void SetUp() override {
    dir_ = make_temp_dir("aurixa-store-cli");
    if (GetParam() == store::Backend::postgresql) {
      if (!pg_server().available()) GTEST_SKIP() << "PostgreSQL unavailable: " << pg_server().error();
      url_ = pg_server().create_database("cli");
    }
  }
  std::string dir_, url_;
};

TEST_P(StoreCommands, MigrateThenSeedAreRepeatable) {
  auto [code, out] = run("migrate");
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("applied 0001_core_schema"), std::string::npos) << out;
  std::tie(code, out) = run("migrate");
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("(0 migrations applied)"), std::string::npos) << out;
  std::tie(code, out) = run("seed");
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("demo data loaded"), std::string::npos) << out;
  EXPECT_NE(out.find("availability_slots         63"), std::string::npos) << out;
  EXPECT_NE(out.find("admin@aurixa.io"), std::string::npos) << out;
  std::tie(code, out) = run("seed");
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("already has data"), std::string::npos) << out;
}

TEST_P(StoreCommands, UnreachableDatabaseIsAReadableError) {
  if (GetParam() == store::Backend::sqlite) GTEST_SKIP() << "PostgreSQL only";
  url_ = "postgresql://nobody@127.0.0.1:1/none";
  auto [code, out] = run("migrate");
  EXPECT_EQ(code, 1);
  EXPECT_NE(out.find("cannot open database postgresql://nobody@127.0.0.1:1/none"), std::string::npos) << out;
}

AURIXA_HTTP_BACKENDS(StoreGuarantees);
AURIXA_HTTP_BACKENDS(StoreCommands);

}  // namespace
}  // namespace aurixa::testing
