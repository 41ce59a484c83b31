#include "roles/voice/conversation.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <cstring>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"
#include "roles/orchestration/api.hpp"
#include "roles/voice/audio.hpp"
#include "roles/voice/service.hpp"

namespace aurixa::voice {
namespace {

namespace bj = boost::json;
using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The original's test shortcut: an "audio" message whose bytes are short printable UTF-8 is a text turn.
bool printable_text(std::string_view s) {
  if (s.empty() || s.size() >= 2000) return false;
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) return false;
  // Reject invalid UTF-8 lead/continuation structure cheaply.
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += len;
  }
  return true;
}

// Playback length of a synthesised clip (WAV exactly; other formats estimated from the text).
std::chrono::milliseconds clip_length(const SpeechResult& a, std::size_t chars) {
  if (a.audio.size() > 44 && a.audio.compare(0, 4, "RIFF") == 0) {
    const auto* p = reinterpret_cast<const unsigned char*>(a.audio.data());
    const std::uint32_t byte_rate = p[28] | (p[29] << 8) | (p[30] << 16) | (static_cast<std::uint32_t>(p[31]) << 24);
    if (byte_rate > 0) return std::chrono::milliseconds((a.audio.size() - 44) * 1000 / byte_rate);
  }
  return std::chrono::milliseconds(70 * chars);
}

// Last words that usually continue a sentence: an utterance ending in one is not complete yet.
bool continues_sentence(std::string word) {
  for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static constexpr std::string_view kWords[] = {
      "a",   "an",    "the",  "and",   "or",   "but",   "to",     "of",    "for",  "with", "from",
      "at",  "on",    "in",   "into",  "my",   "your",  "our",    "his",   "her",  "their", "i",
      "i'm", "i'd",   "i'll", "is",    "are",  "was",   "can",    "could", "would", "should", "want",
      "like", "need", "some", "about", "if",   "because", "uh",   "um",    "by",   "than"};
  for (auto w : kWords)
    if (word == w) return true;
  return false;
}

}  // namespace

Conversation::Conversation(VoiceService& service, http::WebSocket& ws, CallContext ctx, ConversationOptions options)
    : svc_(service), ws_(ws), ctx_(std::move(ctx)), o_(options), vad_(options.vad) {
  worker_ = std::thread([this] { turn_loop(); });
}

Conversation::~Conversation() {
  {
    std::lock_guard lock(q_mu_);
    stopping_ = true;
  }
  q_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void Conversation::send(const std::string& json) {
  std::lock_guard lock(send_mu_);
  ws_.send({json, false});
}

void Conversation::send_error(const std::string& message) {
  send(aurixa::json::serialize(bj::object{{"type", "error"}, {"message", message}}));
}

void Conversation::run() {
  while (auto msg = ws_.receive()) {
    try {
      if (msg->binary)
        on_pcm(msg->data);
      else
        on_text_frame(msg->data);
    } catch (const ApiError& e) {
      send_error(std::string(e.detail()));
    } catch (const std::exception& e) {
      send_error(std::string("could not handle the message: ") + e.what());
    }
  }
}

// ---- client messages ---------------------------------------------------------------------------

void Conversation::on_text_frame(const std::string& data) {
  const auto first = data.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || data[first] != '{') {
    // Plain text is a text turn (spec §8.2).
    Turn t;
    t.text = data;
    enqueue(std::move(t));
    return;
  }
  bj::object o;
  try {
    o = json::parse_object(std::string_view(data));
  } catch (const ApiError&) {
    throw ApiError(Errc::invalid_json, "malformed JSON message");
  }
  // Sticky settings may come with any message.
  {
    std::lock_guard lock(state_mu_);
    if (auto s = json::optional_string(o, "session_id"); s && !s->empty()) session_id_ = *s;
    if (auto p = json::optional_int(o, "patient_id")) patient_id_ = *p;
    if (auto w = json::optional_bool(o, "want_tts")) want_tts_ = *w;
    if (auto r = json::optional_int(o, "sample_rate"))
      sample_rate_ = static_cast<int>(json::in_range(*r, 8000, 48000, "sample_rate"));
  }
  const std::string type = json::optional_string(o, "type").value_or("text");
  if (type == "ping") {
    send(R"({"type":"pong"})");
  } else if (type == "text") {
    Turn t;
    t.text = json::optional_string(o, "content").value_or("");
    enqueue(std::move(t));
  } else if (type == "audio") {
    const auto b64 = json::optional_string(o, "data").value_or("");
    if (b64.empty()) throw ApiError(Errc::bad_request, "No audio data", "data");
    auto bytes = base64_decode(b64);
    if (!bytes) throw ApiError(Errc::bad_request, "Invalid base64 audio data", "data");
    Turn t;
    if (printable_text(*bytes)) {
      t.text = std::move(*bytes);
    } else {
      t.audio = std::move(*bytes);
      t.format = json::optional_string(o, "format").value_or("");
      parse_format(t.format);  // 422 now, not in the worker
      std::lock_guard lock(state_mu_);
      t.sample_rate = sample_rate_;
    }
    enqueue(std::move(t));
  } else if (type == "audio_chunk") {
    auto bytes = base64_decode(json::optional_string(o, "data").value_or(""));
    if (!bytes) throw ApiError(Errc::bad_request, "Invalid base64 audio data", "data");
    on_pcm(*bytes);
  } else if (type == "end" || type == "audio_end") {
    if (stream_) end_utterance(Clock::now());
  } else if (type == "start" || type == "config") {
    send(R"({"type":"status","status":"ready","message":"listening"})");
  } else if (type == "playback_done" || type == "stop") {
    std::lock_guard lock(state_mu_);
    playing_until_ = Clock::now();
    if (type == "stop") generation_.fetch_add(1);
  } else {
    throw ApiError(Errc::bad_request, "Unknown message type: " + type, "type");
  }
}

void Conversation::on_pcm(std::string_view bytes) {
  carry_.append(bytes);
  const std::size_t usable = carry_.size() / 2 * 2;
  std::vector<std::int16_t> samples(usable / 2);
  if (usable) std::memcpy(samples.data(), carry_.data(), usable);
  carry_.erase(0, usable);
  int rate;
  {
    std::lock_guard lock(state_mu_);
    rate = sample_rate_;
  }
  if (rate != kSttRate) samples = resample(samples, rate, kSttRate);
  const std::size_t frame = static_cast<std::size_t>(kSttRate / 1000 * o_.vad.frame_ms);
  for (std::size_t i = 0; i < samples.size(); i += frame)
    on_frame(samples.data() + i, std::min(frame, samples.size() - i));
}

void Conversation::on_frame(const std::int16_t* s, std::size_t n) {
  const auto ev = vad_.push(s, n);
  const auto now = Clock::now();
  if (ev == Vad::Event::speech_start && !stream_) {
    barge_in_if_speaking();
    stream_ = svc_.open_stream(ctx_, &stream_provider_);
    if (!stream_) {
      send_error("no speech-to-text provider is configured");
      return;
    }
    std::vector<std::int16_t> pre(preroll_.begin(), preroll_.end());
    preroll_.clear();
    stream_->feed(pre.data(), pre.size());
    utterance_started_ = last_partial_at_ = now;
    utterance_ms_ = 0;
    last_partial_.clear();
    send(R"({"type":"speech_start"})");
  }
  if (stream_) {
    stream_->feed(s, n);
    utterance_ms_ += static_cast<int>(n * 1000 / kSttRate);
    if (ms_between(last_partial_at_, now) >= o_.partial_every_ms) {
      last_partial_at_ = now;
      auto p = stream_->partial();
      if (!p.empty() && p != last_partial_) {
        last_partial_ = p;
        send(aurixa::json::serialize(bj::object{{"type", "transcript"}, {"content", p}, {"final", false}}));
      }
    }
    if (ev == Vad::Event::speech_end || utterance_ms_ >= o_.max_utterance_ms) end_utterance(now);
    else if (complete_after_pause()) end_utterance(now);
  } else {
    preroll_.insert(preroll_.end(), s, s + n);
    const auto keep = static_cast<std::size_t>(kSttRate / 1000 * o_.preroll_ms);
    while (preroll_.size() > keep) preroll_.pop_front();
  }
}

void Conversation::end_utterance(Clock::time_point end) {
  if (!stream_) return;
  const auto t0 = Clock::now();
  std::string text = stream_->finish();
  stream_.reset();
  const double stt_tail_ms = ms_between(t0, Clock::now());
  svc_.report("stt", stt_tail_ms, ctx_, stream_provider_);
  vad_.reset();
  send(R"({"type":"speech_end"})");
  send(aurixa::json::serialize(bj::object{{"type", "transcript"}, {"content", text}, {"final", true}}));
  if (text.empty()) {
    send(aurixa::json::serialize(bj::object{{"type", "text"}, {"content", kNoTranscriptReply}, {"done", true}}));
    return;
  }
  Turn t;
  t.text = std::move(text);
  t.speech_end = end;
  t.stt_ms = stt_tail_ms;
  enqueue(std::move(t));
}

// End-pointer: after endpoint_ms of silence (shorter than the VAD hangover) the utterance ends if the
// recogniser's best hypothesis so far reads as a complete request. Words that usually continue a
// sentence ("I'd like to book an", "my", "and") make it wait for the full hangover instead. Providers
// without partial hypotheses (buffered cloud STT) always wait for the hangover.
bool Conversation::complete_after_pause() {
  if (o_.endpoint_ms <= 0 || !stream_ || vad_.silence_ms() < o_.endpoint_ms) return false;
  const std::string hyp = stream_->partial();
  const auto end = hyp.find_last_not_of(' ');
  if (end == std::string::npos) return false;
  const auto start = hyp.find_last_of(' ', end);
  return !continues_sentence(hyp.substr(start == std::string::npos ? 0 : start + 1, end - start));
}

void Conversation::barge_in_if_speaking() {
  bool speaking;
  {
    std::lock_guard lock(state_mu_);
    speaking = turn_active_.load() || Clock::now() < playing_until_;
    if (speaking) playing_until_ = Clock::now();
  }
  if (!speaking) return;
  generation_.fetch_add(1);  // the running turn stops sending
  send(R"({"type":"barge_in"})");
}

// ---- turns --------------------------------------------------------------------------------------

void Conversation::enqueue(Turn turn) {
  turn.generation = generation_.load();
  {
    std::lock_guard lock(q_mu_);
    queue_.push_back(std::move(turn));
  }
  q_cv_.notify_one();
}

void Conversation::turn_loop() {
  for (;;) {
    Turn t;
    {
      std::unique_lock lock(q_mu_);
      q_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping
      t = std::move(queue_.front());
      queue_.pop_front();
      turn_active_ = true;
    }
    try {
      run_turn(t);
    } catch (const ApiError& e) {
      send_error(std::string(e.detail()));
    } catch (const std::exception& e) {
      send_error(std::string("the turn failed: ") + e.what());
    }
    turn_active_ = false;
  }
}

void Conversation::run_turn(Turn& t) {
  CallContext ctx = ctx_;
  ctx.deadline = Clock::now() + o_.turn_timeout;
  if (!t.audio.empty()) {
    DecodeOptions d;
    d.format = parse_format(t.format);
    d.raw_sample_rate = t.sample_rate;
    d.field = "data";
    const auto t0 = Clock::now();
    Pcm pcm = decode_audio(t.audio, d);
    t.text = svc_.transcribe(pcm, ctx);
    t.speech_end = Clock::now();  // a whole recording: latency counts from the end of its transcription
    svc_.report("stt", ms_between(t0, t.speech_end), ctx);
    if (t.text.empty()) {
      send(aurixa::json::serialize(bj::object{{"type", "text"}, {"content", kNoTranscriptReply}, {"done", true}}));
      return;
    }
  }
  const auto first = t.text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw ApiError(Errc::bad_request, "Empty text input", "content");
  const auto last = t.text.find_last_not_of(" \t\r\n");

  orchestration::PipelineRequest req;
  req.prompt = t.text.substr(first, last - first + 1);
  bool want_tts;
  {
    std::lock_guard lock(state_mu_);
    req.session_id = session_id_;
    req.patient_id = patient_id_;
    want_tts = want_tts_;
  }
  req.channel = "voice";
  req.user_id = ctx.principal.id;
  auto pipe = svc_.pipeline();

  const auto started = Clock::now();
  std::string pending, streamed, final_text, intent, session_id = req.session_id, failure;
  bool first_audio_sent = false, done = false;
  double first_delta_ms = 0;
  pipe->run_stream(req, ctx, [&](const orchestration::StreamEvent& ev) {
    if (!current(t)) return;  // barged in: let the pipeline finish, say nothing more
    if (ev.event == "status") {
      send(aurixa::json::serialize(bj::object{{"type", "status"}, {"status", "processing"}, {"message", ev.text}}));
    } else if (ev.event == "text_delta") {
      if (first_delta_ms == 0) first_delta_ms = ms_between(started, Clock::now());
      send(aurixa::json::serialize(bj::object{{"type", "text_delta"}, {"content", ev.text}}));
      streamed += ev.text;
      if (want_tts) {
        pending += ev.text;
        speak_pending(pending, t, first_audio_sent);
      }
    } else if (ev.event == "done") {
      done = true;
      final_text = ev.text;
      if (ev.result) {
        intent = ev.result->intent;
        if (!ev.result->session_id.empty()) session_id = ev.result->session_id;
      }
    } else if (ev.event == "error") {
      failure = ev.text.empty() ? "the pipeline failed" : ev.text;
    }
  });
  const double pipeline_ms = ms_between(started, Clock::now());
  svc_.report("pipeline", pipeline_ms, ctx);
  if (!failure.empty()) {
    if (current(t)) send_error(failure);
    return;
  }
  if (!current(t)) return;
  if (!session_id.empty()) {
    std::lock_guard lock(state_mu_);
    if (session_id_.empty()) session_id_ = session_id;
  }
  if (!done && final_text.empty()) final_text = streamed;
  if (want_tts) {
    // Deltas that were all spoken: say the rest. No deltas (cached or non-streaming answer): say it all.
    speak_rest(streamed.empty() ? final_text : pending, t, first_audio_sent);
  }
  if (!current(t)) return;
  bj::object timings{{"stt_ms", t.stt_ms},
                     {"pipeline_ms", pipeline_ms},
                     {"first_delta_ms", first_delta_ms},
                     {"first_tts_ms", t.first_tts_ms}};
  bj::object text{{"type", "text"}, {"content", final_text}, {"done", true}};
  text["session_id"] = session_id.empty() ? bj::value(nullptr) : bj::value(session_id);
  text["intent"] = intent.empty() ? bj::value(nullptr) : bj::value(intent);
  text["timings"] = std::move(timings);
  send(aurixa::json::serialize(text));
}

// Speaks the complete sentences of streamed text; the first audio of a turn may be just the leading
// clause, so that flite has less to synthesise before the caller hears something.
void Conversation::speak_pending(std::string& pending, Turn& t, bool& first_audio_sent) {
  if (!first_audio_sent) {
    std::string clause;
    if (take_first_clause(pending, clause)) speak(clause, false, t, first_audio_sent);
  }
  std::vector<std::string> sentences;
  take_sentences(pending, sentences);
  for (const auto& s : sentences) speak(s, false, t, first_audio_sent);
}

// The rest of the answer (all of it for a non-streamed or cached answer), sentence by sentence rather
// than in one synthesis; the last chunk carries done=true.
void Conversation::speak_rest(const std::string& rest, Turn& t, bool& first_audio_sent) {
  std::string buffer = rest + " ";  // a final mark followed by white space ends the last sentence too
  std::vector<std::string> chunks;
  if (!first_audio_sent) {
    std::string clause;
    if (take_first_clause(buffer, clause)) chunks.push_back(std::move(clause));
  }
  take_sentences(buffer, chunks);
  if (buffer.find_first_not_of(" \t\r\n") != std::string::npos) chunks.push_back(buffer);
  for (std::size_t i = 0; i + 1 < chunks.size() && current(t); ++i) speak(chunks[i], false, t, first_audio_sent);
  speak(chunks.empty() ? std::string() : chunks.back(), true, t, first_audio_sent);
}

void Conversation::speak(const std::string& text, bool last, Turn& t, bool& first_audio_sent) {
  SpeechResult a;
  const bool has_text = text.find_first_not_of(" \t\r\n") != std::string::npos;
  if (has_text) {
    try {
      const auto t0 = Clock::now();
      a = svc_.synthesize(text, ctx_);
      if (!first_audio_sent) t.first_tts_ms = ms_between(t0, Clock::now());
    } catch (const ApiError& e) {
      if (current(t)) send_error(std::string(e.detail()));
      return;
    }
  }
  if (!current(t)) return;
  if (a.audio.empty() && !last) return;
  std::string sid;
  {
    std::lock_guard lock(state_mu_);
    sid = session_id_;
    const auto now = Clock::now();
    if (!a.audio.empty()) playing_until_ = std::max(playing_until_, now) + clip_length(a, text.size());
  }
  bj::object o{{"type", "audio"},
               {"data", base64_encode(a.audio)},
               {"mime", a.mime.empty() ? "audio/wav" : a.mime},
               {"done", last}};
  o["session_id"] = sid.empty() ? bj::value(nullptr) : bj::value(sid);
  send(aurixa::json::serialize(o));
  if (!first_audio_sent && !a.audio.empty()) {
    first_audio_sent = true;
    if (t.speech_end != Clock::time_point{})
      svc_.report("first_audio", ms_between(t.speech_end, Clock::now()), ctx_, a.provider);
  }
}

}  // namespace aurixa::voice
