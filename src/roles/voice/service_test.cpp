#include "roles/voice/service.hpp"

#include <gtest/gtest.h>

#include "roles/voice/fakes.hpp"

namespace aurixa::voice {
namespace {

using namespace testing;

struct Fixture {
  std::shared_ptr<FakePipeline> pipe = std::make_shared<FakePipeline>();
  RecordingTelemetry telemetry;
  VoiceDeps deps(std::vector<std::shared_ptr<SttProvider>> stt, std::vector<std::shared_ptr<TtsProvider>> tts) {
    VoiceDeps d;
    d.stt = std::move(stt);
    d.tts = std::move(tts);
    auto p = pipe;
    d.pipeline = [p] { return p; };
    d.telemetry = &telemetry;
    return d;
  }
};

std::string some_wav() {
  Pcm p;
  p.samples.assign(8000, 500);
  return encode_wav(p);
}

int status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.status();
  }
  return 0;
}

TEST(VoiceService, ProcessTranscribesAsksThePipelineAndSpeaks) {
  Fixture f;
  VoiceService svc(f.deps({std::make_shared<ScriptedStt>("book an appointment")}, {std::make_shared<ScriptedTts>()}));
  ProcessRequest req;
  req.audio = some_wav();
  req.patient_id = 7;
  auto r = svc.process(req, {});
  EXPECT_EQ(r.transcript, "book an appointment");
  EXPECT_EQ(r.response, "You said: book an appointment. Anything else?");
  EXPECT_EQ(r.intent, "book_appointment");
  EXPECT_EQ(r.session_id, "sess-1");
  EXPECT_EQ(r.mime, "audio/wav");
  EXPECT_EQ(r.audio.substr(0, 4), "RIFF");
  auto reqs = f.pipe->requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].channel, "voice");
  EXPECT_EQ(reqs[0].patient_id, 7);
  auto names = f.telemetry.names();
  for (const char* n : {"voice_stt", "voice_pipeline", "voice_tts", "voice_turn"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

TEST(VoiceService, FirstNonEmptyTranscriptWinsAndFailuresFallThrough) {
  Fixture f;
  VoiceService svc(f.deps({std::make_shared<ScriptedStt>("", "broken", true),
                           std::make_shared<ScriptedStt>("", "quiet"), std::make_shared<ScriptedStt>("hello", "third")},
                          {}));
  std::string provider;
  Pcm p;
  p.samples.assign(100, 0);
  EXPECT_EQ(svc.transcribe(p, {}, &provider), "hello");
  EXPECT_EQ(provider, "third");
}

TEST(VoiceService, NoTranscriptAsksToRepeatWithoutCallingThePipeline) {
  Fixture f;
  VoiceService svc(f.deps({std::make_shared<ScriptedStt>("")}, {}));
  ProcessRequest req;
  req.audio = some_wav();
  auto r = svc.process(req, {});
  EXPECT_EQ(r.transcript, "");
  EXPECT_EQ(r.response, kNoTranscriptReply);
  EXPECT_TRUE(f.pipe->requests().empty());
}

TEST(VoiceService, BadOrEmptyAudioIs400) {
  Fixture f;
  VoiceService svc(f.deps({std::make_shared<ScriptedStt>("x")}, {}));
  ProcessRequest req;
  EXPECT_EQ(status_of([&] { svc.process(req, {}); }), 400);
  req.audio = "definitely not audio";
  EXPECT_EQ(status_of([&] { svc.process(req, {}); }), 400);
  req.format = "mp3";
  EXPECT_EQ(status_of([&] { svc.process(req, {}); }), 422);
}

TEST(VoiceService, TooMuchAudioIs413) {
  Fixture f;
  auto d = f.deps({std::make_shared<ScriptedStt>("x")}, {});
  d.max_audio_bytes = 100;
  VoiceService svc(std::move(d));
  ProcessRequest req;
  req.audio = some_wav();
  EXPECT_EQ(status_of([&] { svc.process(req, {}); }), 413);
}

TEST(VoiceService, NoPipelineIs503) {
  VoiceDeps d;
  d.stt = {std::make_shared<ScriptedStt>("hello")};
  d.pipeline = [] { return std::shared_ptr<orchestration::Api>(); };
  VoiceService svc(std::move(d));
  ProcessRequest req;
  req.audio = some_wav();
  try {
    svc.process(req, {});
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 503);
    EXPECT_NE(std::string(e.detail()).find("orchestration"), std::string::npos);
  }
}

TEST(VoiceService, TtsFallsBackAndReportsTheRealMime) {
  Fixture f;
  VoiceService svc(f.deps({}, {std::make_shared<ScriptedTts>(true), std::make_shared<ScriptedTts>()}));
  auto s = svc.synthesize("Hello there.", {});
  EXPECT_EQ(s.mime, "audio/wav");
  EXPECT_EQ(status_of([&] { svc.synthesize("  ", {}); }), 422);
  VoiceService none(f.deps({}, {std::make_shared<ScriptedTts>(true)}));
  EXPECT_EQ(status_of([&] { none.synthesize("Hello", {}); }), 503);
}

TEST(VoiceService, PipelineErrorsPropagate) {
  Fixture f;
  f.pipe->fail_with = "llm down";
  VoiceService svc(f.deps({std::make_shared<ScriptedStt>("hello")}, {}));
  ProcessRequest req;
  req.audio = some_wav();
  EXPECT_EQ(status_of([&] { svc.process(req, {}); }), 500);
}

TEST(Sentences, SplitAtEndMarksButNotAbbreviationsOrDecimals) {
  std::string buf = "Your visit with Dr. Adams is at 3.30 pm. Bring your card! And";
  std::vector<std::string> out;
  take_sentences(buf, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], "Your visit with Dr. Adams is at 3.30 pm.");
  EXPECT_EQ(out[1], " Bring your card!");
  EXPECT_EQ(buf, " And");
}

TEST(Sentences, FirstClauseIsTakenOnlyWhenLongEnough) {
  std::string buf = "Sure, our opening hours are Monday to Friday, 8 am to 6 pm. See you";
  std::string clause;
  ASSERT_TRUE(take_first_clause(buf, clause));
  EXPECT_EQ(clause, "Sure, our opening hours are Monday to Friday,");  // "Sure," alone is too short
  EXPECT_EQ(buf, " 8 am to 6 pm. See you");
  std::string none = "It costs 1,500 dollars at 8:30";
  EXPECT_FALSE(take_first_clause(none, clause));
  EXPECT_EQ(none, "It costs 1,500 dollars at 8:30");
}

}  // namespace
}  // namespace aurixa::voice
