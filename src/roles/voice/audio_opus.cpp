// Opus from browsers: MediaRecorder produces WebM/Opus (Chrome, Edge) or Ogg/Opus (Firefox). libogg
// reads Ogg pages; WebM is read by a minimal EBML walker that only looks for the Opus track's blocks.
#include <ogg/ogg.h>
#include <opus/opus.h>

#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "roles/voice/audio.hpp"

namespace aurixa::voice {
namespace {

constexpr int kOpusRate = 48'000;
constexpr int kMaxFrame = 5760;  // 120 ms at 48 kHz

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw ApiError(Errc::bad_request, what, field);
}

// Decodes Opus packets to mono (the decoder downmixes), dropping the header's pre-skip.
class OpusToPcm {
 public:
  OpusToPcm(std::string_view head, const std::string& field) : field_(field) {
    if (head.size() < 19 || head.substr(0, 8) != "OpusHead") bad(field_, "Opus stream has no OpusHead header");
    pre_skip_ = static_cast<int>(static_cast<unsigned char>(head[10]) | (static_cast<unsigned char>(head[11]) << 8));
    int err = 0;
    dec_.reset(opus_decoder_create(kOpusRate, 1, &err));
    if (err != OPUS_OK || !dec_) bad(field_, "Opus decoder could not be created");
  }
  void packet(const unsigned char* data, std::size_t len) {
    std::int16_t buf[kMaxFrame];
    const int n = opus_decode(dec_.get(), data, static_cast<opus_int32>(len), buf, kMaxFrame, 0);
    if (n < 0) bad(field_, std::string("Opus packet could not be decoded: ") + opus_strerror(n));
    int start = 0;
    if (pre_skip_ > 0) {
      start = std::min(n, pre_skip_);
      pre_skip_ -= start;
    }
    out_.samples.insert(out_.samples.end(), buf + start, buf + n);
  }
  Pcm take() {
    if (out_.samples.empty()) bad(field_, "Opus stream contains no audio");
    out_.sample_rate = kOpusRate;
    return std::move(out_);
  }

 private:
  struct Free {
    void operator()(OpusDecoder* d) const { opus_decoder_destroy(d); }
  };
  std::string field_;
  std::unique_ptr<OpusDecoder, Free> dec_;
  int pre_skip_ = 0;
  Pcm out_;
};

// ---- EBML ----------------------------------------------------------------------------------------

struct Reader {
  const unsigned char* p;
  std::size_t n, off = 0;
  // Variable-length integer; keep_marker for element IDs. Returns false at end or on a bad length.
  bool vint(std::uint64_t& v, bool keep_marker, bool& unknown) {
    if (off >= n) return false;
    const unsigned char first = p[off];
    int len = 1;
    while (len <= 8 && !(first & (0x80 >> (len - 1)))) ++len;
    if (len > 8 || off + len > n) return false;
    v = keep_marker ? first : (first & (0xFF >> len));
    bool all_ones = (v == static_cast<std::uint64_t>(0xFF >> len));
    for (int i = 1; i < len; ++i) {
      v = (v << 8) | p[off + i];
      all_ones = all_ones && p[off + i] == 0xFF;
    }
    unknown = !keep_marker && all_ones;
    off += len;
    return true;
  }
};

constexpr std::uint64_t kSegment = 0x18538067, kCluster = 0x1F43B675, kBlockGroup = 0xA0, kTracks = 0x1654AE6B,
                        kTrackEntry = 0xAE, kSimpleBlock = 0xA3, kBlock = 0xA1, kCodecId = 0x86, kTrackNumber = 0xD7,
                        kCodecPrivate = 0x63A2;

}  // namespace

Pcm decode_ogg_opus(std::string_view bytes, const std::string& field) {
  ogg_sync_state sync;
  ogg_sync_init(&sync);
  ogg_stream_state stream;
  bool stream_ready = false;
  struct Cleanup {
    ogg_sync_state* s;
    ogg_stream_state* st;
    bool* ready;
    ~Cleanup() {
      if (*ready) ogg_stream_clear(st);
      ogg_sync_clear(s);
    }
  } cleanup{&sync, &stream, &stream_ready};
  char* buf = ogg_sync_buffer(&sync, static_cast<long>(bytes.size()));
  std::memcpy(buf, bytes.data(), bytes.size());
  ogg_sync_wrote(&sync, static_cast<long>(bytes.size()));
  std::unique_ptr<OpusToPcm> dec;
  int packets = 0;
  ogg_page page;
  while (ogg_sync_pageout(&sync, &page) == 1) {
    if (!stream_ready) {
      ogg_stream_init(&stream, ogg_page_serialno(&page));
      stream_ready = true;
    }
    if (ogg_page_serialno(&page) != stream.serialno) continue;  // only the first logical stream
    ogg_stream_pagein(&stream, &page);
    ogg_packet pkt;
    while (ogg_stream_packetout(&stream, &pkt) == 1) {
      ++packets;
      if (packets == 1) {
        dec = std::make_unique<OpusToPcm>(
            std::string_view(reinterpret_cast<const char*>(pkt.packet), static_cast<std::size_t>(pkt.bytes)), field);
      } else if (packets > 2) {  // packet 2 is OpusTags
        dec->packet(pkt.packet, static_cast<std::size_t>(pkt.bytes));
      }
    }
  }
  if (!dec) bad(field, "Ogg data holds no Opus stream");
  return dec->take();
}

Pcm decode_webm_opus(std::string_view bytes, const std::string& field) {
  Reader r{reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()};
  std::uint64_t opus_track = 0, cur_track = 0;
  std::string cur_codec, cur_private, opus_private;
  std::vector<std::pair<std::uint64_t, std::string_view>> blocks;  // track, frame
  auto end_track = [&] {
    if (cur_codec == "A_OPUS" && opus_track == 0) {
      opus_track = cur_track;
      opus_private = cur_private;
    }
    cur_track = 0;
    cur_codec.clear();
    cur_private.clear();
  };
  while (r.off < r.n) {
    std::uint64_t id = 0, size = 0;
    bool unknown = false, ignored = false;
    if (!r.vint(id, true, ignored) || !r.vint(size, false, unknown)) break;  // truncated tail: use what we have
    if (id == kSegment || id == kCluster || id == kBlockGroup || id == kTracks) continue;  // descend
    if (id == kTrackEntry) {
      end_track();
      continue;
    }
    if (unknown || size > r.n - r.off) {
      if (id == kSimpleBlock || id == kBlock) break;  // a block cut off by the end of the upload
      bad(field, "WebM element has an invalid size");
    }
    const auto* body = r.p + r.off;
    const std::size_t len = static_cast<std::size_t>(size);
    if (id == kCodecId) {
      cur_codec.assign(reinterpret_cast<const char*>(body), len);
    } else if (id == kTrackNumber) {
      cur_track = 0;
      for (std::size_t i = 0; i < len; ++i) cur_track = (cur_track << 8) | body[i];
    } else if (id == kCodecPrivate) {
      cur_private.assign(reinterpret_cast<const char*>(body), len);
    } else if (id == kSimpleBlock || id == kBlock) {
      Reader b{body, len};
      std::uint64_t track = 0;
      bool u = false;
      if (!b.vint(track, false, u) || b.off + 3 > len) bad(field, "WebM block is malformed");
      const unsigned char flags = body[b.off + 2];
      if (flags & 0x06) bad(field, "laced WebM blocks are not supported");
      blocks.emplace_back(track, std::string_view(reinterpret_cast<const char*>(body + b.off + 3), len - b.off - 3));
    }
    r.off += len;
  }
  end_track();
  if (opus_track == 0) bad(field, "WebM file has no Opus audio track");
  // MediaRecorder always writes OpusHead as CodecPrivate; fall back to a mono default if absent.
  if (opus_private.empty()) opus_private = std::string("OpusHead\x01\x01\x00\x00\x80\xBB\x00\x00\x00\x00\x00", 19);
  OpusToPcm dec(opus_private, field);
  for (const auto& [track, frame] : blocks)
    if (track == opus_track) dec.packet(reinterpret_cast<const unsigned char*>(frame.data()), frame.size());
  return dec.take();
}

}  // namespace aurixa::voice
