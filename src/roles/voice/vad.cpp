#include "roles/voice/vad.hpp"

#include <algorithm>
#include <cmath>

namespace aurixa::voice {

Vad::Vad(VadOptions options) : o_(options) {
  frame_len_ = static_cast<std::size_t>(std::clamp(o_.sample_rate * o_.frame_ms / 1000, 1, 4800));
}

void Vad::reset() {
  pending_n_ = 0;
  frames_ = 0;
  in_speech_ = false;
  voiced_ms_ = silent_ms_ = 0;
}

Vad::Event Vad::push(const std::int16_t* samples, std::size_t count) {
  Event first = Event::none;
  while (count > 0) {
    const std::size_t take = std::min(count, frame_len_ - pending_n_);
    std::copy(samples, samples + take, pending_ + pending_n_);
    pending_n_ += take;
    samples += take;
    count -= take;
    if (pending_n_ == frame_len_) {
      Event e = frame(pending_, pending_n_);
      pending_n_ = 0;
      if (first == Event::none) first = e;
    }
  }
  return first;
}

Vad::Event Vad::frame(const std::int16_t* s, std::size_t n) {
  double energy = 0;
  std::size_t crossings = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = s[i] / 32768.0;
    energy += v * v;
    if (i > 0 && ((s[i] >= 0) != (s[i - 1] >= 0))) ++crossings;
  }
  last_db_ = 10 * std::log10(energy / static_cast<double>(n) + 1e-10);
  last_zcr_ = static_cast<double>(crossings) / static_cast<double>(n);
  if (frames_++ == 0) floor_db_ = std::max(last_db_, -90.0);  // start from the room, not from silence
  const double threshold = std::max(o_.min_energy_db, floor_db_ + o_.above_floor_db);
  const bool loud = last_db_ > threshold;
  // Fricatives: quieter, but many crossings; require them above the floor so hiss does not count.
  const bool fricative = last_db_ > threshold - 8 && last_zcr_ > o_.fricative_zcr && last_db_ > floor_db_ + 6;
  const bool voiced = loud || (in_speech_ && fricative);
  // The floor follows quiet frames quickly and loud ones very slowly (so speech does not raise it).
  if (!voiced)
    floor_db_ = floor_db_ * 0.9 + std::max(last_db_, -90.0) * 0.1;
  else
    floor_db_ = floor_db_ * 0.999 + last_db_ * 0.001;

  if (voiced) {
    voiced_ms_ += o_.frame_ms;
    silent_ms_ = 0;
    if (!in_speech_ && voiced_ms_ >= o_.start_ms) {
      in_speech_ = true;
      return Event::speech_start;
    }
  } else {
    silent_ms_ += o_.frame_ms;
    if (!in_speech_) voiced_ms_ = 0;
    if (in_speech_ && silent_ms_ >= o_.hangover_ms) {
      in_speech_ = false;
      voiced_ms_ = 0;
      return Event::speech_end;
    }
  }
  return Event::none;
}

}  // namespace aurixa::voice
