#pragma once
// SQLite WAL upkeep for Database (store-internal): the explicit flush that makes FULL durable outside the
// writer's lock, and checkpoints on a thread of their own instead of inside a writer's COMMIT.
#include <soci/soci.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>

namespace aurixa::store {

// fdatasync of a SQLite database's WAL file (its name as SQLite itself derives it), opened on first use and
// reopened if the file was replaced (SQLite deletes the WAL when the last connection to the database closes,
// in any process); the directory is fsynced whenever the file is (re)opened, so a newly created WAL's entry is
// durable too. A failed fdatasync is final: Linux may mark the unwritten pages clean, so a later flush could
// succeed without the lost frames, and commits after them would be acknowledged but unrecoverable (WAL frames
// chain their checksums). Every later flush fails until a restart, as PostgreSQL does after an fsync failure.
// Concurrent flushes run in parallel (the kernel lets a later one find less to write). Thread-safe.
class WalFlusher {
 public:
  explicit WalFlusher(std::string wal_path) : path_(std::move(wal_path)) {}
  void flush();

 private:
  void sync_directory();
  [[noreturn]] void fail(const char* what);  // with mu_ held
  const std::string path_;
  std::mutex mu_;
  std::shared_ptr<const int> fd_;  // closed when the last flush using it returns
  ino_t ino_ = 0;
  dev_t dev_ = 0;
  std::string failed_;  // set by the first failure: every later flush fails
};

// The WAL file's name as SQLite derives it from the database file `writer` opened (symbolic links resolved).
std::string wal_path(soci::session& writer);

// Checkpoints the WAL into the database file from a connection and thread of its own. SQLite's automatic
// checkpoint runs inside the COMMIT that crosses 1,000 WAL frames: that writer copies ~1,000 pages and syncs
// the database file while every transaction queued behind it waits (the conversation pipeline's p99 showed
// it). Here the writer's commit hook only notes the WAL's size; past `threshold_frames` this thread runs a
// PASSIVE checkpoint (never waits for readers or the writer, copies what it can), concurrently with later
// commits.
//
// A WAL only starts again from its first frame when a writer finds every frame copied and no reader in it.
// Under sustained writes a PASSIVE run never catches the writer, so the file grew without bound (800 MB after
// 10 s of cached pipeline turns, every append allocating blocks that each fdatasync then had to journal).
// Past `restart_frames`, when a PASSIVE run copied every frame, the thread therefore follows it with a RESTART
// checkpoint: it takes the writer's lock (waiting at most 20 ms for it and for readers still in the WAL, else it
// backs off, 100 ms doubling up to 1.6 s), copies the few frames committed since, and the next commit rewrites the WAL
// from its start (truncating a file grown past twice `restart_frames` pages: journal_size_limit). The file keeps
// its blocks, so later writes and flushes overwrite them in place.
class WalCheckpointer {
 public:
  WalCheckpointer(soci::session& writer, const std::function<std::unique_ptr<soci::session>()>& open_connection,
                  int threshold_frames = 1000, int restart_frames = 8000);
  ~WalCheckpointer();  // stops the thread (the last connection to close checkpoints what is left)
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  std::size_t checkpoints() const;  // completed runs (tests)
  std::size_t restarts() const;     // RESTART checkpoints that succeeded (tests, metrics)
  // Called by the writer's commit hook with the WAL's size in frames.
  void note_frames(int frames);

 private:
  void loop();
  std::unique_ptr<soci::session> conn_;
  const int threshold_, restart_frames_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool due_ = false, stop_ = false;
  std::size_t runs_ = 0, restarts_ = 0;
  int failed_restarts_ = 0;                              // loop() only
  std::chrono::steady_clock::time_point next_restart_;  // loop() only
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace aurixa::store
