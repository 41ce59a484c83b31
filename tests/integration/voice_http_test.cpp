// The voice role through the real binary (all roles, seeded SQLite store, port 0, via the gateway):
// capabilities, TTS, 4xx errors, a spoken round trip through the real pipeline (flite speaks a patient
// request, PocketSphinx transcribes it, the pipeline answers with the right intent), and the /ws/voice
// WebSocket streaming a flite WAV in 20 ms frames.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include "core/http_client.hpp"
#include "harness.hpp"
#include "roles/voice/audio.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa {
namespace {

namespace bj = boost::json;
namespace beast = boost::beast;
using testing::ServerProcess;

class VoiceHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = new std::string(testing::make_temp_dir("aurixa-voice"));
    auto env = testing::default_test_env(*data_dir_);
    env["AURIXA_ACCESS_LOG"] = "false";
    server_ = new ServerProcess({"serve", "--port", "0"}, env);
    caller_ = new std::shared_ptr<voice::TtsProvider>(voice::make_flite("awb"));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_dir_;
    delete caller_;
  }
  ClientResponse post(const std::string& path, const bj::object& body) {
    ClientRequest r;
    r.method = "POST";
    r.url = server_->url(path);
    r.body = bj::serialize(body);
    r.headers.set("Content-Type", "application/json");
    r.timeout = std::chrono::seconds(60);
    return client_.request(r);
  }
  static std::string spoken_wav(const std::string& text) {
    return voice::encode_wav(voice::flite_pcm(**caller_, text));
  }

  static std::string* data_dir_;
  static ServerProcess* server_;
  static std::shared_ptr<voice::TtsProvider>* caller_;
  HttpClient client_;
};
std::string* VoiceHttp::data_dir_ = nullptr;
ServerProcess* VoiceHttp::server_ = nullptr;
std::shared_ptr<voice::TtsProvider>* VoiceHttp::caller_ = nullptr;

TEST_F(VoiceHttp, CapabilitiesListTheOfflineProvidersAlsoThroughTheGatewayPrefix) {
  for (const char* path : {"/api/v1/voice/capabilities", "/api/v1/voice/voice/capabilities"}) {
    ClientRequest r;
    r.url = server_->url(path);
    auto res = client_.request(r);
    ASSERT_EQ(res.status, 200) << path << " " << res.body;
    auto o = bj::parse(res.body).as_object();
    EXPECT_TRUE(o.at("stt").as_bool());
    EXPECT_TRUE(o.at("tts").as_bool());
    EXPECT_EQ(o.at("stt_providers").as_array().at(0).as_string(), "pocketsphinx");
    EXPECT_EQ(o.at("tts_providers").as_array().at(0).as_string(), "flite");
  }
}

TEST_F(VoiceHttp, TtsReturnsWavWithTheRightMime) {
  auto res = post("/api/v1/voice/tts", {{"text", "Your appointment is confirmed."}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto o = bj::parse(res.body).as_object();
  EXPECT_EQ(o.at("mime").as_string(), "audio/wav");
  auto wav = voice::base64_decode(o.at("audio_b64").as_string());
  ASSERT_TRUE(wav);
  EXPECT_GT(voice::decode_audio(*wav).seconds(), 1.0);
  auto empty = post("/api/v1/voice/tts", {{"text", " "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(bj::parse(empty.body).at("field").as_string(), "text");
}

TEST_F(VoiceHttp, BadAudioIsAClear4xx) {
  struct Case {
    bj::object body;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {{{"want_tts", false}}, 422, "audio_b64"},
      {{{"audio_b64", "!!not base64!!"}}, 400, "audio_b64"},
      {{{"audio_b64", ""}}, 400, "audio_b64"},
      {{{"audio_b64", voice::base64_encode("just some text bytes here")}}, 400, "audio_b64"},
      {{{"audio_b64", voice::base64_encode("RIFF\x10\x00\x00\x00WAVEfmt ")}}, 400, "audio_b64"},
      {{{"audio_b64", "AAAA"}, {"format", "mp3"}}, 422, "format"},
  };
  for (const auto& c : cases) {
    auto res = post("/api/v1/voice/process", c.body);
    EXPECT_EQ(res.status, c.status) << bj::serialize(c.body) << " -> " << res.body;
    auto o = bj::parse(res.body).as_object();
    EXPECT_EQ(o.at("field").as_string(), c.field) << res.body;
    EXPECT_FALSE(std::string(o.at("detail").as_string()).empty());
  }
}

TEST_F(VoiceHttp, SpokenRequestRoundTripsThroughThePipelineWithTheRightIntent) {
  auto res = post(
      "/api/v1/voice/process",
      {{"audio_b64", voice::base64_encode(spoken_wav("I would like to book an appointment"))}, {"want_tts", true}});
  ASSERT_EQ(res.status, 200) << res.body;
  auto o = bj::parse(res.body).as_object();
  EXPECT_TRUE(o.at("error").is_null());
  EXPECT_NE(std::string(o.at("transcript").as_string()).find("appointment"), std::string::npos) << res.body;
  EXPECT_FALSE(std::string(o.at("response").as_string()).empty());
  EXPECT_EQ(o.at("intent").as_string(), "book_appointment") << res.body;
  EXPECT_FALSE(std::string(o.at("session_id").as_string()).empty());
  EXPECT_EQ(o.at("mime").as_string(), "audio/wav");
  EXPECT_FALSE(o.at("audio_b64").is_null());
  EXPECT_GT(o.at("timings").at("stt_ms").to_number<double>(), 0.0);
  // The same route under the original's second path.
  auto again =
      post("/api/v1/voice/voice/process",
           {{"audio_b64", voice::base64_encode(spoken_wav("can I cancel my appointment"))}, {"want_tts", false}});
  ASSERT_EQ(again.status, 200) << again.body;
  auto a = bj::parse(again.body).as_object();
  EXPECT_EQ(a.at("intent").as_string(), "cancel_appointment") << again.body;
  EXPECT_TRUE(a.at("audio_b64").is_null());
}

TEST_F(VoiceHttp, WebSocketStreamsAWavIn20msFrames) {
  boost::asio::io_context ioc;
  beast::websocket::stream<boost::asio::ip::tcp::socket> ws(ioc);
  ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  ws.handshake("127.0.0.1", "/ws/voice");
  auto read = [&]() {
    beast::flat_buffer b;
    ws.read(b);
    EXPECT_TRUE(ws.got_text());  // replies stay text frames (D2)
    return bj::parse(beast::buffers_to_string(b.data())).as_object();
  };
  // Malformed input first: an error event, then the connection still answers.
  ws.text(true);
  ws.write(boost::asio::buffer(std::string("{oops")));
  EXPECT_EQ(read().at("type").as_string(), "error");
  ws.write(boost::asio::buffer(std::string(R"({"type":"ping"})")));
  EXPECT_EQ(read().at("type").as_string(), "pong");

  auto pcm = voice::flite_pcm(**caller_, "I would like to book an appointment");
  std::vector<std::int16_t> samples(6400, 0);  // 400 ms of silence before and after
  samples.insert(samples.end(), pcm.samples.begin(), pcm.samples.end());
  samples.insert(samples.end(), 16000, 0);
  ws.binary(true);
  for (std::size_t i = 0; i < samples.size(); i += 320)
    ws.write(boost::asio::buffer(samples.data() + i, std::min<std::size_t>(320, samples.size() - i) * 2));

  std::vector<std::string> kinds;
  std::string transcript, intent;
  int audio_chunks = 0;
  for (int i = 0; i < 200; ++i) {
    auto o = read();
    kinds.emplace_back(o.at("type").as_string());
    if (kinds.back() == "transcript" && o.at("final").as_bool()) transcript = o.at("content").as_string();
    if (kinds.back() == "audio") {
      EXPECT_EQ(o.at("mime").as_string(), "audio/wav");
      if (!o.at("data").as_string().empty()) ++audio_chunks;
    }
    if (kinds.back() == "text") {
      if (o.at("intent").is_string()) intent = o.at("intent").as_string();
      break;
    }
    ASSERT_NE(kinds.back(), "error") << bj::serialize(o);
  }
  auto pos = [&](const char* k) { return std::find(kinds.begin(), kinds.end(), k) - kinds.begin(); };
  EXPECT_LT(pos("speech_start"), pos("speech_end"));
  EXPECT_LT(pos("speech_end"), pos("status"));
  EXPECT_LT(pos("status"), pos("text_delta"));
  EXPECT_LT(pos("text_delta"), pos("audio"));
  EXPECT_NE(transcript.find("appointment"), std::string::npos) << transcript;
  EXPECT_EQ(intent, "book_appointment");
  EXPECT_GE(audio_chunks, 1);
  ws.close(beast::websocket::close_code::normal);
}

}  // namespace
}  // namespace aurixa
