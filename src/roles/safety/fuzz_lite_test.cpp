// safety_fuzz_lite: a bounded randomized run of the fuzz harness (fuzz_validate.cpp) in the normal build,
// so `make test` exercises validate() on odd inputs without clang/libFuzzer. Seeds (below, plus any
// files under tests/fuzz/regressions/safety_fuzz/) are mutated by a fixed-seed PRNG: byte flips,
// insertions of interesting tokens, deletions, duplications, splices and truncations (which split UTF-8
// sequences). The harness traps on a broken invariant; this target is built with ASan/UBSan (see
// CMakeLists.txt), so memory errors and undefined behaviour fail the test too.
//   AURIXA_FUZZ_LITE_RUNS=200000 AURIXA_FUZZ_LITE_SECONDS=600 safety_fuzz_lite   (longer on demand)
//   AURIXA_FUZZ_LITE_SEED=n picks another mutation sequence; AURIXA_FUZZ_LITE_DUMP=FILE keeps the last input.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int safety_fuzz_one_input(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

int one(const std::string& s) { return safety_fuzz_one_input(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()); }

long env_number(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

std::vector<std::string> seeds() {
  std::vector<std::string> s = {
      "",
      "I took the whole bottle of my pills",
      "my face is drooping and I can't lift my arm",
      "no chest pain, just a cough. My dad had a stroke in 2019.",
      "this bill is killing me lol",
      "quiero morir, no aguanto mas",
      "My name is Laura Keller, born 04/12/1979, call me at (608) 555-0142 or +44 20 7946 0958.",
      "SSN 536-22-8741, card 4111 1111 1111 1111, MRN: 00881273, NPI 1234567893, DEA AB1234563",
      "MBI 1EG4-TE5-MK73 from 10.1.2.3 and 2001:db8::1, email jane.doe+clinic@example.org",
      "Send it to 4821 Mannerheimintie 12 Apt. 5, Helsinki, Finland 00100 please",
      "PSC 1234, Box 5678\nAPO AE 09123",
      "the corner of Csabai kapu 39. and Mathias Pass",
      "our founders: Quist, Okafor and Lindqvist; What's your last name? Okonkwo",
      "Señora José: 536-22-8741 — ½ ﬁ Ⅻ 𝔸 ｆｕｌｌ ｗｉｄｔｈ ‘quoted’ “text” …",
      "Dr. Lee said Mr. Halvorsen's phone 259.735.7502x459 is at 1600 Pennsylvania Ave NW, Washington, DC 20500",
      std::string(300, '9'),
      std::string("\xff\xfe\xc3\x28\xe2\x82\x28\xf0\x28\x8c\x28", 11),
  };
  const char* src = std::getenv("AURIXA_SOURCE_DIR");
  const fs::path dir = fs::path(src && *src ? src : AURIXA_SOURCE_DIR_DEFAULT) / "tests" / "fuzz" / "regressions" /
                       "safety_fuzz";
  if (fs::is_directory(dir))
    for (const auto& entry : fs::directory_iterator(dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      s.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  return s;
}

// Tokens that steer mutations towards the detectors' edge cases.
const std::vector<std::string>& dictionary() {
  static const std::vector<std::string> k = {
      "@", ".", "-", " ", "\n", ",", ":", "'", "\xE2\x80\x99", "(", ")", "+1 ", "x12", "Apt. ", "Suite ", "PSC ",
      "Box ", "P.O. Box ", " Street", " St.", "katu ", "ul. ", "the corner of ", "Mr. ", "Dr. ", "my name is ",
      "born ", "DOB ", "SSN ", "card ", "MRN ", "NPI ", "not ", "no ", "my mom ", "chest pain", "can't breathe",
      "overdose", "suicide", "988", "0000", "4111111111111111", "078-05-1120", "192.168.0.1", "::", "fe80::",
      "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE2\x80\x8B", "\xC0\x80", "\xED\xA0\x80", std::string(1, '\0')};
  return k;
}

std::string mutate(std::string s, const std::vector<std::string>& pool, std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
  const int steps = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < steps; ++k) {
    switch (rng() % 7) {
      case 0:  // flip a byte
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:  // insert a dictionary token
        s.insert(pick(s.size() + 1), dictionary()[pick(dictionary().size())]);
        break;
      case 2:  // delete a range
        if (!s.empty()) {
          const std::size_t b = pick(s.size());
          s.erase(b, 1 + pick(std::min<std::size_t>(16, s.size() - b)));
        }
        break;
      case 3:  // duplicate a chunk (long repetitive inputs)
        if (!s.empty() && s.size() < 4096) {
          const std::size_t b = pick(s.size());
          const std::string chunk = s.substr(b, 1 + pick(64));
          for (int r = 0, n = 1 + static_cast<int>(rng() % 8); r < n; ++r) s.insert(b, chunk);
        }
        break;
      case 4:  // splice with another seed
        s += pool[pick(pool.size())].substr(0, pick(128));
        break;
      case 5:  // truncate (often in the middle of a UTF-8 sequence)
        if (!s.empty()) s.resize(pick(s.size()));
        break;
      default:  // random byte
        s.insert(pick(s.size() + 1), 1, static_cast<char>(rng() & 0xFF));
        break;
    }
  }
  if (s.size() > 8192) s.resize(8192);
  return s;
}

TEST(SafetyFuzzLite, SeedsAreHandled) {
  for (const auto& s : seeds()) EXPECT_EQ(one(s), 0);
}

TEST(SafetyFuzzLite, BoundedRandomMutationsKeepInvariants) {
  const long runs = env_number("AURIXA_FUZZ_LITE_RUNS", 20000);
  const long seconds = env_number("AURIXA_FUZZ_LITE_SECONDS", 40);  // a cap for slow (sanitized, shared) hosts
  std::mt19937_64 rng(static_cast<std::uint64_t>(env_number("AURIXA_FUZZ_LITE_SEED", 20251126)));
  std::vector<std::string> pool = seeds();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  // AURIXA_FUZZ_LITE_DUMP=FILE writes each input to FILE before running it: after a crash FILE holds the
  // input to add under tests/fuzz/regressions/safety_fuzz/.
  const char* dump = std::getenv("AURIXA_FUZZ_LITE_DUMP");
  long done = 0;
  for (; done < runs; ++done) {
    if ((done & 255) == 0 && std::chrono::steady_clock::now() > deadline) break;
    std::string input = mutate(pool[static_cast<std::size_t>(rng() % pool.size())], pool, rng);
    if (dump) std::ofstream(dump, std::ios::binary | std::ios::trunc) << input;  // the input that crashed
    ASSERT_EQ(one(input), 0);
    if (pool.size() < 512 && rng() % 16 == 0) pool.push_back(std::move(input));  // grow the corpus a little
  }
  RecordProperty("runs", static_cast<int>(done));
  std::printf("safety_fuzz_lite: %ld inputs\n", done);
  EXPECT_GE(done, std::min<long>(runs, 1000));  // even a slow host gets a meaningful number of inputs
}

}  // namespace
