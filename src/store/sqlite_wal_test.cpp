// SQLite WAL upkeep: checkpoints happen on the checkpointer's own thread and connection once the writer's WAL
// passes the threshold (the writer's commits no longer checkpoint themselves); the flush finds the WAL SQLite
// actually writes.
#include "store/sqlite_wal.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/database.hpp"
#include "store/dialect.hpp"

namespace aurixa::store {
namespace {

class SqliteWal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = std::filesystem::path(::testing::TempDir()) / ("aurixa-wal-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    options.url = "sqlite:" + (dir / "t.db").string();
    target = dialect::resolve(options);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::unique_ptr<soci::session> open() {
    auto s = std::make_unique<soci::session>();
    dialect::open(*s, target, options, true);
    return s;
  }
  std::filesystem::path dir;
  DatabaseOptions options;
  dialect::Target target;
};

TEST_F(SqliteWal, CheckpointsRunOnTheirOwnThreadPastTheThreshold) {
  auto writer = open();
  *writer << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)";
  const auto db_file = dir / "t.db";
  const auto before = std::filesystem::file_size(db_file);
  WalCheckpointer checkpointer(*writer, [&] { return open(); }, /*threshold_frames=*/20);
  const std::string blob(3000, 'x');  // about a page per row
  for (int i = 0; i < 60; ++i) *writer << "INSERT INTO t (v) VALUES ('" + blob + "')";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_GE(checkpointer.checkpoints(), 1u);
  // Far below SQLite's own 1,000-frame automatic checkpoint: only the checkpointer copied pages into the file.
  EXPECT_GT(std::filesystem::file_size(db_file), before + 20 * 4096);
  int rows = 0;
  *writer << "SELECT COUNT(*) FROM t", soci::into(rows);
  EXPECT_EQ(rows, 60);
}

// A database opened through a symbolic link to its file: SQLite names the WAL after the resolved file, so a
// flush that guessed "<configured path>-wal" would find no file and silently flush nothing.
TEST_F(SqliteWal, FlushFindsTheWalSqliteNamesEvenThroughASymlink) {
  std::filesystem::create_directories(dir / "real");
  {
    options.url = "sqlite:" + (dir / "real" / "s.db").string();
    target = dialect::resolve(options);
    auto create = open();
    *create << "CREATE TABLE t (id INTEGER PRIMARY KEY)";
  }
  std::filesystem::create_symlink(dir / "real" / "s.db", dir / "link.db");
  options.url = "sqlite:" + (dir / "link.db").string();
  target = dialect::resolve(options);
  auto writer = open();
  *writer << "INSERT INTO t DEFAULT VALUES";
  const auto wal = wal_path(*writer);
  EXPECT_TRUE(std::filesystem::exists(wal)) << wal;
  WalFlusher flusher(wal);
  EXPECT_NO_THROW(flusher.flush());
  EXPECT_NO_THROW(flusher.flush());
}

}  // namespace
}  // namespace aurixa::store
