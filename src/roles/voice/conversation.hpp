#pragma once
// One WebSocket voice conversation (/ws/stream). Runs on a stream-pool thread (blocking receive loop);
// pipeline turns run on a second thread owned by the conversation so that the receive loop keeps
// listening while an answer is generated and spoken, which is what makes barge-in possible.
//
// Client -> server: text frames with JSON {"type": text|audio|audio_chunk|end|start|ping|playback_done},
// plain non-JSON text (a text turn), or binary frames of 16-bit little-endian mono PCM (the session's
// sample_rate, default 16000). Server -> client: status, text_delta, text, audio, error, pong (spec §8.2)
// plus speech_start, speech_end, transcript {content, final}, barge_in. See docs/API.md.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/context.hpp"
#include "core/http_types.hpp"
#include "roles/voice/vad.hpp"

namespace aurixa::voice {

class VoiceService;
class SttStream;

struct ConversationOptions {
  // The VAD's hangover is the longest silence that ends an utterance (used when the words so far read
  // as unfinished: "... book an", "... and"); endpoint_ms ends it sooner when they read as complete.
  VadOptions vad{.hangover_ms = 400};
  int endpoint_ms = 200;          // <= 0: the VAD hangover alone decides
  int preroll_ms = 300;           // audio kept before speech_start and fed to the recogniser
  int partial_every_ms = 300;     // how often partial transcripts are sent
  int max_utterance_ms = 30'000;  // longer speech is cut into turns
  std::chrono::milliseconds turn_timeout{120'000};
};

class Conversation {
 public:
  Conversation(VoiceService& service, http::WebSocket& ws, CallContext ctx, ConversationOptions options = {});
  ~Conversation();
  Conversation(const Conversation&) = delete;
  Conversation& operator=(const Conversation&) = delete;

  // Serves until the client closes the socket; never throws.
  void run();

 private:
  struct Turn {
    std::string text;   // a text turn, or
    std::string audio;  // a whole recording to transcribe first
    std::string format;
    int sample_rate = 16'000;
    std::chrono::steady_clock::time_point speech_end{};  // for voice-to-first-audio latency
    double stt_ms = 0;
    double first_tts_ms = 0;  // synthesis time of the first audio chunk
    std::uint64_t generation = 0;
  };

  void on_text_frame(const std::string& data);
  void on_pcm(std::string_view bytes);
  void on_frame(const std::int16_t* frame, std::size_t n);
  void end_utterance(std::chrono::steady_clock::time_point end);
  bool complete_after_pause();
  void barge_in_if_speaking();
  void enqueue(Turn turn);
  void turn_loop();
  void run_turn(Turn& turn);
  void speak(const std::string& text, bool last, Turn& turn, bool& first_audio_sent);
  void speak_pending(std::string& pending, Turn& turn, bool& first_audio_sent);
  void speak_rest(const std::string& rest, Turn& turn, bool& first_audio_sent);
  bool current(const Turn& t) const { return t.generation == generation_.load(); }
  void send(const std::string& json);
  void send_error(const std::string& message);

  VoiceService& svc_;
  http::WebSocket& ws_;
  CallContext ctx_;
  ConversationOptions o_;

  std::mutex send_mu_;

  // Session settings (sticky for the connection); guarded by state_mu_.
  std::mutex state_mu_;
  std::string session_id_;
  std::optional<std::int64_t> patient_id_;
  bool want_tts_ = true;
  int sample_rate_ = 16'000;
  std::chrono::steady_clock::time_point playing_until_{};

  // Streaming recognition (receive thread only).
  Vad vad_;
  std::deque<std::int16_t> preroll_;
  std::string carry_;  // odd byte or partial frame between binary messages
  std::unique_ptr<SttStream> stream_;
  std::string stream_provider_;
  std::chrono::steady_clock::time_point utterance_started_{}, last_partial_at_{};
  std::string last_partial_;
  int utterance_ms_ = 0;

  // Turn worker.
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<bool> turn_active_{false};
  std::mutex q_mu_;
  std::condition_variable q_cv_;
  std::deque<Turn> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace aurixa::voice
