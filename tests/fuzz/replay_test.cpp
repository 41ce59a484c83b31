// Replays the inputs committed under tests/fuzz/regressions/<harness>/ (each one crashed or broke an invariant
// before its fix) through the fuzz harnesses, compiled without libFuzzer. A harness traps on a violated
// invariant, and an unexpected exception escapes, so a regression fails this test.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int nlu_fuzz_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int intent_fuzz_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int router_fuzz_one_input(const std::uint8_t* data, std::size_t size);
extern "C" int pipeline_request_fuzz_one_input(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

fs::path regressions_dir() {
  const char* src = std::getenv("AURIXA_SOURCE_DIR");
  return fs::path(src && *src ? src : AURIXA_SOURCE_DIR_DEFAULT) / "tests" / "fuzz" / "regressions";
}

// Returns how many inputs were replayed.
int replay(const std::string& harness, int (*one_input)(const std::uint8_t*, std::size_t)) {
  const auto dir = regressions_dir() / harness;
  int n = 0;
  if (!fs::is_directory(dir)) return n;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    SCOPED_TRACE(entry.path().string());
    one_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++n;
  }
  return n;
}

TEST(FuzzRegressions, RegressionDirectoryExists) { EXPECT_TRUE(fs::is_directory(regressions_dir())); }

TEST(FuzzRegressions, PipelineRequestInputs) {
  // tenant_id 1844674407370955615 was accepted as a number but its "t-<id>" form was refused (round trip).
  EXPECT_GE(replay("pipeline_request_fuzz", pipeline_request_fuzz_one_input), 1);
}

TEST(FuzzRegressions, NluInputs) { replay("nlu_fuzz", nlu_fuzz_one_input); }
TEST(FuzzRegressions, IntentInputs) { replay("intent_fuzz", intent_fuzz_one_input); }
TEST(FuzzRegressions, RouterInputs) { replay("router_fuzz", router_fuzz_one_input); }

// The harnesses accept any bytes, including none.
TEST(FuzzRegressions, EmptyInputIsHandledByEveryHarness) {
  for (auto* one_input : {nlu_fuzz_one_input, intent_fuzz_one_input, router_fuzz_one_input,
                          pipeline_request_fuzz_one_input})
    EXPECT_EQ(one_input(nullptr, 0), 0);
}

}  // namespace
