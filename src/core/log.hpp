#pragma once
// JSON-lines logging on spdlog (stderr, asynchronous). Every string field passes through the redaction
// hook before a line is written, so personal data detected by the safety role never reaches a log.
// Thread-safe; owned by the App (no global logger).
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace spdlog {
class logger;
namespace details {
class thread_pool;
}
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

  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::logger> logger_;
  Redactor redactor_;
};

}  // namespace aurixa
