// Thin HTTP/WebSocket adapter: parse, call VoiceService, serialize. No logic here.
#include <boost/json.hpp>

#include "app/app.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "roles/voice/audio.hpp"
#include "roles/voice/conversation.hpp"
#include "roles/voice/module.hpp"
#include "roles/voice/service.hpp"
#include "roles/voice/wiring.hpp"

namespace aurixa::voice {
namespace {

namespace bj = boost::json;

bj::value str_or_null(const std::string& s) { return s.empty() ? bj::value(nullptr) : bj::value(s); }

bj::object to_json(const ProcessResult& r) {
  bj::object timings{{"decode_ms", r.timings.decode_ms},
                     {"stt_ms", r.timings.stt_ms},
                     {"pipeline_ms", r.timings.pipeline_ms},
                     {"tts_ms", r.timings.tts_ms},
                     {"total_ms", r.timings.total_ms}};
  return bj::object{{"error", nullptr},
                    {"transcript", str_or_null(r.transcript)},
                    {"response", r.response},
                    {"audio_b64", r.audio.empty() ? bj::value(nullptr) : bj::value(base64_encode(r.audio))},
                    {"mime", str_or_null(r.mime)},
                    {"intent", str_or_null(r.intent)},
                    {"session_id", str_or_null(r.session_id)},
                    {"stt_provider", str_or_null(r.stt_provider)},
                    {"tts_provider", str_or_null(r.tts_provider)},
                    {"timings", std::move(timings)}};
}

ProcessRequest parse_process(const http::Request& req) {
  auto o = json::parse_object(req);
  ProcessRequest p;
  const auto b64 = json::require_string(o, "audio_b64");
  auto bytes = base64_decode(b64);
  if (!bytes) throw ApiError(Errc::bad_request, "Invalid base64 audio", "audio_b64");
  p.audio = std::move(*bytes);
  p.format = json::optional_string(o, "format").value_or("");
  if (auto r = json::optional_int(o, "sample_rate"))
    p.sample_rate = static_cast<int>(json::in_range(*r, 4000, 192000, "sample_rate"));
  p.patient_id = json::optional_int(o, "patient_id");
  p.want_tts = json::optional_bool(o, "want_tts").value_or(true);
  p.session_id = json::optional_string(o, "session_id").value_or("");
  return p;
}

}  // namespace

void register_routes(http::Router& router, App& app) {
  std::shared_ptr<VoiceService> svc = build_service(app);

  auto capabilities = [svc](const http::Request&, CallContext&) {
    auto c = svc->capabilities();
    bj::array stt(c.stt_providers.begin(), c.stt_providers.end()), tts(c.tts_providers.begin(), c.tts_providers.end());
    return json::ok(bj::object{{"stt", !c.stt_providers.empty()},
                               {"stt_providers", std::move(stt)},
                               {"tts", !c.tts_providers.empty()},
                               {"tts_providers", std::move(tts)}});
  };
  // /api/v1/capabilities too: the gateway maps /api/v1/voice/capabilities there (the original 404ed).
  for (const char* path : {"/capabilities", "/api/v1/capabilities", "/api/v1/voice/capabilities"})
    router.get(path, capabilities, {.execution = http::Execution::inline_io, .name = path});

  // base64 inflates by 4/3; allow the JSON around it.
  const auto max_body = static_cast<std::size_t>(app.config.voice_max_audio_bytes) / 3 * 4 + 64 * 1024;
  auto process = [svc](const http::Request& req, CallContext& ctx) {
    return json::ok(to_json(svc->process(parse_process(req), ctx)));
  };
  for (const char* path : {"/api/v1/voice/process", "/api/v1/process"})
    router.post(path, process,
                {.max_body_bytes = max_body, .timeout = std::chrono::milliseconds(120'000), .name = path});

  auto tts = [svc](const http::Request& req, CallContext& ctx) {
    auto o = json::parse_object(req);
    auto speech = svc->synthesize(json::require_string(o, "text"), ctx);
    return json::ok(bj::object{{"error", nullptr},
                               {"audio_b64", base64_encode(speech.audio)},
                               {"mime", speech.mime},
                               {"provider", speech.provider}});
  };
  for (const char* path : {"/api/v1/tts", "/api/v1/voice/tts"}) router.post(path, tts, {.name = path});

  router.websocket("/ws/stream", [svc](http::WebSocket& ws, const http::Request&, CallContext& ctx) {
    Conversation conversation(*svc, ws, ctx);
    conversation.run();
  });
}

}  // namespace aurixa::voice
