#include "store/testing/store_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "store/migrations.hpp"
#include "store/seed.hpp"
#include "store/testing/pg_server.hpp"

namespace aurixa::store::testing {
namespace {

// Owns the server for the whole test process; gtest deletes registered environments at exit.
class PgEnvironment : public ::testing::Environment {
 public:
  PgServer& server() {
    if (!server_) server_ = std::make_unique<PgServer>();
    return *server_;
  }
  void TearDown() override { server_.reset(); }

 private:
  std::unique_ptr<PgServer> server_;
};

PgEnvironment* environment() {
  static PgEnvironment* env = static_cast<PgEnvironment*>(::testing::AddGlobalTestEnvironment(new PgEnvironment));
  return env;
}
// Register before main() runs the tests, so TearDown stops the server.
[[maybe_unused]] const bool kRegistered = (environment(), true);

}  // namespace

PgServer& shared_pg_server() { return environment()->server(); }

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "SQLite" : "PostgreSQL";
}

void StoreTest::SetUp() {
  static std::atomic<int> n{0};
  dir = (std::filesystem::temp_directory_path() /
         ("aurixa-store-" + std::to_string(::getpid()) + "-" + std::to_string(n++)))
            .string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  if (GetParam() == Backend::postgresql) {
    auto& pg = shared_pg_server();
    if (!pg.available()) GTEST_SKIP() << "PostgreSQL unavailable: " << pg.error();
    url = pg.create_database();
  } else {
    url = "sqlite:" + dir + "/aurixa.db";
  }
  db = open(8);
}

void StoreTest::TearDown() {
  db.reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

std::unique_ptr<Database> StoreTest::open(int pool_size) const {
  DatabaseOptions o;
  o.url = url;
  o.data_dir = dir;
  o.pool_size = pool_size;
  return std::make_unique<Database>(o);
}

void StoreTest::migrate_and_seed() {
  migrate(*db);
  SeedOptions s;
  s.password_cost.memory_kib = 1024;  // tests need valid hashes, not slow ones
  s.password_cost.time_cost = 1;
  seed_if_empty(*db, s);
}

}  // namespace aurixa::store::testing
