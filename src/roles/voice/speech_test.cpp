// flite speaks, PocketSphinx listens: the offline stack end to end, plus domain vocabulary.
#include <gtest/gtest.h>

#include "roles/voice/providers.hpp"
#include "roles/voice/wer.hpp"

namespace aurixa::voice {
namespace {

// awb is the "patient": deterministic and the voice PocketSphinx understands best (slt, a CG voice,
// varies from run to run; see docs/QUALITY.md).
struct Offline {
  std::shared_ptr<TtsProvider> tts = make_flite("awb");
  std::shared_ptr<SttProvider> plain = make_pocketsphinx({});
};
Offline& offline() {
  static Offline o;  // loading models once keeps the suite fast
  return o;
}

TEST(Wer, CountsSubstitutionsDeletionsInsertions) {
  EXPECT_EQ(word_errors("the cat sat", "the cat sat").errors, 0u);
  EXPECT_EQ(word_errors("the cat sat", "the bat sat down").errors, 2u);
  EXPECT_EQ(word_errors("And so, my fellow Americans!", "and so my fellow americans").errors, 0u);
  EXPECT_DOUBLE_EQ(word_errors("a b c d", "a c d").rate(), 0.25);
}

TEST(Speech, FliteSentenceIsTranscribedByPocketSphinx) {
  const std::string text = "can I cancel my appointment for tomorrow";
  Pcm audio = flite_pcm(*offline().tts, text);
  ASSERT_EQ(audio.sample_rate, 16000);
  auto hyp = offline().plain->transcribe(audio, {});
  auto w = word_errors(text, hyp);
  EXPECT_LE(w.rate(), 0.15) << "hypothesis: " << hyp;
}

TEST(Speech, FliteWavRoundTripsThroughTheDecoder) {
  auto wav = offline().tts->synthesize("does my insurance cover this visit", {});
  EXPECT_EQ(wav.mime, "audio/wav");
  Pcm audio = decode_audio(wav.bytes);
  EXPECT_LE(word_errors("does my insurance cover this visit", offline().plain->transcribe(audio, {})).rate(), 0.2);
}

TEST(Speech, StreamingGivesPartialsAndTheSameFinal) {
  const std::string text = "when will my lab results be ready";
  Pcm audio = flite_pcm(*offline().tts, text);
  auto stream = offline().plain->open_stream({});
  std::string partial;
  for (std::size_t i = 0; i < audio.samples.size(); i += 320) {
    stream->feed(audio.samples.data() + i, std::min<std::size_t>(320, audio.samples.size() - i));
    if (i == audio.samples.size() / 320 * 320 * 3 / 4 / 320 * 320) partial = stream->partial();
  }
  auto final_text = stream->finish();
  EXPECT_FALSE(partial.empty());
  EXPECT_LE(word_errors(text, final_text).rate(), 0.2) << final_text;
}

TEST(Speech, VocabularyTeachesTheRecogniserMedicationNames) {
  const std::string text = "I need a refill of atorvastatin";
  Pcm audio = flite_pcm(*offline().tts, text);
  auto before = offline().plain->transcribe(audio, {});
  EXPECT_EQ(before.find("atorvastatin"), std::string::npos);  // not in CMUdict: cannot be recognised

  PocketSphinxOptions o;
  o.vocabulary = {"atorvastatin", "Dr. Okonkwo"};
  o.pronounce = flite_pronouncer(offline().tts);
  auto adapted = make_pocketsphinx(o);
  auto added = pocketsphinx_added_words(*adapted);
  EXPECT_NE(std::find(added.begin(), added.end(), "atorvastatin"), added.end());
  auto after = adapted->transcribe(audio, {});
  EXPECT_NE(after.find("atorvastatin"), std::string::npos) << "hypothesis: " << after;
}

TEST(Speech, SilenceGivesAnEmptyTranscript) {
  Pcm silence;
  silence.samples.assign(16000, 0);
  EXPECT_EQ(offline().plain->transcribe(silence, {}), "");
}

TEST(Flite, UnknownVoiceIsRejected) { EXPECT_THROW(make_flite("hal9000"), std::invalid_argument); }

}  // namespace
}  // namespace aurixa::voice
