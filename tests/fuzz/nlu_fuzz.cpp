// libFuzzer target for the agent NLU (src/roles/agents/nlu): parse_datetime, extract_slots, classify_act and
// fold on arbitrary bytes (invalid UTF-8, long numbers, odd dates). The first 4 bytes pick "now" so month ends,
// leap days and late hours are covered. Invariants: dates are real YYYY-MM-DD days with first <= last, times
// lie inside the day, and slot values come from the vocabulary.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "roles/agents/nlu/nlu.hpp"

namespace nlu = aurixa::agents::nlu;

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  __builtin_trap();
}

bool valid_date(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

void check(const nlu::DateTime& dt) {
  if (dt.date) {
    if (!valid_date(dt.date->first) || !valid_date(dt.date->last)) fail("date is not a calendar day");
    if (dt.date->last < dt.date->first) fail("date range ends before it starts");
  }
  if (dt.time && !dt.time->same_time) {
    const auto& t = *dt.time;
    if (t.start_minute < 0 || t.start_minute > 24 * 60 || t.end_minute < t.start_minute || t.end_minute > 24 * 60)
      fail("time outside the day");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  nlu::Now now;
  if (size >= 4) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    now.year = 2024 + data[0] % 8;
    now.month = 1 + data[1] % 12;
    const bool leap = now.year % 4 == 0;
    now.day = 1 + data[2] % (now.month == 2 && !leap ? 28 : kDays[now.month - 1]);
    now.hour = data[3] % 24;
    now.minute = (data[3] * 7) % 60;
    data += 4;
    size -= 4;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  check(nlu::parse_datetime(text, now));

  static const nlu::Vocabulary* vocab = new nlu::Vocabulary{
      {"Dr. Adams", "Dr. Maria Lee", "Dr. Bell", "Dr. O'Neil"},
      {"family medicine", "dermatology", "", "pediatrics"},
      {"Lisinopril 10mg", "Metformin 500mg", "Atorvastatin"}};  // fuzzer-lifetime
  const auto slots = nlu::extract_slots(text, now, *vocab);
  check(slots.when);
  if (slots.provider && std::find(vocab->providers.begin(), vocab->providers.end(), *slots.provider) == vocab->providers.end())
    fail("provider not from the vocabulary");
  if (slots.medication &&
      std::find(vocab->medications.begin(), vocab->medications.end(), *slots.medication) == vocab->medications.end())
    fail("medication not from the vocabulary");

  (void)nlu::classify_act(text);
  const std::string folded = nlu::fold(text);
  if (nlu::fold(folded) != folded) fail("fold is not idempotent");
  return 0;
}
