#pragma once
// Prometheus metrics (text exposition format 0.0.4). Families are created at start-up or lazily;
// series are looked up by label values under a shared lock and updated with atomics, so the hot path
// takes no exclusive lock once a series exists. Thread-safe.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace aurixa {

class Counter {
 public:
  void inc(double v = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void set(double v) { value_.store(v, std::memory_order_relaxed); }
  void add(double v);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  explicit Histogram(const std::vector<double>& bounds);
  void observe(double v);
  // Cumulative counts per bound (+Inf last), sum and count, read non-atomically as a whole.
  std::vector<std::uint64_t> cumulative() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0.0};
  std::atomic<std::uint64_t> count_{0};
};

using Labels = std::vector<std::string>;  // values, in the order of the family's label names

class Metrics {
 public:
  Metrics();
  Counter& counter(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                   const Labels& values);
  Gauge& gauge(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
               const Labels& values);
  Histogram& histogram(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                       const Labels& values, const std::vector<double>& bounds = default_latency_buckets());

  // Full exposition text; also refreshes process metrics (RSS, uptime, open fds).
  std::string render();
  static const std::vector<double>& default_latency_buckets();

 private:
  enum class Kind { counter, gauge, histogram };
  struct Family {
    Kind kind;
    std::string help;
    std::vector<std::string> label_names;
    std::vector<double> bounds;
    std::map<Labels, std::unique_ptr<Counter>> counters;
    std::map<Labels, std::unique_ptr<Gauge>> gauges;
    std::map<Labels, std::unique_ptr<Histogram>> histograms;
  };
  Family& family(const std::string& name, Kind kind, const std::string& help, const std::vector<std::string>& labels,
                 const std::vector<double>& bounds);
  template <class T>
  T& series(Kind kind, std::map<Labels, std::unique_ptr<T>> Family::*member, const std::string& name,
            const std::string& help, const std::vector<std::string>& label_names, const Labels& values,
            const std::vector<double>& bounds);

  std::shared_mutex mutex_;
  std::map<std::string, Family> families_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// Process resident set size in bytes (from /proc/self/statm); 0 when unavailable.
std::uint64_t process_rss_bytes();

}  // namespace aurixa
