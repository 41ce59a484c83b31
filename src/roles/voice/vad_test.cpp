#include "roles/voice/vad.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace aurixa::voice {
namespace {

std::vector<std::int16_t> noise(std::size_t n, double amp, unsigned seed = 1) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> d(0, amp);
  std::vector<std::int16_t> v(n);
  for (auto& s : v) s = static_cast<std::int16_t>(std::clamp(d(rng), -32768.0, 32767.0));
  return v;
}

std::vector<std::int16_t> vowel(std::size_t n, double amp) {
  std::vector<std::int16_t> v(n);
  for (std::size_t i = 0; i < n; ++i)
    v[i] = static_cast<std::int16_t>(amp * (std::sin(2 * std::numbers::pi * 150 * i / 16000.0) +
                                            0.5 * std::sin(2 * std::numbers::pi * 700 * i / 16000.0)));
  return v;
}

struct Events {
  std::vector<std::pair<std::size_t, Vad::Event>> list;  // (ms, event)
};

Events run(Vad& vad, const std::vector<std::int16_t>& audio) {
  Events e;
  for (std::size_t i = 0; i + 320 <= audio.size(); i += 320) {
    auto ev = vad.push(audio.data() + i, 320);
    if (ev != Vad::Event::none) e.list.emplace_back(i / 16, ev);
  }
  return e;
}

TEST(Vad, SpeechBetweenQuietNoiseStartsAndEnds) {
  auto audio = noise(16000, 30);  // 1 s of room noise
  auto v = vowel(16000, 6000);    // 1 s of voiced sound
  audio.insert(audio.end(), v.begin(), v.end());
  auto tail = noise(16000, 30, 2);
  audio.insert(audio.end(), tail.begin(), tail.end());
  Vad vad;
  auto e = run(vad, audio);
  ASSERT_EQ(e.list.size(), 2u);
  EXPECT_EQ(e.list[0].second, Vad::Event::speech_start);
  EXPECT_NEAR(static_cast<double>(e.list[0].first), 1040, 60);
  EXPECT_EQ(e.list[1].second, Vad::Event::speech_end);
  EXPECT_NEAR(static_cast<double>(e.list[1].first), 2280, 60);  // 300 ms hangover
}

TEST(Vad, SteadyNoiseIsNotSpeech) {
  Vad vad;
  EXPECT_TRUE(run(vad, noise(16000 * 3, 800)).list.empty());
}

TEST(Vad, ShortClickDoesNotStartSpeech) {
  auto audio = noise(16000, 30);
  auto click = vowel(320, 20000);
  audio.insert(audio.begin() + 8000, click.begin(), click.end());
  Vad vad;
  EXPECT_TRUE(run(vad, audio).list.empty());
}

}  // namespace
}  // namespace aurixa::voice
