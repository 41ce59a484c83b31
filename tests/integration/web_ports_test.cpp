// --web-ports (the seed's 3100/3300/3400): the real binary started with `--web-ports 0,0,0` serves each web app at
// "/" on a port of its own — index page, deep client-side routes (SPA fallback), shared assets — and the API,
// /health and the app's /<app> URLs from those ports too. A small fake web/dist keeps the test independent of npm.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/http_client.hpp"
#include "harness.hpp"

namespace aurixa {
namespace {

using testing::ServerProcess;
namespace fs = std::filesystem;

constexpr const char* kApps[] = {"dashboard", "patient", "hospital"};

class WebPorts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(testing::make_temp_dir("aurixa-webports"));
    const fs::path web = fs::path(*dir_) / "dist";
    for (const char* app : kApps) {
      fs::create_directories(web / app);
      std::ofstream(web / app / "index.html") << "<!doctype html><title>" << app << " app</title>";
    }
    fs::create_directories(web / "assets");
    std::ofstream(web / "assets" / "chat-abc123.js") << "export const x = 1;";
    auto env = testing::default_test_env(*dir_ + "/data");
    env["AURIXA_WEB_DIR"] = web.string();
    server_ = new ServerProcess({"serve", "--port", "0", "--web-ports", "0,0,0"}, env);
  }
  static void TearDownTestSuite() {
    delete server_;
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
  }
  ClientResponse get(unsigned short port, const std::string& path) {
    ClientRequest r;
    r.method = "GET";
    r.url = "http://127.0.0.1:" + std::to_string(port) + path;
    return client_.request(r);
  }
  static std::string* dir_;
  static ServerProcess* server_;
  HttpClient client_;
};
std::string* WebPorts::dir_ = nullptr;
ServerProcess* WebPorts::server_ = nullptr;

TEST_F(WebPorts, EachAppReportsItsOwnPort) {
  std::set<unsigned short> seen{server_->port()};
  for (const char* app : kApps) {
    const auto port = server_->app_port(app);
    EXPECT_NE(port, 0) << app;
    EXPECT_TRUE(seen.insert(port).second) << app << " shares port " << port;
  }
}

TEST_F(WebPorts, RootIsTheAppsIndexPage) {
  for (const char* app : kApps) {
    auto r = get(server_->app_port(app), "/");
    EXPECT_EQ(r.status, 200) << app;
    EXPECT_NE(r.body.find(std::string(app) + " app"), std::string::npos) << app << ": " << r.body;
    EXPECT_EQ(r.headers.get("Cache-Control"), "no-cache") << app;
    EXPECT_EQ(r.headers.get("Content-Type"), "text/html; charset=utf-8") << app;
  }
}

TEST_F(WebPorts, DeepClientRoutesGetTheIndexPage) {
  for (const char* app : kApps) {
    for (const char* route : {"/voice", "/patients/12/transcripts?tab=last", "/appointments/"}) {
      auto r = get(server_->app_port(app), route);
      EXPECT_EQ(r.status, 200) << app << route;
      EXPECT_NE(r.body.find(std::string(app) + " app"), std::string::npos) << app << route;
    }
    // The app's /<app> URLs keep working on its port (links and bookmarks from the gateway port).
    auto prefixed = get(server_->app_port(app), std::string("/") + app + "/settings");
    EXPECT_EQ(prefixed.status, 200) << app;
    EXPECT_NE(prefixed.body.find(std::string(app) + " app"), std::string::npos) << app;
  }
}

TEST_F(WebPorts, AssetsAreSharedAndImmutable) {
  for (const char* app : kApps) {
    auto r = get(server_->app_port(app), "/assets/chat-abc123.js");
    EXPECT_EQ(r.status, 200) << app;
    EXPECT_EQ(r.body, "export const x = 1;");
    EXPECT_EQ(r.headers.get("Cache-Control"), "public, max-age=31536000, immutable") << app;
  }
}

TEST_F(WebPorts, AMissingFileIsAJson404NotThePage) {
  auto r = get(server_->app_port("patient"), "/missing-abc.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_TRUE(boost::json::parse(r.body).as_object().contains("detail")) << r.body;
}

TEST_F(WebPorts, TheApiAndHealthAnswerFromEveryAppPort) {
  for (const char* app : kApps) {
    const auto port = server_->app_port(app);
    auto health = get(port, "/health");
    EXPECT_EQ(health.status, 200) << app;
    EXPECT_EQ(boost::json::parse(health.body).as_object().at("status").as_string(), "healthy") << app;
    // A gateway-local route and one dispatched in-process to the orchestration role.
    EXPECT_EQ(get(port, "/api/v1/admin/health").status, 200) << app;
    auto tenants = get(port, "/api/v1/admin/tenants");
    EXPECT_EQ(tenants.status, 200) << app << ": " << tenants.body;
    EXPECT_TRUE(boost::json::parse(tenants.body).is_array()) << app;
    // Unknown API paths stay API errors (JSON 404), never the SPA page.
    auto missing = get(port, "/api/v1/no-such-route");
    EXPECT_EQ(missing.status, 404) << app;
    EXPECT_EQ(missing.body.find("<title>"), std::string::npos) << app;
  }
}

TEST_F(WebPorts, TheMainPortIsUnchanged) {
  auto root = get(server_->port(), "/");
  EXPECT_EQ(root.status, 200);
  EXPECT_EQ(boost::json::parse(root.body).as_object().at("message").as_string(), "Welcome to the AURIXA API Gateway.");
  auto dash = get(server_->port(), "/dashboard/analytics");
  EXPECT_EQ(dash.status, 200);
  EXPECT_NE(dash.body.find("dashboard app"), std::string::npos);
}

TEST(WebPortsConfig, AMalformedListStopsStartWithExitCode2) {
  const std::string dir = testing::make_temp_dir("aurixa-webports-bad");
  const std::string cmd = "AURIXA_HOST=127.0.0.1 AURIXA_DATA_DIR='" + dir + "' '" + testing::aurixa_bin() +
                          "' serve --port 0 --web-ports 3100,3300 >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(rc));
  EXPECT_EQ(WEXITSTATUS(rc), 2);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace
}  // namespace aurixa
