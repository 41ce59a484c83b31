// libFuzzer target for SafetyService::validate (any bytes: invalid UTF-8, huge tokens, odd digits).
// Build with clang (see CMakeLists.txt, AURIXA_FUZZ=ON); run e.g. `safety_fuzz -max_total_time=60`.
#include <cstddef>
#include <cstdint>
#include <string>

#include "roles/safety/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static aurixa::safety::SafetyService* svc = new aurixa::safety::SafetyService();  // fuzzer-lifetime
  aurixa::safety::ValidateRequest req;
  req.text.assign(reinterpret_cast<const char*>(data), size);
  req.stage = size % 2 ? aurixa::safety::Stage::input : aurixa::safety::Stage::output;
  auto r = svc->validate(req);
  // Invariants: entity offsets are inside the text and slice back to the reported text.
  for (const auto& e : r.entities)
    if (e.start > e.end || e.text.empty()) __builtin_trap();
  (void)svc->redact(req.text);
  return 0;
}
