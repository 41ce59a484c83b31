#pragma once
// The real binary serving the orchestration admin API over a real store: SQLite in a temp dir, or a fresh
// database on a PostgreSQL server this test process starts (skipped with the reason when it cannot).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <memory>
#include <string>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "store/database.hpp"
#include "store/testing/pg_server.hpp"

namespace aurixa::store {
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "SQLite" : "PostgreSQL"); }
}  // namespace aurixa::store

namespace aurixa::testing {

struct Reply {
  int status = 0;
  boost::json::value body;
  http::Headers headers;
  const boost::json::object& obj() const { return body.as_object(); }
  const boost::json::array& arr() const { return body.as_array(); }
  std::string detail_field() const;  // the "field" of an error body, "" if none
};

class StoreHttp : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override;  // fresh store + server (orchestration role, seeded)
  void TearDown() override;

  // Starts (or restarts, after stop/kill) the server on the same store.
  void start_server(std::map<std::string, std::string> extra_env = {});

  Reply call(const std::string& method, const std::string& path, const std::string& body = "",
             const http::Headers& headers = {});
  Reply get(const std::string& path) { return call("GET", path); }
  Reply post(const std::string& path, const boost::json::value& body) {
    return call("POST", path, boost::json::serialize(body));
  }
  Reply patch(const std::string& path, const boost::json::value& body) {
    return call("PATCH", path, boost::json::serialize(body));
  }

  std::string dir;
  std::string database_url;  // empty for SQLite
  std::unique_ptr<ServerProcess> server;
  HttpClient client;
};

// The test process's PostgreSQL server, started on first use.
store::testing::PgServer& pg_server();

#define AURIXA_HTTP_BACKENDS(Suite)                                                                               \
  INSTANTIATE_TEST_SUITE_P(                                                                                       \
      Backends, Suite, ::testing::Values(::aurixa::store::Backend::sqlite, ::aurixa::store::Backend::postgresql), \
      [](const auto& info) {                                                                                      \
        return std::string(info.param == ::aurixa::store::Backend::sqlite ? "SQLite" : "PostgreSQL");             \
      })

}  // namespace aurixa::testing
