#pragma once
// Audio formats the voice role accepts and produces. Everything inside the role is 16-bit mono PCM;
// decode_audio() turns a client's upload (WAV at any common rate/width/channel count, raw PCM16,
// Ogg/Opus or WebM/Opus from browsers) into that, and encode_wav() wraps PCM for clients.
// Plain C++; errors are ApiError 400 naming `field` (the request field the bytes came from).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::voice {

inline constexpr int kSttRate = 16'000;  // what the recognisers want

struct Pcm {
  std::vector<std::int16_t> samples;  // mono
  int sample_rate = kSttRate;
  double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

enum class AudioFormat { unknown, wav, pcm16, ogg, webm };

// "wav" | "pcm16" (also "pcm", "raw", "s16le") | "ogg" | "webm" | "" (sniff); anything else -> 422 `format`.
AudioFormat parse_format(std::string_view name);
// From the container's magic bytes (RIFF/WAVE, OggS, EBML); unknown otherwise.
AudioFormat sniff_format(std::string_view bytes);

struct DecodeOptions {
  AudioFormat format = AudioFormat::unknown;  // unknown = sniff; raw PCM must be declared
  int raw_sample_rate = kSttRate;             // for raw PCM16
  std::string field = "audio_b64";            // named in errors
};

// Decodes and converts to mono at kSttRate. Empty, truncated, unsupported or undecodable input ->
// ApiError 400 (bad_request) with a message saying what was wrong and what is accepted.
Pcm decode_audio(std::string_view bytes, const DecodeOptions& options = {});

// Mono 16-bit WAV file bytes (RIFF, PCM, 44-byte header).
std::string encode_wav(const Pcm& pcm);

// Linear-phase resampling with a short low-pass for downsampling; identity when rates are equal.
std::vector<std::int16_t> resample(const std::vector<std::int16_t>& in, int from_rate, int to_rate);

// Standard base64 (with padding).
std::string base64_encode(std::string_view data);
// Lenient like the original's b64decode: skips whitespace, accepts the URL-safe alphabet, missing
// padding and a "data:...;base64," prefix. nullopt for any other character or a dangling byte.
std::optional<std::string> base64_decode(std::string_view text);

// Opus decoding (audio_opus.cpp): Ogg pages or WebM/Matroska blocks carrying one Opus track, to
// mono 48 kHz PCM. Throws ApiError 400 naming `field` when the container or stream is malformed.
Pcm decode_ogg_opus(std::string_view bytes, const std::string& field);
Pcm decode_webm_opus(std::string_view bytes, const std::string& field);

}  // namespace aurixa::voice
