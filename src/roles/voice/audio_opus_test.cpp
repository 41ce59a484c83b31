// Opus decoding: the test encodes flite speech with libopus and packs it the way browsers do (Ogg pages
// as in Firefox's MediaRecorder, WebM with unknown-size Segment/Cluster as in Chrome's), then checks the
// decoder gets the speech back well enough to transcribe it.
#include <gtest/gtest.h>
#include <ogg/ogg.h>
#include <opus/opus.h>

#include <cstring>

#include "core/error.hpp"
#include "roles/voice/audio.hpp"
#include "roles/voice/providers.hpp"
#include "roles/voice/wer.hpp"

namespace aurixa::voice {
namespace {

const std::string kText = "can I cancel my appointment for tomorrow";

std::string opus_head() {
  std::string h = "OpusHead";
  h += '\x01';                              // version
  h += '\x01';                              // channels
  h += std::string("\x38\x01", 2);          // pre-skip 312
  h += std::string("\x80\x3E\x00\x00", 4);  // input rate 16000
  h += std::string("\x00\x00", 2);          // gain
  h += '\x00';                              // mapping family
  return h;
}

// 20 ms Opus packets of flite speech resampled to 48 kHz.
std::vector<std::string> opus_packets(Pcm& original) {
  auto tts = make_flite("awb");
  original = flite_pcm(*tts, kText);
  auto pcm48 = resample(original.samples, original.sample_rate, 48000);
  int err = 0;
  OpusEncoder* enc = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &err);
  EXPECT_EQ(err, OPUS_OK);
  std::vector<std::string> out;
  pcm48.resize((pcm48.size() / 960 + 1) * 960, 0);
  for (std::size_t i = 0; i < pcm48.size(); i += 960) {
    unsigned char buf[4000];
    const int n = opus_encode(enc, pcm48.data() + i, 960, buf, sizeof buf);
    EXPECT_GT(n, 0);
    out.emplace_back(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  }
  opus_encoder_destroy(enc);
  return out;
}

std::string ogg_file(const std::vector<std::string>& packets) {
  ogg_stream_state os;
  ogg_stream_init(&os, 1234);
  std::string out;
  auto flush = [&](bool force) {
    ogg_page page;
    while (force ? ogg_stream_flush(&os, &page) : ogg_stream_pageout(&os, &page)) {
      out.append(reinterpret_cast<char*>(page.header), static_cast<std::size_t>(page.header_len));
      out.append(reinterpret_cast<char*>(page.body), static_cast<std::size_t>(page.body_len));
    }
  };
  std::string head = opus_head(),
              tags = std::string("OpusTags") + std::string("\x04\x00\x00\x00test\x00\x00\x00\x00", 12);
  std::vector<std::string> all = {head, tags};
  all.insert(all.end(), packets.begin(), packets.end());
  for (std::size_t i = 0; i < all.size(); ++i) {
    ogg_packet p{};
    p.packet = reinterpret_cast<unsigned char*>(all[i].data());
    p.bytes = static_cast<long>(all[i].size());
    p.b_o_s = i == 0;
    p.e_o_s = i + 1 == all.size();
    p.granulepos = i < 2 ? 0 : static_cast<ogg_int64_t>((i - 1) * 960);
    p.packetno = static_cast<ogg_int64_t>(i);
    ogg_stream_packetin(&os, &p);
    flush(i < 2);
  }
  flush(true);
  ogg_stream_clear(&os);
  return out;
}

// EBML element: id bytes + 8-byte size (or unknown) + body.
std::string el(std::string id, const std::string& body, bool unknown_size = false) {
  std::string out = std::move(id);
  if (unknown_size) return out + std::string("\x01\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8) + body;
  out += '\x01';
  for (int i = 6; i >= 0; --i) out += static_cast<char>((body.size() >> (8 * i)) & 0xFF);
  return out + body;
}

std::string webm_file(const std::vector<std::string>& packets) {
  std::string header = el("\x1A\x45\xDF\xA3", el("\x42\x82", "webm"));
  std::string track =
      el("\xAE", el("\xD7", std::string("\x01", 1)) + el("\x86", "A_OPUS") + el("\x63\xA2", opus_head()));
  std::string tracks = el(std::string("\x16\x54\xAE\x6B", 4), track);
  std::string cluster = el("\xE7", std::string("\x00", 1));  // Timecode 0
  for (std::size_t i = 0; i < packets.size(); ++i) {
    std::string block;
    block += '\x81';  // track 1
    block += static_cast<char>(((i * 20) >> 8) & 0xFF);
    block += static_cast<char>((i * 20) & 0xFF);
    block += '\x80';  // keyframe, no lacing
    cluster += el("\xA3", block + packets[i]);
  }
  return header +
         el(std::string("\x18\x53\x80\x67", 4), tracks + el(std::string("\x1F\x43\xB6\x75", 4), cluster, true), true);
}

TEST(Opus, OggOpusDecodesToTranscribableSpeech) {
  Pcm original;
  auto file = ogg_file(opus_packets(original));
  Pcm pcm = decode_audio(file);  // sniffed from "OggS"
  EXPECT_NEAR(pcm.seconds(), original.seconds(), 0.1);
  auto stt = make_pocketsphinx({});
  EXPECT_LE(word_errors(kText, stt->transcribe(pcm, {})).rate(), 0.2);
}

TEST(Opus, WebmOpusFromABrowserDecodes) {
  Pcm original;
  auto file = webm_file(opus_packets(original));
  Pcm pcm = decode_audio(file);
  EXPECT_NEAR(pcm.seconds(), original.seconds(), 0.1);
  auto stt = make_pocketsphinx({});
  EXPECT_LE(word_errors(kText, stt->transcribe(pcm, {})).rate(), 0.2);
  // A recording cut off mid-block (the upload of a live MediaRecorder) still decodes what is complete.
  Pcm cut = decode_audio(file.substr(0, file.size() - 50));
  EXPECT_GT(cut.seconds(), original.seconds() - 0.2);
}

TEST(Opus, WebmWithoutAnOpusTrackIs400) {
  std::string header = el("\x1A\x45\xDF\xA3", el("\x42\x82", "webm"));
  try {
    decode_audio(header + el(std::string("\x18\x53\x80\x67", 4), "", true));
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(std::string(e.detail()).find("Opus"), std::string::npos);
  }
}

}  // namespace
}  // namespace aurixa::voice
