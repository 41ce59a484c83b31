#include "core/log.hpp"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

namespace aurixa {
namespace {

std::string iso_now() {
  auto now = std::chrono::system_clock::now();
  auto t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms));
  return out;
}

}  // namespace

Log::Log(const std::string& level, const std::string& sink_path) {
  pool_ = std::make_shared<spdlog::details::thread_pool>(8192, 1);
  spdlog::sink_ptr sink;
  if (sink_path.empty()) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  else sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(sink_path);
  logger_ = std::make_shared<spdlog::async_logger>("aurixa", sink, pool_, spdlog::async_overflow_policy::block);
  logger_->set_pattern("%v");
  logger_->set_level(spdlog::level::from_str(level));
  logger_->flush_on(spdlog::level::warn);
}

Log::~Log() { flush(); }

void Log::flush() {
  if (logger_) logger_->flush();
}

std::string Log::format(std::string_view level, std::string_view msg, std::initializer_list<LogField> fields) const {
  boost::json::object o;
  o["ts"] = iso_now();
  o["level"] = level;
  o["msg"] = redact(msg);
  for (const auto& f : fields) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string_view>) o[f.key] = redact(v);
          else o[f.key] = v;
        },
        f.value);
  }
  return boost::json::serialize(o);
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
