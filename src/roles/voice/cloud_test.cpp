// Cloud providers against local test doubles speaking each vendor's wire format.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/http_client.hpp"
#include "roles/llm/mock_server.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa::voice {
namespace {

using llm::testing::MockServer;
namespace bj = boost::json;

Pcm beep() {
  Pcm p;
  p.samples.assign(1600, 1000);
  return p;
}

TEST(Cloud, WhisperSendsMultipartWavAndReadsText) {
  MockServer mock;
  mock.router().post("/v1/audio/transcriptions", [&](const http::Request& r, CallContext&) {
    mock.record(r);
    return http::Response::json(200, R"({"text":"refill my metformin"})");
  });
  mock.start();
  HttpClient http;
  auto stt = make_whisper(http, {.base_url = mock.url("/v1"), .api_key = "sk-test"});
  EXPECT_EQ(stt->transcribe(beep(), {}), "refill my metformin");
  auto req = mock.requests().at(0);
  EXPECT_EQ(req.header("Authorization").value(), "Bearer sk-test");
  EXPECT_NE(std::string(req.header("Content-Type").value()).find("multipart/form-data; boundary="), std::string::npos);
  EXPECT_NE(req.body.find("name=\"model\"\r\n\r\nwhisper-1"), std::string::npos);
  EXPECT_NE(req.body.find("filename=\"audio.wav\""), std::string::npos);
  EXPECT_NE(req.body.find("RIFF"), std::string::npos);
}

TEST(Cloud, DeepgramSendsWavWithTokenAndReadsTheFirstAlternative) {
  MockServer mock;
  mock.router().post("/v1/listen", [&](const http::Request& r, CallContext&) {
    mock.record(r);
    return http::Response::json(
        200,
        R"({"results":{"channels":[{"alternatives":[{"transcript":"cancel my appointment","confidence":0.9}]}]}})");
  });
  mock.start();
  HttpClient http;
  auto stt = make_deepgram(http, {.base_url = mock.url(), .api_key = "dg-key"});
  EXPECT_EQ(stt->transcribe(beep(), {}), "cancel my appointment");
  auto req = mock.requests().at(0);
  EXPECT_EQ(req.header("Authorization").value(), "Token dg-key");
  EXPECT_EQ(req.header("Content-Type").value(), "audio/wav");
  EXPECT_NE(req.query.find("model=nova-2"), std::string::npos);
  EXPECT_EQ(req.body.substr(0, 4), "RIFF");
}

TEST(Cloud, OpenAiTtsPostsJsonAndReturnsWav) {
  MockServer mock;
  mock.router().post("/v1/audio/speech", [&](const http::Request& r, CallContext&) {
    mock.record(r);
    auto res = http::Response::text(200, "RIFF....WAVEfake", "audio/wav");
    return res;
  });
  mock.start();
  HttpClient http;
  auto tts = make_openai_tts(http, {.base_url = mock.url("/v1"), .api_key = "sk-test", .voice = "nova"});
  auto a = tts->synthesize("Hello.", {});
  EXPECT_EQ(a.mime, "audio/wav");
  EXPECT_EQ(a.bytes, "RIFF....WAVEfake");
  auto body = bj::parse(mock.requests().at(0).body).as_object();
  EXPECT_EQ(body.at("model").as_string(), "tts-1");
  EXPECT_EQ(body.at("voice").as_string(), "nova");
  EXPECT_EQ(body.at("input").as_string(), "Hello.");
  EXPECT_EQ(body.at("response_format").as_string(), "wav");
}

TEST(Cloud, ElevenLabsUsesTheVoicePathAndKeyHeader) {
  MockServer mock;
  mock.router().post("/v1/text-to-speech/{voice}", [&](const http::Request& r, CallContext&) {
    mock.record(r);
    return http::Response::text(200, "ID3fake-mp3", "audio/mpeg");
  });
  mock.start();
  HttpClient http;
  auto tts = make_elevenlabs(http, {.base_url = mock.url(), .api_key = "xi", .voice = "voice123"});
  auto a = tts->synthesize("Hello.", {});
  EXPECT_EQ(a.mime, "audio/mpeg");
  auto req = mock.requests().at(0);
  EXPECT_EQ(req.path, "/v1/text-to-speech/voice123");
  EXPECT_EQ(req.header("xi-api-key").value(), "xi");
  EXPECT_EQ(bj::parse(req.body).as_object().at("text").as_string(), "Hello.");
}

TEST(Cloud, VendorErrorsAreBadGateway) {
  MockServer mock;
  mock.router().post("/v1/audio/transcriptions", [](const http::Request&, CallContext&) {
    return http::Response::json(401, R"({"error":"bad key"})");
  });
  mock.start();
  HttpClient http;
  auto stt = make_whisper(http, {.base_url = mock.url("/v1"), .api_key = "wrong"});
  try {
    stt->transcribe(beep(), {});
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 502);
    EXPECT_NE(std::string(e.detail()).find("401"), std::string::npos);
  }
}

}  // namespace
}  // namespace aurixa::voice
