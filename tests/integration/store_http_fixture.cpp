#include "store_http_fixture.hpp"
#include <filesystem>

namespace aurixa::testing {
namespace {

class PgEnvironment : public ::testing::Environment {
 public:
  store::testing::PgServer& server() {
    if (!server_) server_ = std::make_unique<store::testing::PgServer>();
    return *server_;
  }
  void TearDown() override { server_.reset(); }

 private:
  std::unique_ptr<store::testing::PgServer> server_;
};

PgEnvironment* environment() {
  static auto* env = static_cast<PgEnvironment*>(::testing::AddGlobalTestEnvironment(new PgEnvironment));
  return env;
}
[[maybe_unused]] const bool kRegistered = (environment(), true);

}  // namespace

store::testing::PgServer& pg_server() { return environment()->server(); }

std::string Reply::detail_field() const {
  if (!body.is_object()) return "";
  auto* f = body.as_object().if_contains("field");
  return f && f->is_string() ? std::string(f->as_string()) : "";
}

void StoreHttp::SetUp() {
  dir = make_temp_dir("aurixa-store-http");
  if (GetParam() == store::Backend::postgresql) {
    auto& pg = pg_server();
    if (!pg.available()) GTEST_SKIP() << "PostgreSQL unavailable: " << pg.error();
    database_url = pg.create_database("http");
  }
  start_server();
}

void StoreHttp::TearDown() {
  if (server) server->stop(15);
  server.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

void StoreHttp::start_server(std::map<std::string, std::string> extra_env) {
  auto env = default_test_env(dir);
  env["AURIXA_ACCESS_LOG"] = "false";
  env["AURIXA_LOG_LEVEL"] = "warn";
  if (!database_url.empty()) env["DATABASE_URL"] = database_url;
  for (auto& [k, v] : extra_env) env[k] = v;
  server.reset();
  server = std::make_unique<ServerProcess>(std::vector<std::string>{"serve", "--port", "0", "--roles", "orchestration"},
                                           env);
}

Reply StoreHttp::call(const std::string& method, const std::string& path, const std::string& body,
                      const http::Headers& headers) {
  ClientRequest r;
  r.method = method;
  r.url = server->url(path);
  r.headers = headers;
  if (!body.empty()) {
    r.body = body;
    r.headers.set("Content-Type", "application/json");
  }
  auto res = client.request(r);
  Reply out;
  out.status = res.status;
  out.headers = res.headers;
  boost::system::error_code ec;
  out.body = boost::json::parse(res.body, ec);
  if (ec) out.body = boost::json::string(res.body);
  return out;
}

}  // namespace aurixa::testing
