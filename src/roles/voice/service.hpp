#pragma once
// VoiceService: the voice role's logic. STT and TTS providers are tried in the configured order;
// the conversation itself is the orchestration pipeline (orchestration::Api), fetched per call because
// it may be wired after voice or live in another process. Thread-safe; every call blocks (worker pool).
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "roles/voice/api.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa {
class TelemetrySink;
class Metrics;
namespace orchestration {
class Api;
}
}  // namespace aurixa

namespace aurixa::voice {

inline constexpr std::string_view kNoTranscriptReply =
    "I couldn't transcribe that. Try speaking a bit longer, or type your message below.";

struct VoiceDeps {
  std::vector<std::shared_ptr<SttProvider>> stt;                  // tried in order; the first non-empty transcript wins
  std::vector<std::shared_ptr<TtsProvider>> tts;                  // tried in order; the first success wins
  std::function<std::shared_ptr<orchestration::Api>()> pipeline;  // may return null (-> 503)
  TelemetrySink* telemetry = nullptr;                             // per-stage latency events (optional)
  Metrics* metrics = nullptr;                                     // aurixa_voice_stage_seconds{stage} (optional)
  std::function<void(std::string_view)> warn;                     // provider failures (no user text in messages)
  std::size_t max_audio_bytes = 10u << 20;
  std::size_t max_tts_chars = 4096;
};

class VoiceService final : public Api {
 public:
  explicit VoiceService(VoiceDeps deps);

  ProcessResult process(const ProcessRequest& request, const CallContext& ctx) override;
  SpeechResult synthesize(const std::string& text, const CallContext& ctx) override;
  Capabilities capabilities() const override;

  // Building blocks shared with the streaming conversation.
  // Transcript of 16 kHz audio ("" = nothing recognised); provider errors fall through to the next.
  std::string transcribe(const Pcm& audio, const CallContext& ctx, std::string* provider = nullptr);
  // An incremental recogniser from the first STT provider; null when none is configured.
  std::unique_ptr<SttStream> open_stream(const CallContext& ctx, std::string* provider = nullptr);
  // The pipeline, or ApiError 503 when this process has none.
  std::shared_ptr<orchestration::Api> pipeline() const;
  // Reports one stage's latency (stt, pipeline, first_audio, tts, turn) to telemetry and metrics.
  void report(std::string_view stage, double ms, const CallContext& ctx, std::string_view provider = {},
              bool error = false);

 private:
  VoiceDeps d_;
};

// Splits streamed text into speakable sentences: complete sentences are appended to `out` and removed
// from `buffer`; the unfinished rest stays in `buffer`.
void take_sentences(std::string& buffer, std::vector<std::string>& out);
// For the first audio of a turn: the leading clause of `buffer` (up to a ',', ';' or ':' followed by
// white space, at least `min_chars` long) is moved to `out` (returns true); otherwise nothing changes.
bool take_first_clause(std::string& buffer, std::string& out, std::size_t min_chars = 12);

}  // namespace aurixa::voice
