// libFuzzer target for SafetyService::validate (any bytes: invalid UTF-8, huge tokens, odd digits).
// Build with clang (see CMakeLists.txt, AURIXA_FUZZ=ON); run e.g. `safety_fuzz -max_total_time=60`.
// The same harness runs in `make test` as safety_fuzz_lite (fuzz_lite_test.cpp: seeds + deterministic
// mutations, under ASan/UBSan), where its entry point is renamed to safety_fuzz_one_input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "roles/safety/service.hpp"

namespace {
// Well-formed UTF-8 (RFC 3629 shapes). Code-point offsets are only defined for such text: the HTTP layer
// rejects anything else, and for raw bytes a stray continuation byte joins the previous code point.
bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static aurixa::safety::SafetyService* svc = new aurixa::safety::SafetyService();  // fuzzer-lifetime
  aurixa::safety::ValidateRequest req;
  req.text.assign(reinterpret_cast<const char*>(data), size);
  req.stage = size % 3 == 0 ? aurixa::safety::Stage::tool
                            : (size % 3 == 1 ? aurixa::safety::Stage::input : aurixa::safety::Stage::output);
  auto r = svc->validate(req);
  // Invariants: entities are sorted, do not overlap, lie inside the text (code points) and their text is
  // exactly the request text between start and end.
  std::vector<std::size_t> cp_byte;  // byte offset of each code point start, plus the end
  for (std::size_t i = 0; i < req.text.size(); ++i)
    if ((static_cast<unsigned char>(req.text[i]) & 0xC0) != 0x80) cp_byte.push_back(i);
  cp_byte.push_back(req.text.size());
  const bool utf8 = valid_utf8(req.text);
  std::size_t prev_end = 0;
  for (const auto& e : r.entities) {
    if (e.start >= e.end || e.text.empty() || e.start < prev_end || e.end >= cp_byte.size()) __builtin_trap();
    if (utf8 && req.text.compare(cp_byte[e.start], cp_byte[e.end] - cp_byte[e.start], e.text) != 0)
      __builtin_trap();
    prev_end = e.end;
  }
  if (r.severity < 0 || r.severity > 1) __builtin_trap();
  (void)svc->redact(req.text);
  return 0;
}
