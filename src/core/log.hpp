#pragma once
// JSON-lines logging on spdlog (stderr, buffered; flushed every 200 ms and at once for warnings). Every string field passes through the redaction
// hook before a line is written, so personal data detected by the safety role never reaches a log.
// Thread-safe; owned by the App (no global logger).
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace spdlog {
class logger;
}  // namespace spdlog

namespace aurixa {

struct LogField {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double, bool> value;
};

class Log {
 public:
  using Redactor = std::function<std::string(std::string_view)>;

  // level: trace|debug|info|warn|error|off. sink_path empty = stderr.
  explicit Log(const std::string& level, const std::string& sink_path = {});
  ~Log();

  // Installs the PII redactor; set once at start-up before requests are served.
  void set_redactor(Redactor r) { redactor_ = std::move(r); }
  std::string redact(std::string_view s) const { return redactor_ ? redactor_(s) : std::string(s); }

  void debug(std::string_view msg, std::initializer_list<LogField> fields = {});
  void info(std::string_view msg, std::initializer_list<LogField> fields = {});
  void warn(std::string_view msg, std::initializer_list<LogField> fields = {});
  void error(std::string_view msg, std::initializer_list<LogField> fields = {});
  void flush();

  // Formats one JSON line (exposed for tests).
  std::string format(std::string_view level, std::string_view msg, std::initializer_list<LogField> fields) const;

 private:
  void write(int level, std::string_view name, std::string_view msg, std::initializer_list<LogField> fields);

  std::shared_ptr<spdlog::logger> logger_;
  std::thread flusher_;
  std::mutex flusher_mu_;
  std::condition_variable flusher_cv_;
  bool stop_flusher_ = false;
  Redactor redactor_;
};

}  // namespace aurixa
