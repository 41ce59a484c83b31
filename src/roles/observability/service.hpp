#pragma once
// Storage side of observability: the telemetry writer over the store and the retention loop.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/telemetry.hpp"
#include "roles/observability/report.hpp"

namespace aurixa {
class Log;
namespace store {
class Database;
}
}  // namespace aurixa

namespace aurixa::observability {

class StoreTelemetryWriter final : public TelemetryWriter {
 public:
  explicit StoreTelemetryWriter(store::Database& db) : db_(db) {}
  void write(const std::vector<TelemetryEvent>& batch) override;

 private:
  store::Database& db_;
};

struct ReportQuery {
  double from = 0, to = 0, bucket_seconds = 0;
  std::optional<std::int64_t> tenant_id;
  std::optional<std::string> service, event_type;
};

Report query_report(store::Database& db, const ReportQuery& q);
std::int64_t event_count(store::Database& db);

// Deletes events older than the retention period, once at start and then every `every`.
class Retention {
 public:
  Retention(store::Database& db, Log& log, std::chrono::hours keep, std::chrono::milliseconds every);
  ~Retention();
  std::int64_t run_once();

 private:
  store::Database& db_;
  Log& log_;
  std::chrono::hours keep_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace aurixa::observability
