#pragma once
// Parameterised store tests: every TEST_P runs against SQLite (a temp file) and PostgreSQL (a fresh
// database on a server this test process starts; skipped with the reason when none can be started).
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/database.hpp"

namespace aurixa::store {
// Readable parameter values in gtest output.
inline void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::sqlite ? "SQLite" : "PostgreSQL"); }
}  // namespace aurixa::store

namespace aurixa::store::testing {

class PgServer;

// The test process's PostgreSQL server, started on first use and stopped at exit.
PgServer& shared_pg_server();

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;  // fresh empty store in `url`; db opened (not migrated)
  void TearDown() override;
  // Another Database on the same store (a second process's view, or a reopen after close).
  std::unique_ptr<Database> open(int pool_size = 4) const;
  void migrate_and_seed();

  std::string dir;  // temp directory of the test
  std::string url;  // DatabaseOptions::url of the store
  std::unique_ptr<Database> db;
};

std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info);

#define AURIXA_STORE_BACKENDS(Suite)                                                                                  \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                                           \
                           ::testing::Values(::aurixa::store::Backend::sqlite, ::aurixa::store::Backend::postgresql), \
                           ::aurixa::store::testing::backend_param_name)

}  // namespace aurixa::store::testing
