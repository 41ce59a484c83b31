// The permission matrix over HTTP: every gateway route family (the service prefixes, the admin API, the
// generic orchestration prefix, the OpenAI surface) x every role x the caller's own tenant / another tenant,
// against the real binary with authentication on. The policy is stated here, independently of the product's
// table (src/roles/gateway/permissions.cpp), from issue #10:
//   platform_admin  everything, every tenant
//   tenant_admin    everything inside its own tenant, nothing platform-wide (tenants, platform config, cache)
//   doctor, nurse   clinical data (patients and what hangs under them, analytics, knowledge), LLM and RAG
//   reception       appointments and patients' contact data (not their conversations, prescriptions, refills)
//   scheduler       availability and appointments (and the patients they are for)
//   patient         conversations and voice, and only their own record, read-only
//   api_client      the service APIs (pipelines, llm, rag, safety validate, agents, execute, voice), knowledge
//                   reads; no admin data
// and tenant isolation: another tenant's record is not found (404), never shown and never written.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/gateway/jwt.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
using testing::ServerProcess;

const std::string kSecret = "permission-matrix-secret-0123456789abcdef";

// The columns of every expectation string, in this order.
constexpr const char* kRoles[] = {"platform_admin", "tenant_admin", "doctor",  "nurse",
                                  "reception",      "scheduler",    "patient", "api_client"};
constexpr int kRoleCount = 8;

// One character per role:
//   A  allowed: 2xx
//   D  denied by role: 403
//   H  hidden: another tenant's record -> 404
//   X  a write naming another tenant in its body: refused (403, 404 or 422 naming tenant_id), never 2xx
struct Row {
  const char* method;
  const char* path;  // {own_article} {other_article} {own_appt} {other_appt} {n}: filled per request
  const char* body;
  const char* expect;
};

// clang-format off
const Row kMatrix[] = {
  //                                                                                     PA TA Dr Nu Re Sc Pa Api
  {"GET",    "/api/v1/auth/me",                               "",                                      "AAAAAAAA"},
  // Conversations (pipelines) and voice: everyone signed in.
  {"POST",   "/api/v1/orchestration/pipelines",               R"({"prompt":"What are your opening hours?"})", "AAAAAAAA"},
  {"POST",   "/api/v1/orchestration/pipelines/stream",        R"({"prompt":"What are your opening hours?"})", "AAAAAAAA"},
  {"POST",   "/api/v1/orchestration/intents/classify",        R"({"text":"I need an appointment"})",   "AAAAAADA"},
  {"GET",    "/api/v1/orchestration/pipelines/cache",         "",                                      "ADDDDDDD"},
  {"GET",    "/api/v1/voice/capabilities",                    "",                                      "AAAAAAAA"},
  {"POST",   "/api/v1/voice/tts",                             R"({"text":"Hello"})",                   "AAAAAAAA"},
  // Service prefixes.
  {"POST",   "/api/v1/llm/route",                             R"({"prompt":"hello"})",                 "AAAADDDA"},
  {"GET",    "/api/v1/llm/models",                            "",                                      "AAAADDDA"},
  {"GET",    "/v1/models",                                    "",                                      "AADDDDDA"},
  {"POST",   "/api/v1/rag/retrieve",                          R"({"prompt":"hours","top_k":2,"tenant_id":1})", "AAAAAADA"},
  {"POST",   "/api/v1/safety/validate",                       R"({"text":"Hello"})",                   "AAAAAADA"},
  {"GET",    "/api/v1/safety/safety/policies/1",              "",                                      "AADDDDDD"},
  {"GET",    "/api/v1/safety/safety/policies/2",              "",                                      "AHDDDDDD"},
  {"PUT",    "/api/v1/safety/safety/policies/1",              R"({"pii_mode":"redact"})",              "AADDDDDD"},
  {"PUT",    "/api/v1/safety/safety/policies/2",              R"({"pii_mode":"redact"})",              "AHDDDDDD"},
  {"POST",   "/api/v1/agents/run",                            R"({"task":{"prompt":"weather in Boston"}})", "AADDDDDA"},
  {"GET",    "/api/v1/execute/actions",                       "",                                      "AADDAADA"},
  {"POST",   "/api/v1/execute/execute",                       R"({"action_name":"get_appointments","params":{"patient_id":1}})", "AADDAADA"},
  {"GET",    "/api/v1/observe/reports/performance",           "",                                      "AADDDDDD"},
  // Tenants and platform configuration.
  {"GET",    "/api/v1/admin/tenants",                         "",                                      "AADDDDDD"},
  {"GET",    "/api/v1/admin/tenants/1",                       "",                                      "AADDDDDD"},
  {"GET",    "/api/v1/admin/tenants/2",                       "",                                      "AHDDDDDD"},
  {"PATCH",  "/api/v1/admin/tenants/1",                       R"({"status":"active"})",                "AADDDDDD"},
  {"PATCH",  "/api/v1/admin/tenants/2",                       R"({"status":"active"})",                "AHDDDDDD"},
  {"POST",   "/api/v1/admin/tenants",                         R"({"name":"Matrix Clinic {n}"})",       "ADDDDDDD"},
  {"GET",    "/api/v1/admin/audit",                           "",                                      "AADDDDDD"},
  {"GET",    "/api/v1/admin/analytics/summary",               "",                                      "AAAADDDD"},
  {"GET",    "/api/v1/admin/config/summary",                  "",                                      "AADDDDDD"},
  {"GET",    "/api/v1/admin/config/detail",                   "",                                      "AADDDDDD"},
  {"PATCH",  "/api/v1/admin/config/{config_key}",             R"({"value":"{config_value}"})",         "ADDDDDDD"},
  // Patients: contact data for front-desk roles, clinical data for clinicians, own record for the patient.
  {"GET",    "/api/v1/admin/patients",                        "",                                      "AAAAAADD"},
  {"GET",    "/api/v1/admin/patients/1",                      "",                                      "AAAAAAAD"},
  {"GET",    "/api/v1/admin/patients/3",                      "",                                      "AAAAAADD"},
  {"GET",    "/api/v1/admin/patients/2",                      "",                                      "AHHHHHDD"},
  {"GET",    "/api/v1/orchestration/patients/2",              "",                                      "AHHHHHDD"},
  {"GET",    "/api/v1/admin/patients/1/appointments",         "",                                      "AAAAAAAD"},
  {"GET",    "/api/v1/admin/patients/1/conversations",        "",                                      "AAAADDAD"},
  {"GET",    "/api/v1/admin/patients/1/prescriptions",        "",                                      "AAAADDAD"},
  {"GET",    "/api/v1/admin/patients/1/refill-requests",      "",                                      "AAAADDAD"},
  {"GET",    "/api/v1/admin/patients/3/prescriptions",        "",                                      "AAAADDDD"},
  {"GET",    "/api/v1/admin/patients/2/prescriptions",        "",                                      "AHHHDDDD"},
  {"POST",   "/api/v1/admin/patients",                        R"({"full_name":"Matrix Patient {n}"})", "AADDADDD"},
  {"POST",   "/api/v1/admin/patients",                        R"({"full_name":"Matrix Patient {n}","tenant_id":2})", "AXDDXDDD"},
  // Appointments and staff work.
  {"GET",    "/api/v1/admin/appointments",                    "",                                      "AAAAAADD"},
  {"POST",   "/api/v1/admin/appointments",                    R"({"patient_id":1,"provider_name":"Dr. Matrix {n}","date":"2032-01-05"})", "AADDAADD"},
  {"POST",   "/api/v1/admin/appointments",                    R"({"patient_id":2,"provider_name":"Dr. Matrix {n}","date":"2032-01-05"})", "AHDDHHDD"},
  {"PATCH",  "/api/v1/admin/appointments/{own_appt}",         R"({"status":"cancelled"})",             "AADDAADD"},
  {"PATCH",  "/api/v1/admin/appointments/{other_appt}",       R"({"status":"cancelled"})",             "AHDDHHDD"},
  {"GET",    "/api/v1/admin/staff",                           "",                                      "AAAAAADD"},
  {"GET",    "/api/v1/admin/tasks",                           "",                                      "AAAAAADD"},
  // Knowledge: read by staff and API clients, written by administrators.
  {"GET",    "/api/v1/admin/knowledge/articles",              "",                                      "AAAAAADA"},
  {"GET",    "/api/v1/orchestration/knowledge/articles",      "",                                      "AAAAAADA"},
  {"GET",    "/api/v1/admin/knowledge/articles/{own_article}",   "",                                   "AAAAAADA"},
  {"GET",    "/api/v1/admin/knowledge/articles/{other_article}", "",                                   "AHHHHHDH"},
  {"POST",   "/api/v1/admin/knowledge/articles",              R"({"title":"Matrix {n}","content":"Matrix article"})", "AADDDDDD"},
  {"POST",   "/api/v1/admin/knowledge/articles",              R"({"title":"Matrix {n}","content":"Matrix article","tenant_id":2})", "AXDDDDDD"},
  {"PATCH",  "/api/v1/admin/knowledge/articles/{own_article}",   R"({"title":"Matrix renamed"})",      "AADDDDDD"},
  {"PUT",    "/api/v1/admin/knowledge/articles/{own_article}",   R"({"content":"Matrix rewritten"})",  "AADDDDDD"},
  {"DELETE", "/api/v1/admin/knowledge/articles/{own_article}",   "",                                   "AADDDDDD"},
  {"PATCH",  "/api/v1/admin/knowledge/articles/{other_article}", R"({"title":"Matrix renamed"})",      "AHDDDDDD"},
  {"DELETE", "/api/v1/admin/knowledge/articles/{other_article}", "",                                   "AHDDDDDD"},
  // API keys: administrators only, each tenant's administrator for its own tenant.
  {"GET",    "/api/v1/admin/api-keys",                        "",                                      "AADDDDDD"},
  {"POST",   "/api/v1/admin/api-keys",                        R"({"name":"Matrix {n}","tenant_id":1})", "AADDDDDD"},
  {"POST",   "/api/v1/admin/api-keys",                        R"({"name":"Matrix {n}","tenant_id":2})", "AXDDDDDD"},
};
// clang-format on

class PermissionMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto env = testing::default_test_env(testing::make_temp_dir("aurixa-matrix"));
    env["AURIXA_AUTH"] = "on";
    env["AURIXA_JWT_SECRET"] = kSecret;
    server_ = new ServerProcess({"serve", "--port", "0"}, env);
  }
  static void TearDownTestSuite() { delete server_; }

  // A signed access token for `role` in tenant 1 (platform administrators have no tenant). The seed's
  // people: staff 7 is tenant 1's administrator, 3 a doctor, 2 a nurse, 1 reception, 6 the scheduler;
  // patient 1 is John Doe (tenant 1).
  static std::string token(const std::string& role) {
    static const std::map<std::string, std::int64_t> staff{
        {"tenant_admin", 7}, {"doctor", 3}, {"nurse", 2}, {"reception", 1}, {"scheduler", 6}};
    gateway::Claims c;
    c.sub = "u-matrix-" + role;
    c.role = role;
    if (role != "platform_admin") c.tenant_id = 1;
    if (role == "patient") c.patient_id = 1;
    if (auto it = staff.find(role); it != staff.end()) c.staff_id = it->second;
    c.iat = 1;
    c.exp = 9'999'999'999;
    return gateway::JwtCodec(kSecret).sign(c);
  }

  ClientResponse call(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& role) {
    ClientRequest r;
    r.method = method;
    r.url = server_->url(path);
    r.headers.set("Authorization", "Bearer " + token(role));
    if (!body.empty()) {
      r.body = body;
      r.headers.set("Content-Type", "application/json");
    }
    return client_.request(r);
  }
  // Creates a record as the platform administrator and returns its id.
  std::string create(const std::string& path, const bj::object& body) {
    auto r = call("POST", path, bj::serialize(body), "platform_admin");
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.status == 200 ? std::to_string(bj::parse(r.body).at("id").to_number<std::int64_t>()) : "0";
  }
  static void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
      s.replace(pos, from.size(), to);
  }
  // Fills a row's placeholders; records are fresh for every request so writes never interfere.
  std::string fill(std::string s) {
    const auto n = std::to_string(++counter_);
    replace_all(s, "{n}", n);
    if (s.find("{own_article}") != std::string::npos)
      replace_all(
          s, "{own_article}",
          create("/api/v1/admin/knowledge/articles", {{"title", "Own " + n}, {"content", "x"}, {"tenant_id", 1}}));
    if (s.find("{other_article}") != std::string::npos)
      replace_all(
          s, "{other_article}",
          create("/api/v1/admin/knowledge/articles", {{"title", "Other " + n}, {"content", "x"}, {"tenant_id", 2}}));
    if (s.find("{own_appt}") != std::string::npos)
      replace_all(s, "{own_appt}",
                  create("/api/v1/admin/appointments",
                         {{"patient_id", 1}, {"provider_name", "Dr. Own " + n}, {"date", "2032-02-02"}}));
    if (s.find("{other_appt}") != std::string::npos)
      replace_all(s, "{other_appt}",
                  create("/api/v1/admin/appointments",
                         {{"patient_id", 2}, {"provider_name", "Dr. Other " + n}, {"date", "2032-02-02"}}));
    if (s.find("{config_key}") != std::string::npos || s.find("{config_value}") != std::string::npos) {
      // Any existing key, set to its current value (the matrix must not change the platform's behaviour).
      auto detail = call("GET", "/api/v1/admin/config/detail", {}, "platform_admin");
      const auto parsed = bj::parse(detail.body);
      const auto& cats = parsed.at("categories").as_object();
      const auto& first = cats.begin()->value().as_array().at(0).as_object();
      replace_all(s, "{config_key}", std::string(first.at("key").as_string()));
      replace_all(s, "{config_value}", std::string(first.at("value").as_string()));
    }
    return s;
  }

  static ServerProcess* server_;
  HttpClient client_;
  int counter_ = 0;
};
ServerProcess* PermissionMatrix::server_ = nullptr;

TEST_F(PermissionMatrix, EveryRouteEveryRoleOwnAndOtherTenant) {
  int checked = 0;
  for (const auto& row : kMatrix) {
    ASSERT_EQ(std::string(row.expect).size(), static_cast<std::size_t>(kRoleCount)) << row.path;
    for (int i = 0; i < kRoleCount; ++i) {
      const std::string path = fill(row.path), body = fill(row.body);
      auto r = call(row.method, path, body, kRoles[i]);
      const char want = row.expect[i];
      const bool ok = want == 'A'   ? r.status >= 200 && r.status < 300
                      : want == 'D' ? r.status == 403
                      : want == 'H' ? r.status == 404
                                    : r.status == 403 || r.status == 404 || r.status == 422;
      EXPECT_TRUE(ok) << kRoles[i] << " " << row.method << " " << path << " " << body << ": expected "
                      << (want == 'A'   ? "2xx"
                          : want == 'D' ? "403"
                          : want == 'H' ? "404"
                                        : "403/404/422")
                      << ", got " << r.status << " " << r.body.substr(0, 300);
      ++checked;
    }
  }
  EXPECT_GE(checked, 8 * 60);
}

// Nobody without a credential gets past any of these routes.
TEST_F(PermissionMatrix, EveryRouteNeedsACredential) {
  for (const auto& row : kMatrix) {
    ClientRequest r;
    r.method = row.method;
    std::string path = row.path;  // placeholders -> any id: the credential is checked first
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
      path.replace(open, path.find('}', open) - open + 1, "1");
    r.url = server_->url(path);
    if (*row.body) {
      r.body = row.body;
      r.headers.set("Content-Type", "application/json");
    }
    EXPECT_EQ(client_.request(r).status, 401) << row.method << " " << row.path;
  }
}

// Lists never show another tenant's rows to a tenant's people (the status matrix cannot see that).
TEST_F(PermissionMatrix, ListsShowOnlyTheCallersTenant) {
  auto tenant_of = [](const bj::object& item) -> std::string {
    for (const char* k : {"tenant_id", "tenantId"})
      if (const auto* v = item.if_contains(k); v && !v->is_null())
        return v->is_string() ? std::string(v->as_string()) : bj::serialize(*v);
    return "";
  };
  struct List {
    const char* path;
    const char* roles;  // which of kRoles may read it (same order)
  };
  for (const List& l :
       {List{"/api/v1/admin/patients?limit=100", "_AAAAA__"}, List{"/api/v1/admin/appointments?limit=100", "_AAAAA__"},
        List{"/api/v1/admin/knowledge/articles", "_AAAAA_A"}, List{"/api/v1/admin/staff", "_AAAAA__"},
        List{"/api/v1/admin/tenants", "_A______"}, List{"/api/v1/admin/audit", "_A______"},
        List{"/api/v1/admin/tasks", "_AAAAA__"},
        // Asking for tenant 2 explicitly does not widen the view either (403 or still only tenant 1).
        List{"/api/v1/admin/patients?tenant_id=2", "_AAAAA__"},
        List{"/api/v1/orchestration/appointments?tenant_id=2", "_AAAAA__"}}) {
    for (int i = 0; i < kRoleCount; ++i) {
      if (l.roles[i] != 'A') continue;
      SCOPED_TRACE(std::string(kRoles[i]) + " " + l.path);
      auto r = call("GET", l.path, {}, kRoles[i]);
      if (r.status == 403 && std::string(l.path).find("tenant_id=2") != std::string::npos)
        continue;  // refused outright
      ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
      auto v = bj::parse(r.body);
      ASSERT_TRUE(v.is_array()) << r.body.substr(0, 300);
      for (const auto& item : v.as_array()) {
        const auto t = tenant_of(item.as_object());
        if (t.empty()) continue;
        EXPECT_TRUE(t == "1" || t == "\"1\"" || t == "t-001" || t == "T-1") << bj::serialize(item);
      }
    }
  }
  // The platform administrator does see both tenants.
  auto all = call("GET", "/api/v1/admin/patients?limit=100", {}, "platform_admin");
  EXPECT_NE(all.body.find("Jane Smith"), std::string::npos);
}

// A tenant's administrator creating records "for tenant 2" must not end up writing into tenant 2, and the
// execution tools never act on another tenant's patient.
TEST_F(PermissionMatrix, ExecutionToolsDoNotReachAnotherTenantsPatient) {
  auto r = call(
      "POST", "/api/v1/execute/execute",
      R"({"action_name":"create_appointment","params":{"patient_id":2,"date":"2032-03-03","provider_name":"Dr. Cross"}})",
      "tenant_admin");
  const bool refused =
      r.status == 404 || r.status == 403 || (r.status == 200 && r.body.find("\"success\":true") == std::string::npos);
  EXPECT_TRUE(refused) << r.status << " " << r.body;
  auto appts = call("GET", "/api/v1/admin/appointments?limit=100", {}, "platform_admin");
  EXPECT_EQ(appts.body.find("Dr. Cross"), std::string::npos);
}

}  // namespace
}  // namespace aurixa
