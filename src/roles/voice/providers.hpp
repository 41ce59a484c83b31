#pragma once
// Speech-to-text and text-to-speech providers. Each is thread-safe (callable from several worker
// threads at once) and blocking: callers run them on the worker or stream pool, never on I/O threads.
// Cloud providers throw ApiError (bad_gateway / gateway_timeout / the vendor's 4xx as bad_gateway) so
// the service can fall through to the next provider in the configured order.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "roles/voice/audio.hpp"

namespace aurixa {
class HttpClient;
}

namespace aurixa::voice {

// Incremental recognition of one utterance (16 kHz mono). Not thread-safe; one per utterance.
class SttStream {
 public:
  virtual ~SttStream() = default;
  virtual void feed(const std::int16_t* samples, std::size_t count) = 0;
  virtual std::string partial() = 0;  // best hypothesis so far ("" if none)
  virtual std::string finish() = 0;   // final transcript; the stream is done afterwards
};

class SttProvider {
 public:
  virtual ~SttProvider() = default;
  virtual std::string name() const = 0;
  // Transcript of 16 kHz mono audio ("" when nothing was recognised).
  virtual std::string transcribe(const Pcm& audio, const CallContext& ctx) = 0;
  // Default: buffers the audio and calls transcribe() at finish() (no partials).
  virtual std::unique_ptr<SttStream> open_stream(const CallContext& ctx);
};

struct SynthesizedAudio {
  std::string bytes;
  std::string mime;  // the real type of `bytes` (audio/wav, audio/mpeg)
};

class TtsProvider {
 public:
  virtual ~TtsProvider() = default;
  virtual std::string name() const = 0;
  virtual SynthesizedAudio synthesize(const std::string& text, const CallContext& ctx) = 0;
};

// ---- offline ------------------------------------------------------------------------------------

// Letter-to-sound for words the recogniser's dictionary lacks: CMU phones ("AH T AO R ..."), "" if none.
using Pronouncer = std::function<std::string(const std::string& word)>;

struct PocketSphinxOptions {
  std::string model_dir;                // contains en-us/, en-us.lm.bin, cmudict-en-us.dict; "" = Debian's
  std::vector<std::string> vocabulary;  // domain words/phrases (provider names, medications, ...)
  Pronouncer pronounce;                 // for vocabulary words missing from the dictionary
  double domain_weight = 0.1;           // interpolation weight of the domain LM against the general one
  std::size_t max_idle_decoders = 4;
  // Search settings as PocketSphinx flag/value pairs ("-maxhmmpf", "10000", ...). Whole recordings
  // (transcribe) use search_args (default: the library's, most accurate); streams (open_stream, the
  // WebSocket conversation) use a second search on the same decoder with stream_search_args, by default
  // fast_search_args(): no second flat-lexicon pass at the end of the utterance and fewer active HMMs
  // per frame, so the final hypothesis is ready right at the end of speech (docs/PERFORMANCE.md "Voice").
  std::vector<std::string> search_args;
  std::vector<std::string> stream_search_args = fast_search_args();
  static std::vector<std::string> fast_search_args();
};

class PocketSphinxStt;
// Throws std::runtime_error when the model cannot be loaded (wiring then leaves it out).
std::shared_ptr<SttProvider> make_pocketsphinx(PocketSphinxOptions options);
// Words of `options.vocabulary` added to the dictionary at start-up (for tests and logs).
std::vector<std::string> pocketsphinx_added_words(const SttProvider& provider);

// Flite with a bundled voice: slt (default), rms, awb, kal16, kal. Unknown voice -> std::invalid_argument.
class FliteTts;
std::shared_ptr<TtsProvider> make_flite(const std::string& voice);
// The flite lexicon's pronouncer (CMU phone set), shareable with PocketSphinx.
Pronouncer flite_pronouncer(const std::shared_ptr<TtsProvider>& flite);
// Raw synthesis for tests and benchmarks: 16-bit mono PCM at the voice's rate (16 kHz for slt/rms/awb/kal16).
Pcm flite_pcm(TtsProvider& flite, const std::string& text);

// ---- cloud (HTTP through core's HttpClient) -----------------------------------------------------

struct CloudOptions {
  std::string base_url;  // OpenAI: .../v1 ; Deepgram: https://api.deepgram.com ; ElevenLabs: https://api.elevenlabs.io
  std::string api_key;
  std::string model;  // whisper-1, nova-2, tts-1, eleven_turbo_v2 (defaults when empty)
  std::string voice;  // TTS voice (OpenAI name or ElevenLabs voice id)
  std::chrono::milliseconds timeout{30'000};
};
std::shared_ptr<SttProvider> make_whisper(HttpClient& http, CloudOptions options);
std::shared_ptr<SttProvider> make_deepgram(HttpClient& http, CloudOptions options);
std::shared_ptr<TtsProvider> make_openai_tts(HttpClient& http, CloudOptions options);
std::shared_ptr<TtsProvider> make_elevenlabs(HttpClient& http, CloudOptions options);

}  // namespace aurixa::voice
