#include "roles/voice/audio.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numbers>

#include "core/error.hpp"

namespace aurixa::voice {
namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) {
  throw ApiError(Errc::bad_request, what, field);
}

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

std::int16_t clamp16(double v) { return static_cast<std::int16_t>(std::lround(std::clamp(v, -32768.0, 32767.0))); }

constexpr int kMinRate = 4'000, kMaxRate = 192'000;

Pcm decode_wav(std::string_view bytes, const std::string& field) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (n < 12 || std::memcmp(p, "RIFF", 4) != 0 || std::memcmp(p + 8, "WAVE", 4) != 0)
    bad(field, "audio is not a RIFF/WAVE file");
  std::uint16_t fmt = 0, channels = 0, bits = 0;
  std::uint32_t rate = 0;
  bool have_fmt = false;
  std::string_view data;
  bool have_data = false;
  for (std::size_t off = 12; off + 8 <= n;) {
    const std::uint32_t size = le32(p + off + 4);
    const std::size_t body = off + 8;
    const std::size_t avail = n - body;
    if (std::memcmp(p + off, "fmt ", 4) == 0) {
      if (size < 16 || avail < 16) bad(field, "WAV fmt chunk is truncated");
      fmt = le16(p + body);
      channels = le16(p + body + 2);
      rate = le32(p + body + 4);
      bits = le16(p + body + 14);
      if (fmt == 0xFFFE && size >= 26 && avail >= 26) fmt = le16(p + body + 24);  // WAVE_FORMAT_EXTENSIBLE
      have_fmt = true;
    } else if (std::memcmp(p + off, "data", 4) == 0) {
      // Streamed WAVs carry 0 or 0xFFFFFFFF here: take what is there.
      std::size_t len = (size == 0 || size > avail) ? avail : size;
      data = bytes.substr(body, len);
      have_data = true;
      break;
    }
    off = body + size + (size & 1);
    if (size > n) break;
  }
  if (!have_fmt) bad(field, "WAV file has no fmt chunk");
  if (!have_data) bad(field, "WAV file has no data chunk");
  if (channels == 0 || channels > 8) bad(field, "WAV channel count " + std::to_string(channels) + " is not supported");
  if (rate < kMinRate || rate > kMaxRate) bad(field, "WAV sample rate " + std::to_string(rate) + " is not supported");
  const bool pcm = fmt == 1, flt = fmt == 3;
  if (!(pcm && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(flt && (bits == 32 || bits == 64)))
    bad(field, "WAV encoding (format " + std::to_string(fmt) + ", " + std::to_string(bits) +
                   " bit) is not supported: use PCM 8/16/24/32-bit or float");
  const std::size_t width = bits / 8, frame = width * channels;
  const std::size_t frames = data.size() / frame;
  if (frames == 0) bad(field, "WAV file contains no audio samples");
  Pcm out;
  out.sample_rate = static_cast<int>(rate);
  out.samples.resize(frames);
  const auto* d = reinterpret_cast<const unsigned char*>(data.data());
  for (std::size_t i = 0; i < frames; ++i) {
    double sum = 0;
    for (std::size_t c = 0; c < channels; ++c) {
      const unsigned char* s = d + i * frame + c * width;
      double v = 0;
      if (pcm) {
        switch (bits) {
          case 8:
            v = (static_cast<int>(s[0]) - 128) * 256.0;
            break;
          case 16:
            v = static_cast<std::int16_t>(le16(s));
            break;
          case 24: {
            const std::uint32_t u =
                (std::uint32_t{s[0]} << 8) | (std::uint32_t{s[1]} << 16) | (std::uint32_t{s[2]} << 24);
            v = static_cast<std::int32_t>(u) / 65536.0;
            break;
          }
          default:
            v = static_cast<std::int32_t>(le32(s)) / 65536.0;
            break;
        }
      } else if (bits == 32) {
        float f;
        std::memcpy(&f, s, 4);
        v = std::isfinite(f) ? f * 32767.0 : 0.0;
      } else {
        double f;
        std::memcpy(&f, s, 8);
        v = std::isfinite(f) ? f * 32767.0 : 0.0;
      }
      sum += v;
    }
    out.samples[i] = clamp16(sum / channels);
  }
  return out;
}

}  // namespace

AudioFormat parse_format(std::string_view name) {
  if (name.empty()) return AudioFormat::unknown;
  std::string s(name);
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (s == "wav" || s == "wave" || s == "audio/wav" || s == "audio/x-wav" || s == "audio/wave") return AudioFormat::wav;
  if (s == "pcm16" || s == "pcm" || s == "raw" || s == "s16le" || s == "audio/l16") return AudioFormat::pcm16;
  if (s == "ogg" || s == "opus" || s == "audio/ogg" || s == "audio/opus") return AudioFormat::ogg;
  if (s == "webm" || s == "audio/webm") return AudioFormat::webm;
  throw ApiError::validation("format", "format must be one of wav, pcm16, ogg, webm (got '" + std::string(name) + "')");
}

AudioFormat sniff_format(std::string_view b) {
  if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WAVE") return AudioFormat::wav;
  if (b.size() >= 4 && b.substr(0, 4) == "OggS") return AudioFormat::ogg;
  if (b.size() >= 4 && b.substr(0, 4) == std::string_view("\x1A\x45\xDF\xA3", 4)) return AudioFormat::webm;
  return AudioFormat::unknown;
}

Pcm decode_audio(std::string_view bytes, const DecodeOptions& o) {
  if (bytes.empty()) bad(o.field, "audio is empty");
  AudioFormat f = o.format == AudioFormat::unknown ? sniff_format(bytes) : o.format;
  Pcm pcm;
  switch (f) {
    case AudioFormat::wav:
      pcm = decode_wav(bytes, o.field);
      break;
    case AudioFormat::ogg:
      pcm = decode_ogg_opus(bytes, o.field);
      break;
    case AudioFormat::webm:
      pcm = decode_webm_opus(bytes, o.field);
      break;
    case AudioFormat::pcm16: {
      if (o.raw_sample_rate < kMinRate || o.raw_sample_rate > kMaxRate)
        throw ApiError::validation("sample_rate", "sample_rate must be between 4000 and 192000");
      if (bytes.size() < 2) bad(o.field, "raw PCM16 audio is shorter than one sample");
      pcm.sample_rate = o.raw_sample_rate;
      pcm.samples.resize(bytes.size() / 2);
      const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
      for (std::size_t i = 0; i < pcm.samples.size(); ++i) pcm.samples[i] = static_cast<std::int16_t>(le16(p + 2 * i));
      break;
    }
    case AudioFormat::unknown:
      bad(o.field,
          "unrecognised audio format: send WAV, Ogg/Opus or WebM/Opus, or raw 16-bit little-endian PCM with "
          "\"format\":\"pcm16\" (and \"sample_rate\")");
  }
  if (pcm.samples.empty()) bad(o.field, "audio contains no samples");
  pcm.samples = resample(pcm.samples, pcm.sample_rate, kSttRate);
  pcm.sample_rate = kSttRate;
  return pcm;
}

std::string encode_wav(const Pcm& pcm) {
  const std::uint32_t data_len = static_cast<std::uint32_t>(pcm.samples.size() * 2);
  std::string out;
  out.reserve(44 + data_len);
  auto put32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  auto put16 = [&](std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
  };
  out += "RIFF";
  put32(36 + data_len);
  out += "WAVEfmt ";
  put32(16);
  put16(1);
  put16(1);
  put32(static_cast<std::uint32_t>(pcm.sample_rate));
  put32(static_cast<std::uint32_t>(pcm.sample_rate) * 2);
  put16(2);
  put16(16);
  out += "data";
  put32(data_len);
  for (std::int16_t s : pcm.samples) put16(static_cast<std::uint16_t>(s));
  return out;
}

std::vector<std::int16_t> resample(const std::vector<std::int16_t>& in, int from, int to) {
  if (from == to || in.empty()) return in;
  const double ratio = static_cast<double>(to) / from;     // output samples per input sample
  const double fc = std::min(1.0, ratio);                  // cut-off relative to the input Nyquist
  const int half = static_cast<int>(std::ceil(8.0 / fc));  // taps each side
  const auto out_len = static_cast<std::size_t>(std::floor(static_cast<double>(in.size()) * ratio));
  std::vector<std::int16_t> out(out_len);
  const auto n = static_cast<long>(in.size());
  for (std::size_t i = 0; i < out_len; ++i) {
    const double t = static_cast<double>(i) / ratio;
    const long c = static_cast<long>(std::floor(t));
    double acc = 0, wsum = 0;
    for (long k = c - half + 1; k <= c + half; ++k) {
      if (k < 0 || k >= n) continue;
      const double x = t - static_cast<double>(k);
      const double arg = std::numbers::pi * fc * x;
      const double sinc = std::abs(arg) < 1e-9 ? 1.0 : std::sin(arg) / arg;
      const double win = 0.5 + 0.5 * std::cos(std::numbers::pi * x / (half + 1));  // Hann
      const double w = sinc * win;
      acc += w * in[static_cast<std::size_t>(k)];
      wsum += w;
    }
    out[i] = clamp16(wsum != 0 ? acc / wsum : 0);
  }
  return out;
}

std::string base64_encode(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const std::uint32_t v = (static_cast<unsigned char>(data[i]) << 16) |
                            (static_cast<unsigned char>(data[i + 1]) << 8) | static_cast<unsigned char>(data[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  if (i < data.size()) {
    std::uint32_t v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.starts_with("data:")) {
    auto comma = text.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    text.remove_prefix(comma + 1);
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t acc = 0;
  int bits = 0;
  bool padding = false;
  for (char ch : text) {
    int v;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9')
      v = ch - '0' + 52;
    else if (ch == '+' || ch == '-')
      v = 62;
    else if (ch == '/' || ch == '_')
      v = 63;
    else if (ch == '=') {
      padding = true;
      continue;
    } else if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
      continue;
    else
      return std::nullopt;
    if (padding) return std::nullopt;  // data after padding
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if (bits >= 6) return std::nullopt;  // a single dangling character cannot encode a byte
  return out;
}

}  // namespace aurixa::voice
