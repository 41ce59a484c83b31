#pragma once
// Voice-activity detection on 16-bit mono frames: short-time energy against an adaptive noise floor,
// with the zero-crossing rate letting quiet fricatives ("s", "f") count as speech. Speech starts after
// `start_ms` of voiced frames and ends after `hangover_ms` of silence. Not thread-safe (one per stream).
#include <cstddef>
#include <cstdint>

namespace aurixa::voice {

struct VadOptions {
  int sample_rate = 16'000;
  int frame_ms = 20;
  double min_energy_db = -45;   // dBFS a frame must exceed to be speech, whatever the noise floor
  double above_floor_db = 12;   // and this much above the running noise floor
  double fricative_zcr = 0.25;  // crossings per sample: noisy-but-quiet frames above this still count
  int start_ms = 60;            // voiced time before speech_start (debounce clicks)
  int hangover_ms = 300;        // silence before speech_end
};

class Vad {
 public:
  enum class Event { none, speech_start, speech_end };
  explicit Vad(VadOptions options = {});

  // Feeds any number of samples; returns the first event that occurred in them (a frame is
  // frame_ms long; partial frames are kept for the next call).
  Event push(const std::int16_t* samples, std::size_t count);
  bool in_speech() const { return in_speech_; }
  // Trailing silence of the current speech segment so far (0 outside speech), for end-pointers that
  // decide before hangover_ms.
  int silence_ms() const { return in_speech_ ? silent_ms_ : 0; }
  // Statistics of the last full frame, for tests and tuning.
  double last_energy_db() const { return last_db_; }
  double last_zcr() const { return last_zcr_; }
  void reset();

 private:
  Event frame(const std::int16_t* s, std::size_t n);

  VadOptions o_;
  std::size_t frame_len_;
  std::int16_t pending_[4800];  // up to 100 ms at 48 kHz
  std::size_t pending_n_ = 0;
  double floor_db_ = -60;
  double last_db_ = -100, last_zcr_ = 0;
  bool in_speech_ = false;
  int voiced_ms_ = 0, silent_ms_ = 0;
  std::size_t frames_ = 0;
};

}  // namespace aurixa::voice
