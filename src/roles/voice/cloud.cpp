// Cloud speech providers over core's HttpClient: OpenAI Whisper (/audio/transcriptions), OpenAI TTS
// (/audio/speech), Deepgram (/v1/listen), ElevenLabs (/v1/text-to-speech/{voice}). Each sends WAV or
// JSON in the vendor's wire format; any non-2xx answer is a bad_gateway naming the vendor and status.
#include <boost/json.hpp>

#include "core/context.hpp"
#include "core/error.hpp"
#include "core/http_client.hpp"
#include "core/json.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa::voice {
namespace {

namespace bj = boost::json;

std::string trim_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

ClientResponse call(HttpClient& http, ClientRequest req, const CallContext& ctx, std::chrono::milliseconds timeout,
                    const char* vendor) {
  req.timeout = timeout;
  auto remaining = ctx.remaining();
  if (remaining.count() > 0 && remaining < req.timeout) req.timeout = remaining;
  if (!ctx.request_id.empty()) req.headers.set("X-Request-Id", ctx.request_id);
  auto res = http.request(req);
  if (res.status < 200 || res.status >= 300)
    throw ApiError(Errc::bad_gateway, std::string(vendor) + " returned HTTP " + std::to_string(res.status));
  return res;
}

std::string content_type(const ClientResponse& r, const char* fallback) {
  auto ct = r.headers.get("Content-Type");
  if (!ct || ct->empty()) return fallback;
  std::string s(*ct);
  if (auto semi = s.find(';'); semi != std::string::npos) s.resize(semi);
  return s;
}

class WhisperStt final : public SttProvider {
 public:
  WhisperStt(HttpClient& http, CloudOptions o) : http_(http), o_(std::move(o)) {
    o_.base_url = trim_slash(o_.base_url);
    if (o_.model.empty()) o_.model = "whisper-1";
  }
  std::string name() const override { return "whisper"; }
  std::string transcribe(const Pcm& audio, const CallContext& ctx) override {
    const std::string boundary = "aurixa-" + random_hex(12);
    std::string body;
    auto field = [&](const std::string& n, const std::string& v) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + n + "\"\r\n\r\n" + v + "\r\n";
    };
    field("model", o_.model);
    field("response_format", "json");
    body +=
        "--" + boundary +
        "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"audio.wav\"\r\nContent-Type: audio/wav\r\n\r\n";
    body += encode_wav(audio);
    body += "\r\n--" + boundary + "--\r\n";
    ClientRequest req;
    req.method = "POST";
    req.url = o_.base_url + "/audio/transcriptions";
    req.headers.set("Authorization", "Bearer " + o_.api_key);
    req.headers.set("Content-Type", "multipart/form-data; boundary=" + boundary);
    req.body = std::move(body);
    auto res = call(http_, std::move(req), ctx, o_.timeout, "OpenAI Whisper");
    try {
      return json::optional_string(json::parse_object(std::string_view(res.body)), "text").value_or("");
    } catch (const ApiError&) {
      throw ApiError(Errc::bad_gateway, "OpenAI Whisper returned an unreadable body");
    }
  }

 private:
  HttpClient& http_;
  CloudOptions o_;
};

class DeepgramStt final : public SttProvider {
 public:
  DeepgramStt(HttpClient& http, CloudOptions o) : http_(http), o_(std::move(o)) {
    o_.base_url = trim_slash(o_.base_url);
    if (o_.model.empty()) o_.model = "nova-2";
  }
  std::string name() const override { return "deepgram"; }
  std::string transcribe(const Pcm& audio, const CallContext& ctx) override {
    ClientRequest req;
    req.method = "POST";
    req.url = o_.base_url + "/v1/listen?model=" + o_.model + "&smart_format=true&language=en";
    req.headers.set("Authorization", "Token " + o_.api_key);
    req.headers.set("Content-Type", "audio/wav");
    req.body = encode_wav(audio);
    auto res = call(http_, std::move(req), ctx, o_.timeout, "Deepgram");
    try {
      auto v = bj::parse(res.body);
      const auto* alts = v.at("results").at("channels").at(0).at("alternatives").if_array();
      if (!alts || alts->empty()) return {};
      const auto* t = alts->at(0).as_object().if_contains("transcript");
      return t && t->is_string() ? std::string(t->as_string()) : std::string();
    } catch (const std::exception&) {
      throw ApiError(Errc::bad_gateway, "Deepgram returned an unreadable body");
    }
  }

 private:
  HttpClient& http_;
  CloudOptions o_;
};

class OpenAiTts final : public TtsProvider {
 public:
  OpenAiTts(HttpClient& http, CloudOptions o) : http_(http), o_(std::move(o)) {
    o_.base_url = trim_slash(o_.base_url);
    if (o_.model.empty()) o_.model = "tts-1";
    if (o_.voice.empty()) o_.voice = "alloy";
  }
  std::string name() const override { return "openai"; }
  SynthesizedAudio synthesize(const std::string& text, const CallContext& ctx) override {
    ClientRequest req;
    req.method = "POST";
    req.url = o_.base_url + "/audio/speech";
    req.headers.set("Authorization", "Bearer " + o_.api_key);
    req.headers.set("Content-Type", "application/json");
    req.body = aurixa::json::serialize(
        bj::object{{"model", o_.model}, {"input", text}, {"voice", o_.voice}, {"response_format", "wav"}});
    auto res = call(http_, std::move(req), ctx, o_.timeout, "OpenAI TTS");
    if (res.body.empty()) throw ApiError(Errc::bad_gateway, "OpenAI TTS returned no audio");
    return {std::move(res.body), content_type(res, "audio/wav")};
  }

 private:
  HttpClient& http_;
  CloudOptions o_;
};

class ElevenLabsTts final : public TtsProvider {
 public:
  ElevenLabsTts(HttpClient& http, CloudOptions o) : http_(http), o_(std::move(o)) {
    o_.base_url = trim_slash(o_.base_url);
    if (o_.model.empty()) o_.model = "eleven_turbo_v2";
  }
  std::string name() const override { return "elevenlabs"; }
  SynthesizedAudio synthesize(const std::string& text, const CallContext& ctx) override {
    ClientRequest req;
    req.method = "POST";
    req.url = o_.base_url + "/v1/text-to-speech/" + o_.voice + "?output_format=mp3_44100_128";
    req.headers.set("xi-api-key", o_.api_key);
    req.headers.set("Content-Type", "application/json");
    req.headers.set("Accept", "audio/mpeg");
    req.body = aurixa::json::serialize(bj::object{{"text", text}, {"model_id", o_.model}});
    auto res = call(http_, std::move(req), ctx, o_.timeout, "ElevenLabs");
    if (res.body.empty()) throw ApiError(Errc::bad_gateway, "ElevenLabs returned no audio");
    return {std::move(res.body), content_type(res, "audio/mpeg")};
  }

 private:
  HttpClient& http_;
  CloudOptions o_;
};

}  // namespace

std::shared_ptr<SttProvider> make_whisper(HttpClient& http, CloudOptions o) {
  return std::make_shared<WhisperStt>(http, std::move(o));
}
std::shared_ptr<SttProvider> make_deepgram(HttpClient& http, CloudOptions o) {
  return std::make_shared<DeepgramStt>(http, std::move(o));
}
std::shared_ptr<TtsProvider> make_openai_tts(HttpClient& http, CloudOptions o) {
  return std::make_shared<OpenAiTts>(http, std::move(o));
}
std::shared_ptr<TtsProvider> make_elevenlabs(HttpClient& http, CloudOptions o) {
  return std::make_shared<ElevenLabsTts>(http, std::move(o));
}

}  // namespace aurixa::voice
