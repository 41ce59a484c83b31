// The execution role over HTTP against the real binary: `--roles execution` alone (SQLite and a throw-away
// PostgreSQL) and all-in-one behind the gateway. Covers the /execute and /actions contract, concurrent
// booking of one slot (exactly one success, the other slot_taken with options), idempotent replays, the
// audit rows, and the portal routes over the records the engine writes (refill requests, staff tasks).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <thread>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/execution/api.hpp"
#include "roles/execution/client.hpp"
#include "store/audit.hpp"
#include "store/database.hpp"
#include "store_http_fixture.hpp"

namespace aurixa::testing {
namespace {

namespace bj = boost::json;

std::string local_date(int days_ahead) {
  std::time_t t = std::time(nullptr) + days_ahead * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bj::object execute_body(const std::string& action, bj::object params, const std::string& key = "") {
  bj::object o{{"action_name", action}, {"params", std::move(params)}};
  if (!key.empty()) o["idempotency_key"] = key;
  return o;
}

// ---- `--roles execution` alone, on both back-ends ----

class ExecutionHttp : public StoreHttp {
 protected:
  void SetUp() override {
    dir = make_temp_dir("aurixa-exec-http");
    if (GetParam() == store::Backend::postgresql) {
      auto& pg = pg_server();
      if (!pg.available()) GTEST_SKIP() << "PostgreSQL unavailable: " << pg.error();
      database_url = pg.create_database("exec");
    }
    auto env = default_test_env(dir);
    env["AURIXA_ACCESS_LOG"] = "false";
    env["AURIXA_LOG_LEVEL"] = "warn";
    if (!database_url.empty()) env["DATABASE_URL"] = database_url;
    server =
        std::make_unique<ServerProcess>(std::vector<std::string>{"serve", "--port", "0", "--roles", "execution"}, env);
  }
  Reply execute(const std::string& action, bj::object params, const std::string& key = "") {
    return post("/api/v1/execute", execute_body(action, std::move(params), key));
  }
  Reply book(int patient, const std::string& time, const std::string& key = "") {
    return execute("create_appointment",
                   {{"patient_id", patient},
                    {"date", local_date(1)},
                    {"start_time", time},
                    {"provider_name", "Dr. Bell"},
                    {"reason", "Checkup"}},
                   key);
  }
  // The store the server uses, opened from the test (read-only use).
  std::int64_t audit_count(const std::string& action, const std::string& outcome) {
    store::DatabaseOptions o;
    o.url = database_url.empty() ? "sqlite:" + dir + "/aurixa.db" : database_url;
    o.data_dir = dir;
    o.pool_size = 1;
    store::Database db(o);
    store::AuditFilter f;
    f.action = action;
    f.outcome = outcome;
    return db.read([&](store::Tx& tx) { return store::AuditRepository(tx).count(store::Scope::platform(), f); });
  }
};

TEST_P(ExecutionHttp, CreateAppointmentReturnsTheOriginalTextAndStructuredFieldsAndIsAudited) {
  auto r = book(1, "10:00");
  ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
  const auto& o = r.obj();
  EXPECT_EQ(o.at("status"), "success");
  EXPECT_TRUE(o.at("error_message").is_null());
  const auto& result = o.at("result").as_object();
  const std::string id(result.at("appointment_id").as_string());
  EXPECT_EQ(result.at("confirmation"), ("APT-" + id).c_str());
  EXPECT_TRUE(
      std::string(result.at("message").as_string()).starts_with("Appointment created for Checkup. Confirmation: APT-"));
  EXPECT_EQ(result.at("time"), "10:00");
  EXPECT_EQ(result.at("provider"), "Dr. Bell");
  EXPECT_EQ(o.at("replayed"), false);
  EXPECT_EQ(audit_count("Appointment Created", "success"), 1);
}

TEST_P(ExecutionHttp, TwoConcurrentBookingsOfOneSlotGiveOneSuccessAndOneSlotTakenWithOptions) {
  std::vector<Reply> replies(2);
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      HttpClient own;  // one connection each, so the two requests really race
      ClientRequest req;
      req.method = "POST";
      req.url = server->url("/api/v1/execute");
      req.headers.set("Content-Type", "application/json");
      req.body = bj::serialize(execute_body("create_appointment", {{"patient_id", i == 0 ? 1 : 3},
                                                                   {"date", local_date(1)},
                                                                   {"start_time", "14:00"},
                                                                   {"provider_name", "Dr. Bell"}}));
      auto res = own.request(req);
      replies[i].status = res.status;
      replies[i].body = bj::parse(res.body);
    });
  for (auto& t : threads) t.join();
  int ok = 0, taken = 0;
  for (const auto& r : replies) {
    ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
    if (r.obj().at("status") == "success") {
      ++ok;
    } else {
      EXPECT_EQ(r.obj().at("error_code"), "slot_taken") << bj::serialize(r.body);
      EXPECT_FALSE(r.obj().at("options").as_array().empty());
      const auto& first = r.obj().at("options").as_array()[0].as_object();
      EXPECT_EQ(first.at("provider"), "Dr. Bell");
      EXPECT_TRUE(first.contains("date") && first.contains("time"));
      ++taken;
    }
  }
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(taken, 1);
  EXPECT_EQ(audit_count("Appointment Created", "success"), 1);
  EXPECT_EQ(audit_count("Appointment Created", "conflict"), 1);
}

TEST_P(ExecutionHttp, IdempotencyKeyHeaderReplaysAndADifferentBodyIs422) {
  auto body = bj::serialize(execute_body(
      "create_appointment",
      {{"patient_id", "1"}, {"date", local_date(2)}, {"start_time", "09:00"}, {"provider_name", "Dr. Chen"}}));
  http::Headers h;
  h.set("Idempotency-Key", "retry-1");
  auto first = call("POST", "/api/v1/execute", body, h);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(first.obj().at("status"), "success") << bj::serialize(first.body);
  auto second = call("POST", "/api/v1/execute", body, h);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(second.obj().at("replayed"), true);
  EXPECT_EQ(second.obj().at("result").at("appointment_id"), first.obj().at("result").at("appointment_id"));
  EXPECT_EQ(audit_count("Appointment Created", "success"), 1);
  auto other =
      call("POST", "/api/v1/execute",
           bj::serialize(execute_body("create_appointment", {{"patient_id", "1"}, {"start_time", "10:00"}})), h);
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.detail_field(), "idempotency_key");
}

TEST_P(ExecutionHttp, UnknownActionIs404AndMalformedBodiesAre422NamingTheField) {
  auto unknown = execute("launch_rocket", {});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.obj().at("detail"), "Action 'launch_rocket' not found.");
  auto no_name = post("/api/v1/execute", bj::object{{"params", bj::object{}}});
  EXPECT_EQ(no_name.status, 422);
  EXPECT_EQ(no_name.detail_field(), "action_name");
  auto bad_params = post("/api/v1/execute", bj::object{{"action_name", "get_appointments"}, {"params", "x"}});
  EXPECT_EQ(bad_params.status, 422);
  EXPECT_EQ(bad_params.detail_field(), "params");
  auto invalid = execute("get_appointments", {{"patient_id", "abc"}});
  ASSERT_EQ(invalid.status, 200);
  EXPECT_EQ(invalid.obj().at("status"), "error");
  EXPECT_EQ(invalid.obj().at("error_code"), "invalid_params");
  EXPECT_EQ(invalid.obj().at("error_field"), "patient_id");
  EXPECT_EQ(invalid.obj().at("error_message"), "Invalid patient ID: abc");
}

TEST_P(ExecutionHttp, ActionsListNamesSortedAndDefinitions) {
  auto r = get("/api/v1/actions");
  ASSERT_EQ(r.status, 200);
  const auto& names = r.obj().at("actions").as_array();
  ASSERT_GE(names.size(), 11u);
  for (std::size_t i = 1; i < names.size(); ++i) EXPECT_LT(names[i - 1].as_string(), names[i].as_string());
  bool found = false;
  for (const auto& d : r.obj().at("definitions").as_array())
    if (d.at("name") == "create_appointment") {
      found = true;
      EXPECT_EQ(d.at("writes"), true);
      EXPECT_EQ(d.at("parameters").at("type"), "object");
      EXPECT_TRUE(d.at("parameters").at("properties").as_object().contains("start_time"));
    }
  EXPECT_TRUE(found);
}

TEST_P(ExecutionHttp, TenantFromTheCallersIdentityScopesPatients) {
  // Without a gateway the process trusts identity headers (no internal token configured).
  http::Headers h;
  h.set("X-Aurixa-Role", "reception");
  h.set("X-Aurixa-Principal", "u-9");
  h.set("X-Aurixa-Tenant", "2");
  auto r = call("POST", "/api/v1/execute", bj::serialize(execute_body("get_appointments", {{"patient_id", 1}})), h);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.obj().at("error_code"), "not_found");
}

TEST_P(ExecutionHttp, SplitModeClientIsTheSameApiOverHttp) {
  HttpClient http;
  auto api = execution::make_client(http, server->url(""));
  CallContext ctx;
  ctx.tenant_id = 1;
  ctx.principal = {"u-1", "reception", std::nullopt, std::nullopt};
  // Day +4: the seed books Dr. Adams tomorrow at the seeding time of day, which can take tomorrow's 09:00 slot.
  const std::string day = local_date(4);
  auto r = api->execute({"get_availability", {{"date", day}, {"provider_name", "Dr. Adams"}}, "", ""}, ctx);
  EXPECT_EQ(r.status, "success");
  EXPECT_EQ(r.data.at("count"), "3");
  EXPECT_EQ(r.options.size(), 3u);
  auto refused = api->execute({"create_appointment", {{"patient_id", "2"}, {"start_time", "09:00"}}, "", ""}, ctx);
  EXPECT_EQ(refused.error_code, "not_found");  // tenant 2's patient, seen from tenant 1
  auto booked = api->execute(
      {"create_appointment", {{"patient_id", "1"}, {"start_time", "09:00"}, {"date", day}}, "k-9", ""}, ctx);
  ASSERT_EQ(booked.status, "success") << booked.message;
  auto replay = api->execute(
      {"create_appointment", {{"patient_id", "1"}, {"start_time", "09:00"}, {"date", day}}, "k-9", ""}, ctx);
  EXPECT_TRUE(replay.replayed);
  EXPECT_EQ(replay.data.at("appointment_id"), booked.data.at("appointment_id"));
  try {
    api->execute({"nope", {}, "", ""}, ctx);
    FAIL() << "expected 404";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(std::string(e.detail()), "Action 'nope' not found.");
  }
  EXPECT_GE(api->actions().size(), 11u);
}

AURIXA_HTTP_BACKENDS(ExecutionHttp);

// ---- all roles in one process, through the gateway ----

class ExecutionAllInOne : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(make_temp_dir("aurixa-exec-all"));
    auto env = default_test_env(*dir_);
    env["AURIXA_ACCESS_LOG"] = "false";
    env["AURIXA_LOG_LEVEL"] = "warn";
    server_ = new ServerProcess({"serve", "--port", "0"}, env);
  }
  static void TearDownTestSuite() {
    delete server_;
    std::error_code ec;
    std::filesystem::remove_all(*dir_, ec);
    delete dir_;
  }
  Reply call(const std::string& method, const std::string& path, const std::string& body = "") {
    ClientRequest r;
    r.method = method;
    r.url = server_->url(path);
    if (!body.empty()) {
      r.body = body;
      r.headers.set("Content-Type", "application/json");
    }
    auto res = client_.request(r);
    Reply out;
    out.status = res.status;
    out.body = res.body.empty() ? bj::value() : bj::parse(res.body);
    return out;
  }
  Reply execute(const std::string& action, bj::object params) {
    return call("POST", "/api/v1/execute/execute", bj::serialize(execute_body(action, std::move(params))));
  }
  static std::string* dir_;
  static ServerProcess* server_;
  HttpClient client_;
};
std::string* ExecutionAllInOne::dir_ = nullptr;
ServerProcess* ExecutionAllInOne::server_ = nullptr;

TEST_F(ExecutionAllInOne, ExecuteAndActionsThroughTheGateway) {
  auto actions = call("GET", "/api/v1/execute/actions");
  ASSERT_EQ(actions.status, 200);
  EXPECT_GE(actions.body.at("actions").as_array().size(), 11u);
  auto r = execute("get_availability", {{"date", "tomorrow"}});
  ASSERT_EQ(r.status, 200) << bj::serialize(r.body);
  EXPECT_EQ(r.body.at("status"), "success");
  EXPECT_TRUE(std::string(r.body.at("result").at("message").as_string()).starts_with("Available slots for "));
}

TEST_F(ExecutionAllInOne, RefillRequestIsVisibleInThePortalRoutes) {
  auto r = execute("request_prescription_refill",
                   {{"patient_id", 3}, {"medication_name", "amlodipine"}, {"pharmacy", "Corner Pharmacy"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body.at("status"), "success") << bj::serialize(r.body);
  auto refills = call("GET", "/api/v1/admin/patients/3/refill-requests");
  ASSERT_EQ(refills.status, 200) << bj::serialize(refills.body);
  ASSERT_EQ(refills.body.as_array().size(), 1u);
  EXPECT_EQ(refills.body.as_array()[0].at("pharmacy"), "Corner Pharmacy");
  EXPECT_EQ(refills.body.as_array()[0].at("status"), "pending");
  auto rx = call("GET", "/api/v1/admin/patients/3/prescriptions");
  ASSERT_EQ(rx.status, 200);
  ASSERT_EQ(rx.body.as_array().size(), 1u);
  EXPECT_EQ(rx.body.as_array()[0].at("status"), "refill_requested");
  EXPECT_EQ(rx.body.as_array()[0].at("refillsRemaining"), 2);
  EXPECT_EQ(call("GET", "/api/v1/admin/patients/999/prescriptions").status, 404);
}

TEST_F(ExecutionAllInOne, HandoffBecomesATaskStaffCanWorkThrough) {
  auto r = execute(
      "handoff_to_staff",
      {{"patient_id", 1}, {"reason", "Wants to talk to a person"}, {"priority", "high"}, {"session_id", "s-9"}});
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.body.at("status"), "success") << bj::serialize(r.body);
  const auto task_id = std::stoll(std::string(r.body.at("result").at("task_id").as_string()));
  auto open = call("GET", "/api/v1/admin/tasks?status=open&kind=handoff&tenant_id=1");
  ASSERT_EQ(open.status, 200) << bj::serialize(open.body);
  bool listed = false;
  for (const auto& t : open.body.as_array())
    if (t.at("id").as_int64() == task_id) {
      listed = true;
      EXPECT_EQ(t.at("priority"), "high");
      EXPECT_EQ(t.at("sessionId"), "s-9");
    }
  EXPECT_TRUE(listed);
  auto done = call("PATCH", "/api/v1/admin/tasks/" + std::to_string(task_id), R"({"status":"done"})");
  ASSERT_EQ(done.status, 200) << bj::serialize(done.body);
  EXPECT_EQ(done.body.at("status"), "done");
  auto reopen = call("PATCH", "/api/v1/admin/tasks/" + std::to_string(task_id), R"({"status":"open"})");
  EXPECT_EQ(reopen.status, 409);
  auto bad = call("GET", "/api/v1/admin/tasks?status=closed");
  EXPECT_EQ(bad.status, 422);
}

}  // namespace
}  // namespace aurixa::testing
