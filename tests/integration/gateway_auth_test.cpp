// Authentication and authorisation at the gateway, against the real binary with the seeded store:
// login, token checks (expired, alg none, bad signature, refresh-as-access, missing), the role table,
// a patient limited to their own record, and tenant isolation (another tenant's patient is not found).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/gateway/jwt.hpp"

namespace aurixa {
namespace {

using testing::ServerProcess;
const std::string kSecret = "integration-test-secret-0123456789abcdef";
const std::string kPassword = "correct-horse-battery";

class GatewayAuth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto env = testing::default_test_env(testing::make_temp_dir("aurixa-auth"));
    env["AURIXA_AUTH"] = "on";
    env["AURIXA_JWT_SECRET"] = kSecret;
    env["AURIXA_DEMO_PASSWORD"] = kPassword;
    server_ = new ServerProcess({"serve", "--port", "0"}, env);
  }
  static void TearDownTestSuite() { delete server_; }

  ClientResponse call(const std::string& method, const std::string& path, const std::string& token = {},
                      const std::string& body = {}) {
    ClientRequest r;
    r.method = method;
    r.url = server_->url(path);
    if (!token.empty()) r.headers.set("Authorization", "Bearer " + token);
    if (!body.empty()) {
      r.body = body;
      r.headers.set("Content-Type", "application/json");
    }
    return client_.request(r);
  }
  boost::json::object login(const std::string& email, const std::string& password = kPassword) {
    auto r = call("POST", "/api/v1/auth/login", {}, R"({"email":")" + email + R"(","password":")" + password + R"("})");
    EXPECT_EQ(r.status, 200) << r.body;
    return boost::json::parse(r.body).as_object();
  }
  std::string token(const std::string& email) { return std::string(login(email).at("access_token").as_string()); }

  static ServerProcess* server_;
  HttpClient client_;
};
ServerProcess* GatewayAuth::server_ = nullptr;

TEST_F(GatewayAuth, LoginReturnsBearerTokenWithRoleAndTenant) {
  auto o = login("admin@generalhospital.com");
  EXPECT_EQ(o.at("token_type").as_string(), "bearer");
  EXPECT_EQ(o.at("role").as_string(), "tenant_admin");
  EXPECT_EQ(o.at("tenant_id").as_int64(), 1);
  EXPECT_GT(o.at("expires_in").as_int64(), 0);
  EXPECT_FALSE(o.at("refresh_token").as_string().empty());
}

TEST_F(GatewayAuth, WrongPasswordAndUnknownEmailAre401) {
  EXPECT_EQ(call("POST", "/api/v1/auth/login", {}, R"({"email":"admin@generalhospital.com","password":"nope"})").status, 401);
  EXPECT_EQ(call("POST", "/api/v1/auth/login", {}, R"({"email":"nobody@example.com","password":"x"})").status, 401);
  EXPECT_EQ(call("POST", "/api/v1/auth/login", {}, R"({"email":"a@b.c"})").status, 422);
}

TEST_F(GatewayAuth, MissingTokenIs401PublicRoutesStayOpen) {
  auto r = call("GET", "/api/v1/auth/me");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.headers.get("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(call("GET", "/health").status, 200);
  EXPECT_EQ(call("GET", "/").status, 200);
  EXPECT_EQ(call("POST", "/api/v1/orchestration/pipelines", {}, R"({"prompt":"hi"})").status, 401);
}

TEST_F(GatewayAuth, MeReflectsTheCredential) {
  auto r = call("GET", "/api/v1/auth/me", token("john.doe@email.com"));
  ASSERT_EQ(r.status, 200);
  auto o = boost::json::parse(r.body).as_object();
  EXPECT_EQ(o.at("role").as_string(), "patient");
  EXPECT_EQ(o.at("tenant_id").as_int64(), 1);
  EXPECT_EQ(o.at("patient_id").as_int64(), 1);
}

TEST_F(GatewayAuth, ExpiredForgedAndMisusedTokensAre401) {
  gateway::JwtCodec codec(kSecret);
  gateway::Claims c;
  c.sub = "u-1";
  c.role = "platform_admin";
  c.iat = 1;
  c.exp = 2;  // long expired
  EXPECT_EQ(call("GET", "/api/v1/auth/me", codec.sign(c)).status, 401);
  gateway::JwtCodec other(kSecret + "-wrong");
  c.exp = 9'999'999'999;
  EXPECT_EQ(call("GET", "/api/v1/auth/me", other.sign(c)).status, 401);  // bad signature
  auto none = gateway::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
              gateway::base64url_encode(R"({"sub":"u-1","role":"platform_admin","typ":"access","iss":"aurixa","exp":9999999999})") + ".";
  EXPECT_EQ(call("GET", "/api/v1/auth/me", none).status, 401);
  auto refresh = std::string(login("admin@generalhospital.com").at("refresh_token").as_string());
  EXPECT_EQ(call("GET", "/api/v1/auth/me", refresh).status, 401);  // refresh token is not an access token
  EXPECT_EQ(call("GET", "/api/v1/auth/me", codec.sign(c)).status, 200);  // the same claims, properly signed
}

TEST_F(GatewayAuth, RefreshIssuesANewAccessToken) {
  auto refresh = std::string(login("admin@generalhospital.com").at("refresh_token").as_string());
  auto r = call("POST", "/api/v1/auth/refresh", {}, R"({"refresh_token":")" + refresh + R"("})");
  ASSERT_EQ(r.status, 200);
  auto access = std::string(boost::json::parse(r.body).at("access_token").as_string());
  EXPECT_EQ(call("GET", "/api/v1/auth/me", access).status, 200);
}

TEST_F(GatewayAuth, RoleTableDecides403) {
  auto patient = token("john.doe@email.com");
  EXPECT_EQ(call("GET", "/api/v1/observe/reports/performance", patient).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/admin/audit", patient).status, 403);
  auto admin = token("admin@generalhospital.com");
  EXPECT_EQ(call("GET", "/api/v1/observe/reports/performance", admin).status, 200);
}

TEST_F(GatewayAuth, PatientReadsOnlyOwnRecord) {
  auto patient = token("john.doe@email.com");  // patient 1
  EXPECT_EQ(call("GET", "/api/v1/admin/patients/1", patient).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/patients/3", patient).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/admin/patients", patient).status, 403);
}

TEST_F(GatewayAuth, TenantAdminCannotSeeAnotherTenantsPatient) {
  auto admin = token("admin@generalhospital.com");  // tenant 1; patient 2 (Jane Smith) belongs to tenant 2
  EXPECT_EQ(call("GET", "/api/v1/admin/patients/1", admin).status, 200);
  auto other = call("GET", "/api/v1/admin/patients/2", admin);
  EXPECT_TRUE(other.status == 404 || other.status == 403) << other.status;
  auto list = call("GET", "/api/v1/admin/patients", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find("Jane Smith"), std::string::npos);
}

TEST_F(GatewayAuth, PlatformAdminSeesEveryTenant) {
  auto admin = token("admin@aurixa.io");
  auto list = call("GET", "/api/v1/admin/patients?limit=100", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Jane Smith"), std::string::npos);
}

TEST_F(GatewayAuth, AdminsIssueAndRevokeApiKeysThatAreShownOnce) {
  auto admin = token("admin@generalhospital.com");  // tenant 1
  auto created = call("POST", "/api/v1/admin/api-keys", admin, R"({"name":"lab-integration"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.headers.get("Cache-Control").value_or(""), std::string_view("no-store"));
  auto key = boost::json::parse(created.body).as_object();
  const std::string secret(key.at("key").as_string());
  ASSERT_TRUE(secret.starts_with("ak_")) << secret;
  EXPECT_EQ(key.at("tenantId"), "t-001");
  EXPECT_EQ(key.at("role"), "api_client");
  const auto id = key.at("id").as_int64();

  // The key works as a credential for its tenant, and the list never shows the secret again.
  ClientRequest r;
  r.url = server_->url("/api/v1/admin/knowledge/articles");
  r.headers.set("X-API-Key", secret);
  EXPECT_EQ(client_.request(r).status, 200);
  auto list = call("GET", "/api/v1/admin/api-keys", admin);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("lab-integration"), std::string::npos);
  EXPECT_EQ(list.body.find(secret), std::string::npos);

  // Only administrators manage keys; bad input names the field; revoked keys stop working at once.
  EXPECT_EQ(call("POST", "/api/v1/admin/api-keys", token("sarah.chen@generalhospital.com"), R"({"name":"x"})").status, 403);
  auto bad = call("POST", "/api/v1/admin/api-keys", admin, R"({"name":""})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("\"field\":\"name\""), std::string::npos) << bad.body;
  auto platform = token("admin@aurixa.io");
  auto no_tenant = call("POST", "/api/v1/admin/api-keys", platform, R"({"name":"x"})");
  EXPECT_EQ(no_tenant.status, 422);
  EXPECT_NE(no_tenant.body.find("tenant_id"), std::string::npos) << no_tenant.body;
  EXPECT_EQ(call("DELETE", "/api/v1/admin/api-keys/" + std::to_string(id), admin).status, 200);
  EXPECT_EQ(client_.request(r).status, 401);
  EXPECT_EQ(call("DELETE", "/api/v1/admin/api-keys/" + std::to_string(id), admin).status, 404);
  auto audit = call("GET", "/api/v1/admin/audit?limit=200", admin);
  EXPECT_NE(audit.body.find("API Key Revoked"), std::string::npos);
}

}  // namespace
}  // namespace aurixa
