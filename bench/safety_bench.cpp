// Safety micro-benchmarks. Reproduce (docs/PERFORMANCE.md):
//   cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build-rel safety_bench
//   build-rel/bench/safety_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <string>

#include "roles/safety/pii.hpp"
#include "roles/safety/service.hpp"

using namespace aurixa::safety;

namespace {

// A realistic patient message mix (questions, scheduling, a little PII), repeated to the wanted size.
const char* kSentences[] = {
    "Hi, I'd like to move my appointment with Dr. Bell from Tuesday morning to Thursday afternoon if possible. ",
    "My daughter has had a fever of 101 since last night and a sore throat, should we come in today? ",
    "Can you refill my lisinopril 10 mg, I have three tablets left and the pharmacy said to call you. ",
    "My name is Laura Keller, born 04/12/1979, please call me back at (608) 555-0142 about my lab results. ",
    "Is the Lakeview North office open on Saturdays and is there parking near the entrance? ",
    "I had a stroke in 2019 and need a follow-up with neurology, my insurance changed in January. ",
    "No chest pain, just a cough that keeps me up at night, do I need to be seen? ",
    "Please email the visit summary to laura.keller79@example.com and bill the card on file. ",
};

std::string make_text(std::size_t bytes) {
  std::string s;
  for (std::size_t i = 0; s.size() < bytes; ++i) s += kSentences[i % (sizeof kSentences / sizeof *kSentences)];
  s.resize(bytes);
  return s;
}

void BM_Validate1KB(benchmark::State& state) {
  SafetyService svc;
  ValidateRequest req{make_text(1024), Stage::input, {}, {}};
  for (auto _ : state) benchmark::DoNotOptimize(svc.validate(req));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_Validate1KB)->Unit(benchmark::kMicrosecond);

void BM_EmergencyAssess1KB(benchmark::State& state) {
  EmergencyDetector d;
  const std::string text = make_text(1024);
  for (auto _ : state) benchmark::DoNotOptimize(d.assess(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * 1024);
}
BENCHMARK(BM_EmergencyAssess1KB)->Unit(benchmark::kMicrosecond);

void BM_PiiScan(benchmark::State& state) {
  PiiDetector d;
  const std::string text = make_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(d.detect(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_PiiScan)->Arg(1024)->Arg(64 << 10)->Arg(1 << 20)->Unit(benchmark::kMicrosecond);

// The rules alone, without the learned PERSON/ADDRESS tagger (on by default): BM_PiiScan - this = its cost.
void BM_PiiScanRulesOnly(benchmark::State& state) {
  PiiDetector d(false);
  const std::string text = make_text(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(d.detect(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_PiiScanRulesOnly)->Arg(1024)->Arg(64 << 10)->Unit(benchmark::kMicrosecond);

void BM_ValidateShortMessage(benchmark::State& state) {
  SafetyService svc;
  ValidateRequest req{"my face is drooping and I can't lift my arm", Stage::input, {}, {}};
  for (auto _ : state) benchmark::DoNotOptimize(svc.validate(req));
}
BENCHMARK(BM_ValidateShortMessage)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
