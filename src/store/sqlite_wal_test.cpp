// SQLite WAL upkeep: checkpoints happen on the checkpointer's own thread and connection once the writer's WAL
// passes the threshold (the writer's commits no longer checkpoint themselves); the flush finds the WAL SQLite
// actually writes.
#include "store/sqlite_wal.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
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

// The checkpoint sequence number in a WAL file's header (bytes 12-15, big-endian): SQLite increments it each
// time a writer starts the WAL again from its first frame.
std::uint32_t wal_checkpoint_sequence(const std::string& wal) {
  std::ifstream in(wal, std::ios::binary);
  unsigned char h[16] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  return std::uint32_t{h[12]} << 24 | std::uint32_t{h[13]} << 16 | std::uint32_t{h[14]} << 8 | h[15];
}

// Sustained writes with a reader coming and going: a PASSIVE checkpoint never finds the whole WAL copied with
// nobody in it, so without the RESTART no commit ever starts the WAL again and the file grows with every row
// (3 frames each). With it the WAL restarts while rows keep coming, and a commit past the limit truncates it.
TEST_F(SqliteWal, SustainedWritesRestartTheWal) {
  auto writer = open();
  *writer << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)";
  auto reader = open();
  WalCheckpointer checkpointer(*writer, [&] { return open(); }, /*threshold_frames=*/20, /*restart_frames=*/200);
  const std::string blob(3000, 'x');
  const auto wal = wal_path(*writer);
  int rows = 0, restarts = 0;
  std::uint32_t sequence = 0;
  // Without pauses until a RESTART checkpoint ran and a commit started the WAL again (a quiet moment lets SQLite
  // restart it by itself too, hence both): at most 10 s or 20,000 rows (~80 MB of WAL if it never does).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((restarts == 0 || checkpointer.restarts() == 0) && rows < 20000 &&
         std::chrono::steady_clock::now() < deadline) {
    *writer << "INSERT INTO t (v) VALUES ('" + blob + "')";
    ++rows;
    const auto now = wal_checkpoint_sequence(wal);
    restarts += rows > 1 && now != sequence ? 1 : 0;
    sequence = now;
    if (rows % 50 == 0) {  // a short read transaction now and then
      int seen = 0;
      *reader << "SELECT COUNT(*) FROM t", soci::into(seen);
      EXPECT_EQ(seen, rows);
    }
  }
  EXPECT_GE(restarts, 1) << "the WAL never restarted under sustained writes: "
                         << std::filesystem::file_size(wal) << " bytes after " << rows << " rows";
  EXPECT_GE(checkpointer.restarts(), 1u);
  int seen = 0;
  *reader << "SELECT COUNT(*) FROM t", soci::into(seen);
  EXPECT_EQ(seen, rows);
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
