// Voice-to-first-audio latency of a running server (docs/PERFORMANCE.md "Voice"): speaks short patient
// requests (flite awb) into /ws/voice in real time, 20 ms binary PCM frames, and measures from the end of
// speech (the last voiced frame sent) to the first synthesised audio chunk, plus the stages reported in
// the final text event. Usage: voice_latency <port> [turns=20] [path=/ws/voice] [callers=1]; callers > 1
// run that many conversations at once (each its own WebSocket, out of phase) and pool their numbers.
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "roles/voice/providers.hpp"

namespace beast = boost::beast;
namespace bj = boost::json;
using Clock = std::chrono::steady_clock;
using namespace aurixa::voice;

namespace {

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(p * v.size())) - 1)];
}

// Index just after the last 20 ms frame above -45 dBFS.
std::size_t speech_end(const std::vector<std::int16_t>& s) {
  std::size_t end = 0;
  for (std::size_t f = 0; (f + 1) * 320 <= s.size(); ++f) {
    double e = 0;
    for (std::size_t i = 0; i < 320; ++i) e += (s[f * 320 + i] / 32768.0) * (s[f * 320 + i] / 32768.0);
    if (10 * std::log10(e / 320 + 1e-10) > -45) end = (f + 1) * 320;
  }
  return end;
}

struct Results {
  std::mutex mu;
  std::vector<double> first_audio, vad_end, transcript_final, pipeline_ms, stt_tail_ms, first_tts_ms;
};

// One caller: a WebSocket session speaking `turns` requests in real time.
void caller(unsigned short port, const std::string& path, int turns, int offset,
            const std::vector<std::vector<std::int16_t>>& audio, Results& r) {
  boost::asio::io_context ioc;
  beast::websocket::stream<boost::asio::ip::tcp::socket> ws(ioc);
  ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
  ws.handshake("127.0.0.1", path);
  for (int t = 0; t < turns; ++t) {
    const auto& s = audio[static_cast<std::size_t>(t + offset) % audio.size()];
    const std::size_t end = speech_end(s);
    std::atomic<bool> ended{false};
    Clock::time_point end_at{};
    std::mutex mu;
    std::thread mic([&] {
      auto next = Clock::now();
      for (std::size_t i = 0; i < s.size(); i += 320) {
        std::this_thread::sleep_until(next);
        next += std::chrono::milliseconds(20);
        {
          std::lock_guard l(mu);
          ws.binary(true);
          ws.write(boost::asio::buffer(s.data() + i, std::min<std::size_t>(320, s.size() - i) * 2));
        }
        if (i + 320 >= end && !ended.exchange(true)) end_at = Clock::now();
      }
    });
    double fa = -1;
    for (;;) {
      beast::flat_buffer b;
      ws.read(b);
      const auto now = Clock::now();
      auto o = bj::parse(beast::buffers_to_string(b.data())).as_object();
      const std::string type(o.at("type").as_string());
      auto since_end = [&] { return ended ? std::chrono::duration<double, std::milli>(now - end_at).count() : -1.0; };
      std::lock_guard l(r.mu);
      if (type == "speech_end") r.vad_end.push_back(since_end());
      if (type == "transcript" && o.at("final").as_bool()) r.transcript_final.push_back(since_end());
      if (type == "audio" && fa < 0 && !o.at("data").as_string().empty()) fa = since_end();
      if (type == "text") {
        if (const auto* tm = o.if_contains("timings")) {
          const auto& m = tm->as_object();
          r.pipeline_ms.push_back(m.at("pipeline_ms").to_number<double>());
          r.stt_tail_ms.push_back(m.at("stt_ms").to_number<double>());
          if (const auto* f = m.if_contains("first_tts_ms")) r.first_tts_ms.push_back(f->to_number<double>());
        }
        break;
      }
      if (type == "error") {
        std::fprintf(stderr, "error event: %s\n", bj::serialize(o).c_str());
        break;
      }
    }
    mic.join();
    if (fa >= 0) {
      std::lock_guard l(r.mu);
      r.first_audio.push_back(fa);
    }
    // Drain what is left of the turn (a trailing audio marker) before the next one.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ws.close(beast::websocket::close_code::normal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: voice_latency <port> [turns=20] [path=/ws/voice] [callers=1]\n");
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  const int turns = argc > 2 ? std::atoi(argv[2]) : 20;
  const std::string path = argc > 3 ? argv[3] : "/ws/voice";
  const int callers = argc > 4 ? std::max(1, std::atoi(argv[4])) : 1;
  const std::vector<std::string> requests = {"what are your opening hours", "where are you located",
                                             "I would like to book an appointment", "can I cancel my appointment"};
  auto tts = make_flite("awb");
  std::vector<std::vector<std::int16_t>> audio;
  for (const auto& r : requests) {
    auto pcm = flite_pcm(*tts, r);
    std::vector<std::int16_t> s(4800, 0);  // 300 ms lead
    s.insert(s.end(), pcm.samples.begin(), pcm.samples.end());
    s.resize(s.size() + 16000, 0);  // 1 s of silence after
    audio.push_back(std::move(s));
  }

  Results r;
  std::vector<std::thread> threads;
  for (int c = 0; c < callers; ++c) {
    threads.emplace_back([&, c] {
      std::this_thread::sleep_for(std::chrono::milliseconds(370 * c));  // callers out of phase
      caller(port, path, turns, c, audio, r);
    });
  }
  for (auto& t : threads) t.join();
  double load[3] = {0, 0, 0};
  if (getloadavg(load, 3) < 0) load[0] = -1;
  std::printf("turns: %d per caller, %d concurrent caller(s) (4 requests, flite awb, real-time 20 ms frames), "
              "load average %.2f\n",
              turns, callers, load[0]);
  std::printf("| after end of speech | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n");
  auto row = [](const char* n, const std::vector<double>& v) {
    std::printf("| %s | %.0f | %.0f | %.0f |\n", n, pct(v, 0.5), pct(v, 0.95),
                v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
  };
  row("VAD speech_end event", r.vad_end);
  row("final transcript", r.transcript_final);
  row("first audio chunk", r.first_audio);
  std::printf("| server-side stage | p50 ms | p95 ms | max ms |\n|---|---|---|---|\n");
  row("end-of-utterance decode (finish)", r.stt_tail_ms);
  row("pipeline (whole turn)", r.pipeline_ms);
  row("first TTS chunk synthesis", r.first_tts_ms);
  return 0;
}
