#include "roles/voice/audio.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.hpp"

namespace aurixa::voice {
namespace {

Pcm tone(int rate, double hz, double seconds, double amp = 8000) {
  Pcm p;
  p.sample_rate = rate;
  const auto n = static_cast<std::size_t>(rate * seconds);
  for (std::size_t i = 0; i < n; ++i)
    p.samples.push_back(static_cast<std::int16_t>(amp * std::sin(2 * std::numbers::pi * hz * i / rate)));
  return p;
}

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status();
  }
  return 0;
}

TEST(Audio, WavRoundTripsAt16k) {
  Pcm in = tone(16000, 440, 0.5);
  Pcm out = decode_audio(encode_wav(in));
  EXPECT_EQ(out.sample_rate, 16000);
  EXPECT_EQ(out.samples, in.samples);
}

TEST(Audio, WavAt44kIsResampledTo16k) {
  Pcm in = tone(44100, 440, 1.0);
  Pcm out = decode_audio(encode_wav(in));
  EXPECT_EQ(out.sample_rate, 16000);
  EXPECT_NEAR(static_cast<double>(out.samples.size()), 16000, 2);
  // The tone survives: count zero crossings (2 per period).
  int crossings = 0;
  for (std::size_t i = 1; i < out.samples.size(); ++i) crossings += (out.samples[i] >= 0) != (out.samples[i - 1] >= 0);
  EXPECT_NEAR(crossings, 880, 6);
}

TEST(Audio, StereoWavIsMixedToMono) {
  std::string wav = encode_wav(tone(16000, 300, 0.1));
  // Rewrite as 2 channels at 8 kHz (same bytes reinterpreted): header fields only.
  wav[22] = 2;
  Pcm out = decode_audio(wav);
  EXPECT_GT(out.samples.size(), 0u);
}

TEST(Audio, RawPcmNeedsItsFormatDeclared) {
  std::string raw(3200, '\0');
  EXPECT_EQ(status_of([&] { decode_audio(raw); }), 400);
  Pcm p = decode_audio(raw, {.format = AudioFormat::pcm16, .raw_sample_rate = 8000});
  EXPECT_EQ(p.samples.size(), 3200u);  // 1600 samples at 8 kHz -> 3200 at 16 kHz
}

TEST(Audio, EmptyTruncatedAndGarbageAre400) {
  EXPECT_EQ(status_of([] { decode_audio(""); }), 400);
  EXPECT_EQ(status_of([] { decode_audio("RIFF\x10\0\0\0WAVE"); }), 400);
  EXPECT_EQ(status_of([] { decode_audio("hello world, not audio"); }), 400);
  EXPECT_EQ(status_of([] { decode_audio(std::string("OggS") + std::string(40, 'x')); }), 400);
  EXPECT_EQ(status_of([] { decode_audio(std::string("\x1A\x45\xDF\xA3\x80", 5)); }), 400);
  try {
    decode_audio("");
  } catch (const ApiError& e) {
    EXPECT_EQ(e.field(), "audio_b64");
  }
}

TEST(Audio, FormatNamesAreChecked) {
  EXPECT_EQ(parse_format("WAV"), AudioFormat::wav);
  EXPECT_EQ(parse_format("audio/webm"), AudioFormat::webm);
  EXPECT_EQ(status_of([] { parse_format("mp3"); }), 422);
}

TEST(Base64, RoundTripAndLenientDecoding) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
    EXPECT_EQ(base64_decode(base64_encode(s)).value(), s);
  EXPECT_EQ(base64_decode("aGVsbG8").value(), "hello");     // no padding
  EXPECT_EQ(base64_decode("aGVs\nbG8=").value(), "hello");  // whitespace
  EXPECT_EQ(base64_decode("data:audio/wav;base64,aGVsbG8=").value(), "hello");
  EXPECT_FALSE(base64_decode("a$b").has_value());
  EXPECT_FALSE(base64_decode("a").has_value());
}

}  // namespace
}  // namespace aurixa::voice
