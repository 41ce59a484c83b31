#include "store/sqlite_wal.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "store/dialect.hpp"

namespace aurixa::store {

void WalFlusher::flush() {
  std::shared_ptr<const int> fd;
  {
    std::lock_guard lock(mu_);
    if (!failed_.empty()) throw std::runtime_error(failed_);
    struct stat now {};
    if (::stat(path_.c_str(), &now) != 0) {
      if (errno == ENOENT && !fd_) return;  // no WAL yet: nothing has been written through it
      fail("stat");
    }
    if (!fd_ || now.st_ino != ino_ || now.st_dev != dev_) {
      const int raw = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);  // Linux flushes the inode through any descriptor
      if (raw < 0) fail("open");
      fd_ = std::shared_ptr<const int>(new int(raw), [](const int* p) {
        ::close(*p);
        delete p;
      });
      ino_ = now.st_ino;
      dev_ = now.st_dev;
      sync_directory();
    }
    fd = fd_;
  }
  if (::fdatasync(*fd) != 0) {
    std::lock_guard lock(mu_);
    fail("fdatasync");
  }
}

void WalFlusher::sync_directory() {
  const auto dir = std::filesystem::path(path_).parent_path();
  const int d = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (d < 0) fail("open directory of");
  const int rc = ::fsync(d);
  ::close(d);
  if (rc != 0) fail("fsync directory of");
}

void WalFlusher::fail(const char* what) {
  failed_ = std::string("cannot flush the SQLite WAL (") + what + " " + path_ + "): " + std::strerror(errno) +
            "; restart the process once the disk is healthy";
  throw std::runtime_error(failed_);
}

namespace {

constexpr std::chrono::milliseconds kRestartWait{20};
// After a RESTART that could not finish in time, the next try waits this long, doubled per failure up to 1.6 s.
constexpr std::chrono::milliseconds kRestartBackoff{100};

sqlite_api::sqlite3* handle(soci::session& s) {
  return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

int on_commit(void* self, sqlite_api::sqlite3*, const char*, int frames) {
  static_cast<WalCheckpointer*>(self)->note_frames(frames);
  return 0;  // SQLITE_OK
}

}  // namespace

std::string wal_path(soci::session& writer) {
  const auto* db_file = sqlite_api::sqlite3_db_filename(handle(writer), "main");
  if (!db_file || !*db_file) throw std::runtime_error("SQLite reports no file name for the database");
  return sqlite_api::sqlite3_filename_wal(db_file);
}

WalCheckpointer::WalCheckpointer(soci::session& writer,
                                 const std::function<std::unique_ptr<soci::session>()>& open_connection,
                                 int threshold_frames, int restart_frames)
    : conn_(open_connection()),
      threshold_(threshold_frames),
      restart_frames_(std::max(threshold_frames, restart_frames)),
      thread_([this] { loop(); }) {
  // Only RESTART waits (for the writer's lock, then for readers still in the WAL), and the writer waits behind
  // it meanwhile: briefly.
  dialect::set_sqlite_busy_wait(*conn_, kRestartWait);
  int page_size = 4096;
  writer << "PRAGMA page_size", soci::into(page_size);
  // The commit that restarts the WAL truncates a file grown past twice the restart size (24 bytes of header per
  // frame); below that the file keeps its blocks, and later commits overwrite them in place.
  writer << "PRAGMA journal_size_limit = " +
                std::to_string(2LL * restart_frames_ * (page_size + 24) + 32);
  // Replaces SQLite's automatic checkpoint on this connection (which is itself a WAL hook).
  sqlite_api::sqlite3_wal_hook(handle(writer), &on_commit, this);
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void WalCheckpointer::note_frames(int frames) {
  if (frames < threshold_) return;
  {
    std::lock_guard lock(mu_);
    if (due_) return;
    due_ = true;
  }
  cv_.notify_one();
}

std::size_t WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mu_);
  return runs_;
}

std::size_t WalCheckpointer::restarts() const {
  std::lock_guard lock(mu_);
  return restarts_;
}

void WalCheckpointer::loop() {
  pthread_setname_np(pthread_self(), "wal-checkpoint");
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stop_ || due_; });
      if (stop_) return;
      due_ = false;
    }
    int log = 0, copied = 0;
    // PASSIVE: no busy-waiting on readers or the writer; what cannot be copied now is copied next time.
    sqlite_api::sqlite3_wal_checkpoint_v2(handle(*conn_), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    // A RESTART holds the writer's lock while it copies what the PASSIVE run left and waits for readers: try it
    // only when that run copied everything (no reader holds an old snapshot) and not right after a failure.
    bool restarted = false;
    const auto now = std::chrono::steady_clock::now();
    if (log >= restart_frames_ && copied == log && now >= next_restart_) {
      restarted = sqlite_api::sqlite3_wal_checkpoint_v2(handle(*conn_), "main", SQLITE_CHECKPOINT_RESTART, &log,
                                                        &copied) == SQLITE_OK;
      failed_restarts_ = restarted ? 0 : std::min(failed_restarts_ + 1, 5);
      next_restart_ = restarted ? now : now + kRestartBackoff * (1 << (failed_restarts_ - 1));
    }
    std::unique_lock lock(mu_);
    ++runs_;
    restarts_ += restarted ? 1 : 0;
    // While a reader holds an old snapshot the WAL cannot be copied past it: at most one try per 20 ms.
    cv_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stop_; });
  }
}

}  // namespace aurixa::store
