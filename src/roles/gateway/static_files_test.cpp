#include "roles/gateway/static_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/config.hpp"
#include "core/error.hpp"

namespace aurixa::gateway {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("aurixa-web-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    write("dashboard/index.html", "<html>dashboard</html>");
    write("patient/index.html", "<html>patient</html>");
    write("patient/robots.txt", "ok");
    write("assets/app-abc123.js", "console.info(1)");
    write("assets/app-abc123.css", "body{}");
    write("secret.txt", "do not serve");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& rel, const std::string& body) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << body;
  }
  http::Response get(std::string_view mount, std::string_view rest, std::string_view inm = {}) {
    return serve_static(root_.string(), mount, rest, inm);
  }
  int status(std::string_view mount, std::string_view rest) {
    try {
      return get(mount, rest).status;
    } catch (const ApiError& e) {
      return e.status();
    }
  }
  fs::path root_;
};

TEST_F(StaticFiles, AppRootServesIndexWithNoCache) {
  auto r = get("dashboard", "");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<html>dashboard</html>");
  EXPECT_EQ(r.headers.get("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.get("Cache-Control"), "no-cache");
}

TEST_F(StaticFiles, ClientSideRoutesFallBackToIndex) {
  EXPECT_EQ(get("dashboard", "knowledge").body, "<html>dashboard</html>");
  EXPECT_EQ(get("dashboard", "tenants/t-001/").body, "<html>dashboard</html>");
  EXPECT_EQ(get("patient", "appointments/12").body, "<html>patient</html>");
}

TEST_F(StaticFiles, HashedAssetsAreImmutableWithTheirType) {
  auto js = get("assets", "app-abc123.js");
  EXPECT_EQ(js.body, "console.info(1)");
  EXPECT_EQ(js.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(get("assets", "app-abc123.css").headers.get("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(get("patient", "robots.txt").body, "ok");
}

TEST_F(StaticFiles, MissingFilesAre404NotTheSpaPage) {
  EXPECT_EQ(status("assets", "missing-123.js"), 404);
  EXPECT_EQ(status("dashboard", "favicon.ico"), 404);
  EXPECT_EQ(status("assets", ""), 404);
  EXPECT_EQ(status("hospital", ""), 404);  // not built
}

TEST_F(StaticFiles, TraversalIsRefused) {
  EXPECT_EQ(status("dashboard", "../secret.txt"), 404);
  EXPECT_EQ(status("assets", "../secret.txt"), 404);
  EXPECT_EQ(status("assets", "./app-abc123.js"), 404);
  EXPECT_EQ(status("patient", "a//b"), 404);
  EXPECT_EQ(status("patient", "..\\secret.txt"), 404);
  EXPECT_EQ(status("patient", "/etc/passwd"), 404);
  EXPECT_EQ(status("patient", std::string("x\0y", 3)), 404);
}

TEST_F(StaticFiles, MatchingEtagIs304WithoutBody) {
  auto first = get("assets", "app-abc123.js");
  auto etag = std::string(*first.headers.get("ETag"));
  auto again = get("assets", "app-abc123.js", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST(ContentType, ByExtension) {
  EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("a.bin"), "application/octet-stream");
}

TEST(WebPorts, ParsesThreePortsInAppOrder) {
  auto w = parse_web_ports(" 3100, 3300 ,3400 ");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].app, "dashboard");
  EXPECT_EQ(w[0].port, 3100);
  EXPECT_EQ(w[1].app, "patient");
  EXPECT_EQ(w[1].port, 3300);
  EXPECT_EQ(w[2].app, "hospital");
  EXPECT_EQ(w[2].port, 3400);
  EXPECT_TRUE(parse_web_ports("").empty());
  EXPECT_EQ(parse_web_ports("0,0,0").size(), 3u);  // ephemeral ports may repeat
}

TEST(WebPorts, RejectsAnythingButThreeDistinctPorts) {
  for (const char* bad : {"3100", "3100,3300", "3100,3300,3400,3500", "3100,,3400", "a,b,c", "3100,3300,65536",
                          "3100,3100,3400", "-1,3300,3400", "3100;3300;3400"})
    EXPECT_THROW(parse_web_ports(bad), ConfigError) << bad;
}

TEST(WebPorts, PagesMoveUnderTheAppWhileTheApiStaysShared) {
  EXPECT_EQ(web_port_target("dashboard", "/"), "/dashboard/");
  EXPECT_EQ(web_port_target("patient", "/voice"), "/patient/voice");
  EXPECT_EQ(web_port_target("patient", "/visits/12?tab=past"), "/patient/visits/12?tab=past");
  EXPECT_EQ(web_port_target("hospital", "/?next=%2Fqueue"), "/hospital/?next=%2Fqueue");
  EXPECT_EQ(web_port_target("hospital", "/favicon.ico"), "/hospital/favicon.ico");
  EXPECT_EQ(web_port_target("hospital", "/apis"), "/hospital/apis");        // whole segments only
  EXPECT_EQ(web_port_target("hospital", "/patient"), "/hospital/patient");  // another app's name is a page here
  for (const char* same : {"/api/v1/auth/login", "/api", "/ws/voice?access_token=x", "/health", "/health/services",
                           "/metrics", "/assets/app-abc123.js", "/debug/sleep", "/dashboard", "/dashboard/audit?q=1"})
    EXPECT_EQ(web_port_target("dashboard", same), same);
}

}  // namespace
}  // namespace aurixa::gateway
