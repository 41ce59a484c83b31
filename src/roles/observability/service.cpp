#include "roles/observability/service.hpp"

#include "core/log.hpp"
#include "store/database.hpp"
#include "store/telemetry.hpp"

namespace aurixa::observability {

void StoreTelemetryWriter::write(const std::vector<TelemetryEvent>& batch) {
  db_.write([&](store::Tx& tx) { store::TelemetryRepository(tx).insert(batch); });
}

Report query_report(store::Database& db, const ReportQuery& q) {
  store::TelemetryFilter f{q.from, q.to, q.tenant_id, q.service, q.event_type};
  auto events = db.read([&](store::Tx& tx) { return store::TelemetryRepository(tx).list(f); });
  auto r = build_report(events, q.from, q.to, q.bucket_seconds);
  r.generated_at = epoch_now();
  return r;
}

std::int64_t event_count(store::Database& db) {
  return db.read([](store::Tx& tx) { return store::TelemetryRepository(tx).count_all(); });
}

Retention::Retention(store::Database& db, Log& log, std::chrono::hours keep, std::chrono::milliseconds every)
    : db_(db), log_(log), keep_(keep) {
  thread_ = std::thread([this, every] {
    std::unique_lock lock(mu_);
    do {
      lock.unlock();
      try {
        run_once();
      } catch (const std::exception& e) {
        log_.warn("telemetry retention failed", {{"error", e.what()}});
      }
      lock.lock();
    } while (!cv_.wait_for(lock, every, [this] { return stop_; }));
  });
}

Retention::~Retention() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::int64_t Retention::run_once() {
  const double before = epoch_now() - std::chrono::duration<double>(keep_).count();
  auto n = db_.write([&](store::Tx& tx) { return store::TelemetryRepository(tx).delete_older_than(before); });
  if (n > 0) log_.info("telemetry retention", {{"deleted", n}});
  return n;
}

}  // namespace aurixa::observability
