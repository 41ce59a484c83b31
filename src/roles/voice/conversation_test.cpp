// The WebSocket conversation with the real offline stack (flite speaks the caller, PocketSphinx
// listens) and a scripted pipeline.
#include "roles/voice/conversation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <thread>

#include "roles/voice/fakes.hpp"
#include "roles/voice/service.hpp"

namespace aurixa::voice {
namespace {

using namespace testing;

struct Stack {
  std::shared_ptr<TtsProvider> caller = make_flite("awb");
  std::shared_ptr<SttProvider> stt = make_pocketsphinx({});
};
Stack& stack() {
  static Stack s;
  return s;
}

// Room noise, the sentence, then silence: 16 kHz PCM16 bytes.
std::string utterance(const std::string& text, int lead_ms = 400, int tail_ms = 800) {
  Pcm speech = flite_pcm(*stack().caller, text);
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 20);
  std::vector<std::int16_t> all;
  for (int i = 0; i < lead_ms * 16; ++i) all.push_back(static_cast<std::int16_t>(noise(rng)));
  all.insert(all.end(), speech.samples.begin(), speech.samples.end());
  for (int i = 0; i < tail_ms * 16; ++i) all.push_back(static_cast<std::int16_t>(noise(rng)));
  return std::string(reinterpret_cast<const char*>(all.data()), all.size() * 2);
}

// Sends PCM in 20 ms binary frames (640 bytes), optionally paced in real time.
void stream_frames(FakeWebSocket& ws, const std::string& pcm, bool realtime = false) {
  for (std::size_t i = 0; i < pcm.size(); i += 640) {
    ws.push(pcm.substr(i, 640), true);
    if (realtime) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

class ConversationTest : public ::testing::Test {
 protected:
  void start(std::chrono::milliseconds delta_gap = {}) {
    pipe->delta_gap = delta_gap;
    VoiceDeps d;
    d.stt = {stack().stt};
    d.tts = {std::make_shared<ScriptedTts>()};
    auto p = pipe;
    d.pipeline = [p] { return p; };
    d.telemetry = &telemetry;
    svc = std::make_unique<VoiceService>(std::move(d));
    runner = std::thread([this] {
      Conversation c(*svc, ws, CallContext{});
      c.run();
    });
  }
  void TearDown() override {
    ws.hang_up();
    if (runner.joinable()) runner.join();
  }

  std::shared_ptr<FakePipeline> pipe = std::make_shared<FakePipeline>();
  RecordingTelemetry telemetry;
  std::unique_ptr<VoiceService> svc;
  FakeWebSocket ws;
  std::thread runner;
};

TEST_F(ConversationTest, TextTurnFollowsTheSpecOrderAndKeepsTheSession) {
  start();
  ws.push(R"({"type":"text","content":"  hello there  "})");
  int text = ws.wait_for(has_type("text"));
  ASSERT_GE(text, 0);
  auto sent = ws.sent();
  int status = ws.wait_for(has_type("status")), delta = ws.wait_for(has_type("text_delta")),
      audio = ws.wait_for(has_type("audio"));
  EXPECT_LT(status, delta);
  EXPECT_LT(delta, audio);
  EXPECT_LT(audio, text);
  EXPECT_NE(sent[text].find(R"("content":"You said: hello there. Anything else?")"), std::string::npos) << sent[text];
  EXPECT_NE(sent[text].find(R"("session_id":"sess-1")"), std::string::npos);
  EXPECT_NE(ws.wait_for(has_type("audio")), -1);
  // The next turn continues the same session.
  ws.push("plain text works too");
  ASSERT_GE(ws.wait_for(has_type("text"), static_cast<std::size_t>(text) + 1), 0);
  auto reqs = pipe->requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].prompt, "hello there");
  EXPECT_EQ(reqs[1].session_id, "sess-1");
  EXPECT_EQ(reqs[1].channel, "voice");
}

TEST_F(ConversationTest, StreamedSpeechGivesTranscriptsDeltasAndAudio) {
  start();
  stream_frames(ws, utterance("I would like to book an appointment"));
  int final_tr = ws.wait_for([](const std::string& s) {
    return s.find(R"("type":"transcript")") != std::string::npos && s.find(R"("final":true)") != std::string::npos;
  });
  ASSERT_GE(final_tr, 0);
  auto sent = ws.sent();
  EXPECT_NE(sent[final_tr].find("appointment"), std::string::npos) << sent[final_tr];
  EXPECT_LT(ws.wait_for(has_type("speech_start")), final_tr);
  int text = ws.wait_for(has_type("text"), final_tr);
  ASSERT_GE(text, 0);
  sent = ws.sent();
  EXPECT_NE(sent[text].find(R"("intent":"book_appointment")"), std::string::npos) << sent[text];
  EXPECT_GT(ws.wait_for(has_type("text_delta"), final_tr), final_tr);
  int audio = ws.wait_for(has_type("audio"), final_tr);
  EXPECT_GT(audio, final_tr);
  EXPECT_NE(sent[audio].find(R"("mime":"audio/wav")"), std::string::npos);
  auto names = telemetry.names();
  EXPECT_NE(std::find(names.begin(), names.end(), "voice_first_audio"), names.end());
}

TEST_F(ConversationTest, SpeakingOverTheAnswerBargesIn) {
  start(std::chrono::milliseconds(60));  // a slowly streamed answer keeps the turn busy
  stream_frames(ws, utterance("what are your opening hours", 300, 400));
  int delta = ws.wait_for(has_type("text_delta"));
  ASSERT_GE(delta, 0);
  // The interruption is sent in real time from another thread, as a microphone would.
  const std::string stop = utterance("stop", 0, 400);
  // Where the speech in that audio begins (first 20 ms frame above -45 dBFS): latency counts from there.
  double onset_ms = 0;
  {
    const auto* s = reinterpret_cast<const std::int16_t*>(stop.data());
    for (std::size_t f = 0; (f + 1) * 320 <= stop.size() / 2; ++f) {
      double e = 0;
      for (std::size_t i = 0; i < 320; ++i) e += (s[f * 320 + i] / 32768.0) * (s[f * 320 + i] / 32768.0);
      if (10 * std::log10(e / 320 + 1e-10) > -45) {
        onset_ms = static_cast<double>(f) * 20;
        break;
      }
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::thread mic([&] { stream_frames(ws, stop, true); });
  int barge = ws.wait_for(has_type("barge_in"), delta);
  const double latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  mic.join();
  ASSERT_GT(barge, delta);
  // The VAD needs 60 ms of voice; the target is barge-in within 200 ms of the user starting to speak.
  EXPECT_LT(latency_ms - onset_ms, 200);
  std::printf("barge-in detected %.0f ms after the interrupting speech began\n", latency_ms - onset_ms);
  // The interrupted answer never completes.
  ws.wait_for(has_type("speech_end"), barge);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto sent = ws.sent();
  for (std::size_t i = barge; i < sent.size(); ++i)
    EXPECT_EQ(sent[i].find("opening hours. Anything else"), std::string::npos) << sent[i];
}

// A recogniser whose hypothesis is fixed: the end-pointer's decision depends only on its words.
class FixedHypothesisStt final : public SttProvider {
 public:
  explicit FixedHypothesisStt(std::string hyp) : hyp_(std::move(hyp)) {}
  std::string name() const override { return "fixed"; }
  std::string transcribe(const Pcm&, const CallContext&) override { return hyp_; }
  std::unique_ptr<SttStream> open_stream(const CallContext&) override {
    struct Stream final : SttStream {
      std::string hyp;
      void feed(const std::int16_t*, std::size_t) override {}
      std::string partial() override { return hyp; }
      std::string finish() override { return hyp; }
    };
    auto s = std::make_unique<Stream>();
    s->hyp = hyp_;
    return s;
  }

 private:
  std::string hyp_;
};

// 500 ms of a loud tone, `pause_ms` of silence, 500 ms of tone, 1 s of silence.
std::string tone_pause_tone(int pause_ms) {
  std::vector<std::int16_t> all;
  auto tone = [&] {
    for (int i = 0; i < 8000; ++i) all.push_back(static_cast<std::int16_t>(8000 * std::sin(i * 2 * M_PI * 180 / 16000)));
  };
  all.assign(16 * 200, 0);
  tone();
  all.resize(all.size() + static_cast<std::size_t>(16 * pause_ms), 0);
  tone();
  all.resize(all.size() + 16000, 0);
  return std::string(reinterpret_cast<const char*>(all.data()), all.size() * 2);
}

int count_type(const std::vector<std::string>& sent, const std::string& type) {
  return static_cast<int>(std::count_if(sent.begin(), sent.end(), has_type(type)));
}

TEST(ConversationEndpoint, CompleteHypothesisEndsAfterTheShortPauseUnfinishedOneWaits) {
  for (const auto& [hyp, utterances] : {std::pair<std::string, int>{"what are your opening hours", 2},
                                        std::pair<std::string, int>{"i would like to book an", 1}}) {
    FakeWebSocket ws;
    VoiceDeps d;
    d.stt = {std::make_shared<FixedHypothesisStt>(hyp)};
    d.tts = {std::make_shared<ScriptedTts>()};
    auto pipe = std::make_shared<FakePipeline>();
    d.pipeline = [pipe] { return pipe; };
    VoiceService svc(std::move(d));
    std::thread runner([&] {
      Conversation c(svc, ws, CallContext{});  // endpoint 200 ms, hangover 400 ms
      c.run();
    });
    stream_frames(ws, tone_pause_tone(300));
    std::size_t from = 0;
    for (int i = 0; i < utterances; ++i) {
      const int k = ws.wait_for(has_type("speech_end"), from, std::chrono::seconds(5));
      if (k < 0) break;
      from = static_cast<std::size_t>(k) + 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // no further utterance follows
    ws.hang_up();
    runner.join();
    // A 300 ms pause splits a complete-sounding request, not one that ends in "an".
    EXPECT_EQ(count_type(ws.sent(), "speech_end"), utterances) << hyp;
  }
}

TEST_F(ConversationTest, MalformedFramesGetErrorsAndTheConnectionStaysUsable) {
  start();
  ws.push("{not json");
  ws.push(R"({"type":"audio","data":"@@@"})");
  ws.push(R"({"type":"audio"})");
  ws.push(R"({"type":"dance"})");
  ws.push(R"({"type":"text","patient_id":"abc","content":"hi"})");
  ws.push(R"({"type":"text","content":"   "})");
  ws.push(R"({"type":"ping"})");
  ASSERT_GE(ws.wait_for(has_type("pong")), 0);
  auto sent = ws.sent();
  std::vector<std::string> errors;
  for (auto& s : sent)
    if (s.find(R"("type":"error")") != std::string::npos) errors.push_back(s);
  ASSERT_GE(errors.size(), 5u);
  EXPECT_NE(errors[0].find("malformed JSON"), std::string::npos);
  EXPECT_NE(errors[1].find("Invalid base64 audio data"), std::string::npos);
  EXPECT_NE(errors[2].find("No audio data"), std::string::npos);
  EXPECT_NE(errors[3].find("Unknown message type: dance"), std::string::npos);
  EXPECT_NE(errors[4].find("patient_id"), std::string::npos);
  EXPECT_GE(ws.wait_for([](const std::string& s) { return s.find("Empty text input") != std::string::npos; }), 0);
  ws.push(R"({"type":"text","content":"still there?"})");
  EXPECT_GE(ws.wait_for(has_type("text")), 0);
}

TEST_F(ConversationTest, PipelineErrorBecomesAnErrorEvent) {
  pipe->fail_with = "model unavailable";
  start();
  ws.push(R"({"type":"text","content":"hi"})");
  int e = ws.wait_for(has_type("error"));
  ASSERT_GE(e, 0);
  EXPECT_NE(ws.sent()[e].find("model unavailable"), std::string::npos);
}

TEST_F(ConversationTest, AudioMessageWithPrintableBytesIsATextTurn) {
  start();
  ws.push(R"({"type":"audio","data":"aGVsbG8gdGhlcmU="})");  // "hello there"
  int t = ws.wait_for(has_type("text"));
  ASSERT_GE(t, 0);
  EXPECT_NE(ws.sent()[t].find("You said: hello there."), std::string::npos);
}

}  // namespace
}  // namespace aurixa::voice
