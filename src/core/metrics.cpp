#include "core/metrics.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace aurixa {
namespace {

void atomic_add(std::atomic<double>& a, double v) {
  double cur = a.load(std::memory_order_relaxed);
  while (!a.compare_exchange_weak(cur, cur + v, std::memory_order_relaxed)) {
  }
}

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string format_double(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string label_set(const std::vector<std::string>& names, const Labels& values, const std::string& extra = {}) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (out.empty() ? "" : ",") + names[i] + "=\"" + escape_label(values[i]) + "\"";
  if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
  return out.empty() ? "" : "{" + out + "}";
}

}  // namespace

void Counter::inc(double v) { atomic_add(value_, v); }
void Gauge::add(double v) { atomic_add(value_, v); }

Histogram::Histogram(const std::vector<double>& bounds)
    : bounds_(bounds), buckets_(new std::atomic<std::uint64_t>[bounds.size() + 1]) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  atomic_add(sum_, v);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::cumulative() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t acc = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) out[i] = acc += buckets_[i].load(std::memory_order_relaxed);
  return out;
}

const std::vector<double>& Metrics::default_latency_buckets() {
  static const std::vector<double> k = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                        0.1,    0.25,  0.5,    1,     2.5,  5,     10, 30, 60};
  return k;
}

Metrics::Metrics() {
  gauge("process_resident_memory_bytes", "Resident memory size in bytes.", {}, {});
  gauge("process_uptime_seconds", "Seconds since the process started.", {}, {});
  gauge("process_open_fds", "Number of open file descriptors.", {}, {});
}

Metrics::Family& Metrics::family(const std::string& name, Kind kind, const std::string& help,
                                 const std::vector<std::string>& labels, const std::vector<double>& bounds) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(name, Family{kind, help, labels, bounds, {}, {}, {}}).first;
  } else if (it->second.kind != kind || it->second.label_names != labels) {
    throw std::logic_error("metric " + name + " registered twice with a different shape");
  }
  return it->second;
}

template <class T>
T& Metrics::series(Kind kind, std::map<Labels, std::unique_ptr<T>> Family::*member, const std::string& name,
                   const std::string& help, const std::vector<std::string>& label_names, const Labels& values,
                   const std::vector<double>& bounds) {
  {
    std::shared_lock lock(mutex_);
    auto f = families_.find(name);
    if (f != families_.end()) {
      auto& m = f->second.*member;
      if (auto s = m.find(values); s != m.end()) return *s->second;
    }
  }
  std::unique_lock lock(mutex_);
  auto& fam = family(name, kind, help, label_names, bounds);
  if (values.size() != label_names.size()) throw std::logic_error("label count mismatch for " + name);
  auto& slot = (fam.*member)[values];
  if (!slot) {
    if constexpr (std::is_same_v<T, Histogram>) slot = std::make_unique<T>(fam.bounds);
    else slot = std::make_unique<T>();
  }
  return *slot;
}

Counter& Metrics::counter(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                          const Labels& values) {
  return series(Kind::counter, &Family::counters, name, help, label_names, values, {});
}

Gauge& Metrics::gauge(const std::string& name, const std::string& help, const std::vector<std::string>& label_names,
                      const Labels& values) {
  return series(Kind::gauge, &Family::gauges, name, help, label_names, values, {});
}

Histogram& Metrics::histogram(const std::string& name, const std::string& help,
                              const std::vector<std::string>& label_names, const Labels& values,
                              const std::vector<double>& bounds) {
  return series(Kind::histogram, &Family::histograms, name, help, label_names, values, bounds);
}

std::uint64_t process_rss_bytes() {
  std::ifstream in("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(in >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::string Metrics::render() {
  gauge("process_resident_memory_bytes", "", {}, {}).set(static_cast<double>(process_rss_bytes()));
  gauge("process_uptime_seconds", "", {}, {})
      .set(std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count());
  std::error_code ec;
  double fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) ++fds;
  gauge("process_open_fds", "", {}, {}).set(fds);

  std::ostringstream out;
  std::shared_lock lock(mutex_);
  for (const auto& [name, f] : families_) {
    const char* type = f.kind == Kind::counter ? "counter" : f.kind == Kind::gauge ? "gauge" : "histogram";
    out << "# HELP " << name << ' ' << f.help << "\n# TYPE " << name << ' ' << type << '\n';
    for (const auto& [labels, c] : f.counters) out << name << label_set(f.label_names, labels) << ' ' << format_double(c->value()) << '\n';
    for (const auto& [labels, g] : f.gauges) out << name << label_set(f.label_names, labels) << ' ' << format_double(g->value()) << '\n';
    for (const auto& [labels, h] : f.histograms) {
      auto cum = h->cumulative();
      for (std::size_t i = 0; i < cum.size(); ++i) {
        std::string le = "le=\"" + (i < h->bounds().size() ? format_double(h->bounds()[i]) : std::string("+Inf")) + "\"";
        out << name << "_bucket" << label_set(f.label_names, labels, le) << ' ' << cum[i] << '\n';
      }
      out << name << "_sum" << label_set(f.label_names, labels) << ' ' << format_double(h->sum()) << '\n';
      out << name << "_count" << label_set(f.label_names, labels) << ' ' << cum.back() << '\n';
    }
  }
  return out.str();
}

}  // namespace aurixa
