#include "roles/voice/service.hpp"

#include <chrono>

#include "core/error.hpp"
#include "core/metrics.hpp"
#include "core/telemetry.hpp"
#include "roles/orchestration/api.hpp"

namespace aurixa::voice {
namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// "Dr." / "Mr." / "St." end a word, not a sentence.
bool ends_with_abbreviation(std::string_view s) {
  const auto sp = s.find_last_of(" \n(");
  const std::string_view w = sp == std::string_view::npos ? s : s.substr(sp + 1);
  for (std::string_view a : {"Dr", "Mr", "Mrs", "Ms", "St", "Prof", "e.g", "i.e", "vs", "No"})
    if (w == a) return true;
  return false;
}

}  // namespace

VoiceService::VoiceService(VoiceDeps deps) : d_(std::move(deps)) {}

Capabilities VoiceService::capabilities() const {
  Capabilities c;
  for (const auto& p : d_.stt) c.stt_providers.push_back(p->name());
  for (const auto& p : d_.tts) c.tts_providers.push_back(p->name());
  return c;
}

std::shared_ptr<orchestration::Api> VoiceService::pipeline() const {
  auto p = d_.pipeline ? d_.pipeline() : nullptr;
  if (!p)
    throw ApiError(Errc::unavailable,
                   "the conversation pipeline (orchestration role) is not available in this process; "
                   "run the orchestration role or set AURIXA_ORCHESTRATION_URL");
  return p;
}

std::string VoiceService::transcribe(const Pcm& audio, const CallContext& ctx, std::string* provider) {
  if (d_.stt.empty()) throw ApiError(Errc::unavailable, "no speech-to-text provider is configured");
  std::size_t failures = 0;
  for (const auto& p : d_.stt) {
    try {
      auto text = p->transcribe(audio, ctx);
      if (provider) *provider = p->name();
      if (!text.empty()) return text;
    } catch (const std::exception& e) {
      ++failures;
      if (d_.warn) d_.warn("voice: speech-to-text provider " + p->name() + " failed: " + e.what());
    }
  }
  if (failures == d_.stt.size()) throw ApiError(Errc::bad_gateway, "every speech-to-text provider failed");
  return {};
}

std::unique_ptr<SttStream> VoiceService::open_stream(const CallContext& ctx, std::string* provider) {
  if (d_.stt.empty()) return nullptr;
  if (provider) *provider = d_.stt.front()->name();
  return d_.stt.front()->open_stream(ctx);
}

SpeechResult VoiceService::synthesize(const std::string& text, const CallContext& ctx) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw ApiError::validation("text", "text required");
  const std::string clipped = text.size() > d_.max_tts_chars ? text.substr(0, d_.max_tts_chars) : text;
  if (d_.tts.empty()) throw ApiError(Errc::unavailable, "no text-to-speech provider is configured");
  for (const auto& p : d_.tts) {
    try {
      auto a = p->synthesize(clipped, ctx);
      if (!a.bytes.empty()) return {std::move(a.bytes), std::move(a.mime), p->name()};
    } catch (const std::exception& e) {
      if (d_.warn) d_.warn("voice: text-to-speech provider " + p->name() + " failed: " + e.what());
    }
  }
  throw ApiError(Errc::unavailable, "TTS not configured or failed: every text-to-speech provider failed");
}

ProcessResult VoiceService::process(const ProcessRequest& req, const CallContext& ctx) {
  const auto started = Clock::now();
  ProcessResult r;
  if (req.audio.size() > d_.max_audio_bytes)
    throw ApiError(
        Errc::payload_too_large,
        "audio is larger than " + std::to_string(d_.max_audio_bytes) + " bytes (AURIXA_VOICE_MAX_AUDIO_BYTES)",
        "audio_b64");
  DecodeOptions dopt;
  dopt.format = parse_format(req.format);
  dopt.raw_sample_rate = req.sample_rate;
  Pcm pcm = decode_audio(req.audio, dopt);
  r.timings.decode_ms = ms_since(started);

  auto t = Clock::now();
  r.transcript = transcribe(pcm, ctx, &r.stt_provider);
  r.timings.stt_ms = ms_since(t);
  report("stt", r.timings.stt_ms, ctx, r.stt_provider);

  if (r.transcript.empty()) {
    r.response = std::string(kNoTranscriptReply);
    r.session_id = req.session_id;
  } else {
    auto pipe = pipeline();
    orchestration::PipelineRequest preq;
    preq.prompt = r.transcript;
    preq.session_id = req.session_id;
    preq.patient_id = req.patient_id;
    preq.channel = "voice";
    preq.user_id = ctx.principal.id;
    t = Clock::now();
    auto result = pipe->run(preq, ctx);
    r.timings.pipeline_ms = ms_since(t);
    report("pipeline", r.timings.pipeline_ms, ctx);
    r.response = result.final_response;
    r.intent = result.intent;
    r.session_id = result.session_id;
  }

  if (req.want_tts && !r.response.empty() && !d_.tts.empty()) {
    t = Clock::now();
    try {
      auto speech = synthesize(r.response, ctx);
      r.audio = std::move(speech.audio);
      r.mime = std::move(speech.mime);
      r.tts_provider = std::move(speech.provider);
    } catch (const ApiError&) {
      // The answer still stands without audio (the client can show the text).
    }
    r.timings.tts_ms = ms_since(t);
    report("tts", r.timings.tts_ms, ctx, r.tts_provider, r.audio.empty());
  }
  r.timings.total_ms = ms_since(started);
  report("turn", r.timings.total_ms, ctx);
  return r;
}

void VoiceService::report(std::string_view stage, double ms, const CallContext& ctx, std::string_view provider,
                          bool error) {
  if (d_.metrics)
    d_.metrics
        ->histogram("aurixa_voice_stage_seconds", "Voice turn latency by stage (stt, pipeline, first_audio, tts, turn)",
                    {"stage"}, {std::string(stage)})
        .observe(ms / 1000.0);
  if (!d_.telemetry) return;
  TelemetryEvent e;
  e.timestamp = epoch_now();
  e.service = "streaming-voice";
  e.event_type = "pipeline_step";
  e.name = "voice_" + std::string(stage);
  e.tenant_id = ctx.tenant_id;
  e.latency_ms = ms;
  e.error = error;
  e.provider = std::string(provider);
  e.trace_id = ctx.trace.trace_id;
  d_.telemetry->emit(std::move(e));
}

void take_sentences(std::string& buffer, std::vector<std::string>& out) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    const char c = buffer[i];
    const bool end_mark = c == '.' || c == '!' || c == '?' || c == '\n';
    // A sentence ends at a mark followed by white space (so "3.5" and "Dr." mid-stream wait for more).
    if (end_mark && i + 1 < buffer.size() && (buffer[i + 1] == ' ' || buffer[i + 1] == '\n') &&
        !(c == '.' && ends_with_abbreviation(std::string_view(buffer).substr(start, i - start)))) {
      std::string s = buffer.substr(start, i + 1 - start);
      if (s.find_first_not_of(" \n\t") != std::string::npos) out.push_back(std::move(s));
      start = i + 1;
    }
  }
  buffer.erase(0, start);
}

bool take_first_clause(std::string& buffer, std::string& out, std::size_t min_chars) {
  for (std::size_t i = min_chars; i + 1 < buffer.size(); ++i) {
    const char c = buffer[i];
    if ((c == ',' || c == ';' || c == ':') && (buffer[i + 1] == ' ' || buffer[i + 1] == '\n')) {
      // Not inside a number ("1,500") nor a time ("8:30"): those have no space after the mark anyway.
      out = buffer.substr(0, i + 1);
      buffer.erase(0, i + 1);
      return true;
    }
  }
  return false;
}

}  // namespace aurixa::voice
