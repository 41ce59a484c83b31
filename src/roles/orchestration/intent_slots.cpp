#include <chrono>
#include <ctime>

#include "roles/agents/nlu/nlu.hpp"
#include "roles/orchestration/routes.hpp"

namespace aurixa::orchestration {

boost::json::object intent_slots(const std::string& text) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const agents::nlu::Now now{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min};
  const auto s = agents::nlu::extract_slots(text, now, {});
  boost::json::object o;
  if (s.when.date) o["date"] = s.when.date->phrase;
  if (s.when.time) o["time"] = s.when.time->phrase;
  if (s.reason) o["reason"] = *s.reason;
  if (s.medication) o["medication"] = *s.medication;
  if (s.provider) o["provider"] = *s.provider;
  return o;
}

}  // namespace aurixa::orchestration
