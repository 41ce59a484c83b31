// SQLite WAL upkeep: checkpoints happen on the checkpointer's own thread and connection once the writer's WAL
// passes the threshold (the writer's commits no longer checkpoint themselves); the flush finds the WAL SQLite
// actually writes.
#include "store/sqlite_wal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
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
  // (Its first run may start as soon as the WAL holds 20 frames, a page and its parent per row: ~9 pages.)
  EXPECT_GT(std::filesystem::file_size(db_file), before + 4 * 4096);
  int rows = 0;
  *writer << "SELECT COUNT(*) FROM t", soci::into(rows);
  EXPECT_EQ(rows, 60);
}

// Sustained writes with a reader coming and going: a PASSIVE checkpoint never finds the whole WAL copied with
// nobody in it, so without the RESTART the WAL file only grows (~50 MB here, 3 frames per row). With it, the
// first commit after a RESTART rewrites the WAL from its start and truncates the file to the limit.
TEST_F(SqliteWal, SustainedWritesKeepTheWalBounded) {
  auto writer = open();
  *writer << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)";
  auto reader = open();
  constexpr int kRestartFrames = 200;
  WalCheckpointer checkpointer(*writer, [&] { return open(); }, /*threshold_frames=*/20, kRestartFrames);
  const std::string blob(3000, 'x');
  const auto insert = [&] { *writer << "INSERT INTO t (v) VALUES ('" + blob + "')"; };
  constexpr int kRows = 4000;
  std::uintmax_t largest = 0;
  for (int i = 0; i < kRows; ++i) {
    insert();
    largest = std::max(largest, std::filesystem::file_size(wal_path(*writer)));
    if (i % 50 == 0) {  // a short read transaction now and then
      int rows = 0;
      *reader << "SELECT COUNT(*) FROM t", soci::into(rows);
      EXPECT_EQ(rows, i + 1);
    }
  }
  // While rows keep coming the WAL grows by what is written between two checkpointer runs (~8 MB here), not by
  // everything written (~50 MB).
  EXPECT_LT(largest, std::uintmax_t{kRows} * 4120 /* a third of the frames written */) << "the WAL kept growing under sustained writes";
  const auto limit = std::uintmax_t{kRestartFrames} * (4096 + 24) + 32;  // journal_size_limit
  // Once writes slow down, a RESTART gets its turn and the commit after it truncates the file to the limit.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  int extra = 0;
  while (std::filesystem::file_size(wal_path(*writer)) > limit && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    insert();
    ++extra;
  }
  EXPECT_LE(std::filesystem::file_size(wal_path(*writer)), limit) << "the WAL kept growing";
  EXPECT_GE(checkpointer.restarts(), 1u);
  int rows = 0;
  *reader << "SELECT COUNT(*) FROM t", soci::into(rows);
  EXPECT_EQ(rows, kRows + extra);
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
