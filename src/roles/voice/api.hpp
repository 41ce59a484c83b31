#pragma once
// Voice role interface: speech in, pipeline answer out, speech back. Plain C++ (no Boost).
// Wire contract: spec/API.md §8 (/api/v1/voice/process, /api/v1/process, /api/v1/tts, /capabilities,
// WebSocket /ws/stream), extended with mime, intent, session_id and timings.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace aurixa::voice {

struct ProcessRequest {
  std::string audio;         // the decoded bytes of audio_b64 (WAV, Ogg/WebM Opus, or raw PCM16)
  std::string format;        // "" = sniff; wav | pcm16 | ogg | webm
  int sample_rate = 16'000;  // raw PCM16 only
  std::optional<std::int64_t> patient_id;
  bool want_tts = true;
  std::string session_id;  // "" = a new session
};

// Milliseconds per stage of one turn (0 = stage not run).
struct TurnTimings {
  double decode_ms = 0, stt_ms = 0, pipeline_ms = 0, tts_ms = 0, total_ms = 0;
};

struct ProcessResult {
  std::string transcript;  // "" = nothing recognised (response then asks the user to repeat)
  std::string response;
  std::string audio;  // synthesised bytes ("" = none)
  std::string mime;   // the real type of `audio`
  std::string intent;
  std::string session_id;
  std::string stt_provider, tts_provider;
  TurnTimings timings;
};

struct SpeechResult {
  std::string audio;  // bytes
  std::string mime;
  std::string provider;
};

struct Capabilities {
  std::vector<std::string> stt_providers, tts_providers;  // in the order they are tried
};

class Api {
 public:
  virtual ~Api() = default;
  // Bad or empty audio -> ApiError 400 naming audio_b64; no pipeline -> 503; pipeline errors propagate.
  virtual ProcessResult process(const ProcessRequest& request, const CallContext& ctx) = 0;
  // Empty text -> 422 `text`; every provider failing -> 503.
  virtual SpeechResult synthesize(const std::string& text, const CallContext& ctx) = 0;
  virtual Capabilities capabilities() const = 0;
};

}  // namespace aurixa::voice
