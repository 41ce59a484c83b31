#include "core/log.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <cstdio>
#include <chrono>
#include <ctime>

#include "core/json_write.hpp"

namespace aurixa {
namespace {

std::string iso_now() {
  auto now = std::chrono::system_clock::now();
  auto t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  // The date-time part changes once a second: format it once per second per thread.
  thread_local std::time_t cached_t = -1;
  thread_local char cached[32];
  if (t != cached_t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &tm);
    cached_t = t;
  }
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", cached, static_cast<int>(ms));
  return out;
}

}  // namespace

namespace {

// A buffered stream sink: spdlog's stdout/stderr sinks fflush after every line, and its async logger
// wakes a thread per line; both cost more than the request being logged. Lines are buffered here
// and flushed by Log's flusher thread (every 200 ms) and immediately for warnings and errors.
class BufferedStreamSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit BufferedStreamSink(std::FILE* f) : file_(f) { std::setvbuf(file_, nullptr, _IOFBF, 1 << 16); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    std::fwrite(msg.payload.data(), 1, msg.payload.size(), file_);
    std::fputc('\n', file_);
  }
  void flush_() override { std::fflush(file_); }

 private:
  std::FILE* file_;
};

}  // namespace

Log::Log(const std::string& level, const std::string& sink_path) {
  spdlog::sink_ptr sink;
  if (sink_path.empty()) sink = std::make_shared<BufferedStreamSink>(stderr);
  else sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(sink_path);
  logger_ = std::make_shared<spdlog::logger>("aurixa", sink);
  logger_->set_pattern("%v");
  logger_->set_level(spdlog::level::from_str(level));
  logger_->flush_on(spdlog::level::warn);
  flusher_ = std::thread([this] {
    std::unique_lock lock(flusher_mu_);
    while (!flusher_cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_flusher_; }))
      logger_->flush();
  });
}

Log::~Log() {
  {
    std::lock_guard lock(flusher_mu_);
    stop_flusher_ = true;
  }
  flusher_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  flush();
}

void Log::flush() {
  if (logger_) logger_->flush();
}

namespace {

using json::append_string;

}  // namespace

// Hand-written JSON (not Boost.JSON): a log line is built on every request, so this path matters.
std::string Log::format(std::string_view level, std::string_view msg, std::initializer_list<LogField> fields) const {
  std::string out;
  out.reserve(256);
  out += "{\"ts\":\"";
  out += iso_now();
  out += "\",\"level\":\"";
  out += level;
  out += "\",\"msg\":";
  append_string(out, redactor_ ? redactor_(msg) : std::string(msg));
  for (const auto& f : fields) {
    out += ',';
    append_string(out, f.key);
    out += ':';
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string_view>) {
            append_string(out, redactor_ ? redactor_(v) : std::string(v));
          } else if constexpr (std::is_same_v<T, bool>) {
            out += v ? "true" : "false";
          } else if constexpr (std::is_same_v<T, double>) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.3f", std::isfinite(v) ? v : 0.0);
            out += buf;
          } else {
            out += std::to_string(v);
          }
        },
        f.value);
  }
  out += '}';
  return out;
}

void Log::write(int level, std::string_view name, std::string_view msg, std::initializer_list<LogField> fields) {
  auto lvl = static_cast<spdlog::level::level_enum>(level);
  if (!logger_->should_log(lvl)) return;
  logger_->log(lvl, format(name, msg, fields));
}

void Log::debug(std::string_view m, std::initializer_list<LogField> f) { write(spdlog::level::debug, "debug", m, f); }
void Log::info(std::string_view m, std::initializer_list<LogField> f) { write(spdlog::level::info, "info", m, f); }
void Log::warn(std::string_view m, std::initializer_list<LogField> f) { write(spdlog::level::warn, "warn", m, f); }
void Log::error(std::string_view m, std::initializer_list<LogField> f) { write(spdlog::level::err, "error", m, f); }

}  // namespace aurixa
