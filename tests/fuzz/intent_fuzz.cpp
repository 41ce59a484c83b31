// libFuzzer target for the offline intent classifier (src/roles/orchestration/intent) on arbitrary bytes, with
// and without dialogue context. Invariants: the intent is one of labels(), probabilities lie in [0, 1], at most
// three alternatives, none of them the chosen intent.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "roles/orchestration/intent/classifier.hpp"

namespace intent = aurixa::orchestration::intent;

namespace {
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "invariant violated: %s\n", what);
  __builtin_trap();
}
bool known(const std::string& label) {
  const auto& l = intent::labels();
  return std::find(l.begin(), l.end(), label) != l.end();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const intent::Classifier* classifier = intent::builtin_classifier().release();  // fuzzer-lifetime
  intent::Context ctx;
  if (size > 0) {
    const auto& l = intent::labels();
    if (data[0] & 1) ctx.pending_intent = l[(data[0] >> 2) % l.size()];
    ctx.awaiting_confirmation = (data[0] & 2) != 0;
    ++data;
    --size;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto c = classifier->classify(text, ctx);
  if (!known(c.intent)) fail("unknown intent");
  if (!(c.confidence >= 0 && c.confidence <= 1)) fail("confidence outside [0, 1]");
  if (c.alternatives.size() > 3) fail("more than three alternatives");
  for (const auto& a : c.alternatives) {
    if (!known(a.intent)) fail("unknown alternative");
    if (!(a.confidence >= 0 && a.confidence <= 1)) fail("alternative confidence outside [0, 1]");
  }
  return 0;
}
