// Speech quality and speed of the offline voice stack (PocketSphinx + flite), for docs/QUALITY.md and
// docs/PERFORMANCE.md:
//   1. WER and real-time factor on the public clips in ../shared/data/speech_wer,
//   2. WER on flite-synthesised sentences of ../shared/eval/intents.jsonl (per flite voice),
//   each with the general model and with the clinic vocabulary (domain LM), and
//   3. the real-time factor with 2 utterances decoded at once (the 2-core box).
// Usage: voice_eval [--shared DIR] [--voices awb,slt,...] [--smoke] [--quick] [--ps "-flag value ..."]
// [--every N].
// --smoke asserts quality floors and exits 1 below them; exit code 2 when ../shared is absent. --ps replaces
// the PocketSphinx search settings (default: PocketSphinxOptions::fast_search_args(); "" = library defaults)
// for sweeps (both whole-recording and streaming searches); --quick measures only the clinic-LM recogniser (clips, then awb sentences decoded both whole and
// streamed in 20 ms frames as /ws/stream does, with the end-of-utterance cost of the streamed decode).
#include <boost/json.hpp>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>

#include "roles/voice/audio.hpp"
#include "roles/voice/providers.hpp"
#include "roles/voice/vocabulary.hpp"
#include "roles/voice/wer.hpp"

using namespace aurixa::voice;
namespace bj = boost::json;
using Clock = std::chrono::steady_clock;

namespace {

struct Clip {
  std::string name, reference;
  Pcm audio;
};

std::string read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string x; std::getline(ss, x, ',');) out.push_back(x);
  return out;
}

double secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

// CPU time of the calling thread: on the shared, loaded machine a steadier speed measure than wall time.
double thread_cpu_secs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string x; ss >> x;) out.push_back(x);
  return out;
}

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size()))) - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = std::string(AURIXA_SOURCE_DIR) + "/../shared";
  std::vector<std::string> voices = {"awb", "slt", "kal16", "rms"};
  bool smoke = false, quick = false;
  int every = 1;  // --every N: only every Nth intent sentence (faster sweeps)
  std::optional<std::vector<std::string>> search;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--shared") && i + 1 < argc)
      shared = argv[++i];
    else if (!std::strcmp(argv[i], "--voices") && i + 1 < argc)
      voices = split(argv[++i]);
    else if (!std::strcmp(argv[i], "--smoke"))
      smoke = true;
    else if (!std::strcmp(argv[i], "--quick"))
      quick = true;
    else if (!std::strcmp(argv[i], "--ps") && i + 1 < argc)
      search = words(argv[++i]);
    else if (!std::strcmp(argv[i], "--every") && i + 1 < argc)
      every = std::max(1, std::atoi(argv[++i]));
  }
  const std::string wer_dir = shared + "/data/speech_wer", intents = shared + "/eval/intents.jsonl";
  if (!std::filesystem::exists(wer_dir + "/transcripts.jsonl") || !std::filesystem::exists(intents)) {
    std::fprintf(stderr, "voice_eval: %s not found; skipping\n", shared.c_str());
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // Smoke (ctest): one voice, the first 40 sentences (short greetings: the hardest), no concurrency run;
  // about 30 s on an idle core.
  std::size_t max_sentences = smoke ? 40 : SIZE_MAX;
  const bool adapted_only = smoke || quick;  // skip the general-LM recogniser
  if (smoke || quick) voices = {"awb"};
  PocketSphinxOptions base;
  if (search) base.search_args = base.stream_search_args = *search;
  std::printf("search settings: whole recordings [");
  for (const auto& a : base.search_args) std::printf(" %s", a.c_str());
  std::printf(" ], streams [");
  for (const auto& a : base.stream_search_args) std::printf(" %s", a.c_str());
  std::printf(" ]\n");

  auto flite = make_flite("awb");
  auto t0 = Clock::now();
  auto plain = make_pocketsphinx(base);
  const double load_plain = secs(t0);
  PocketSphinxOptions po = base;
  po.vocabulary = clinic_vocabulary();
  po.pronounce = flite_pronouncer(flite);
  t0 = Clock::now();
  auto adapted = make_pocketsphinx(po);
  const double load_adapted = secs(t0);
  std::printf("model load: general %.0f ms, with clinic vocabulary %.0f ms (%zu words added to the dictionary)\n\n",
              load_plain * 1000, load_adapted * 1000, pocketsphinx_added_words(*adapted).size());

  // 1. Public clips.
  std::vector<Clip> clips;
  {
    std::ifstream in(wer_dir + "/transcripts.jsonl");
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      auto o = bj::parse(line).as_object();
      Clip c;
      c.name = std::string(o.at("audio").as_string());
      c.reference = std::string(o.at("text").as_string());
      c.audio = decode_audio(read_file(wer_dir + "/" + c.name));
      clips.push_back(std::move(c));
    }
  }
  WerCount total_plain, total_adapted;
  double audio_s = 0, proc_s = 0;
  std::printf("| clip | words | WER general | WER clinic LM | RTF |\n|---|---|---|---|---|\n");
  for (const auto& c : clips) {
    auto t = Clock::now();
    auto hyp = adapted_only ? std::string() : plain->transcribe(c.audio, {});
    const double dt = secs(t);
    t = Clock::now();
    auto hyp2 = adapted->transcribe(c.audio, {});
    const double dt2 = secs(t);
    auto w = word_errors(c.reference, hyp), w2 = word_errors(c.reference, hyp2);
    total_plain.errors += w.errors, total_plain.ref_words += w.ref_words;
    total_adapted.errors += w2.errors, total_adapted.ref_words += w2.ref_words;
    audio_s += c.audio.seconds();
    proc_s += adapted_only ? dt2 : dt;
    std::printf("| %s | %zu | %.3f | %.3f | %.3f |\n", c.name.c_str(), w.ref_words, w.rate(), w2.rate(),
                (adapted_only ? dt2 : dt) / c.audio.seconds());
  }
  std::printf("| **all (%zu clips, %.1f s)** | %zu | **%.3f** | **%.3f** | **%.3f** |\n\n", clips.size(), audio_s,
              total_plain.ref_words, total_plain.rate(), total_adapted.rate(), proc_s / audio_s);
  if (!smoke) {
    // The same clips streamed in 20 ms frames (the conversation's search settings).
    WerCount streamed;
    double cpu = 0;
    for (const auto& c : clips) {
      const double c0 = thread_cpu_secs();
      auto stream = adapted->open_stream({});
      for (std::size_t i = 0; i < c.audio.samples.size(); i += 320)
        stream->feed(c.audio.samples.data() + i, std::min<std::size_t>(320, c.audio.samples.size() - i));
      auto w = word_errors(c.reference, stream->finish());
      cpu += thread_cpu_secs() - c0;
      streamed.errors += w.errors, streamed.ref_words += w.ref_words;
    }
    std::printf("clips streamed (20 ms frames, clinic LM): WER %.3f, RTF %.3f CPU\n\n", streamed.rate(), cpu / audio_s);
  }

  // 3. Two utterances at once (each thread decodes all clips; the decoder pool gives each its own), with
  // the clinic-LM recogniser that `aurixa serve` uses.
  if (!smoke && !quick) {
    double busy[2] = {0, 0};
    auto t = Clock::now();
    std::thread a([&] {
      for (const auto& c : clips) adapted->transcribe(c.audio, {});
    });
    std::thread b([&] {
      for (auto it = clips.rbegin(); it != clips.rend(); ++it) adapted->transcribe(it->audio, {});
    });
    a.join();
    b.join();
    busy[0] = secs(t);
    std::printf("2 concurrent streams: %.1f s of audio each decoded in %.2f s wall -> RTF %.3f per stream\n\n", audio_s,
                busy[0], busy[0] / audio_s);
  }

  // 2. Synthesised intent sentences.
  std::vector<std::string> texts;
  {
    std::ifstream in(intents);
    int n = 0;
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && texts.size() < max_sentences && n++ % every == 0)
        texts.emplace_back(bj::parse(line).at("text").as_string());
  }
  double smoke_wer = 1;
  std::printf("| flite voice | sentences | words | WER general | WER clinic LM | RTF |\n|---|---|---|---|---|---|\n");
  for (const auto& v : voices) {
    auto tts = make_flite(v);
    WerCount g, d, st;
    double as = 0, ps = 0, stream_s = 0, stream_cpu = 0;
    std::vector<double> finish_ms;
    for (const auto& text : texts) {
      Pcm pcm = flite_pcm(*tts, text);
      if (pcm.sample_rate != kSttRate) {
        pcm.samples = resample(pcm.samples, pcm.sample_rate, kSttRate);
        pcm.sample_rate = kSttRate;
      }
      auto t = Clock::now();
      auto h = adapted_only ? std::string() : plain->transcribe(pcm, {});
      ps += secs(t);
      as += pcm.seconds();
      t = Clock::now();
      auto h2 = quick ? std::string() : adapted->transcribe(pcm, {});  // quick: the streamed decode only
      if (adapted_only) ps += secs(t);
      if (quick) {
        // As /ws/stream: 20 ms frames fed while the user speaks, finish() at the end of speech.
        t = Clock::now();
        const double c0 = thread_cpu_secs();
        auto stream = adapted->open_stream({});
        for (std::size_t i = 0; i < pcm.samples.size(); i += 320)
          stream->feed(pcm.samples.data() + i, std::min<std::size_t>(320, pcm.samples.size() - i));
        const auto f0 = Clock::now();
        auto h3 = stream->finish();
        finish_ms.push_back(secs(f0) * 1000);
        stream_s += secs(t);
        stream_cpu += thread_cpu_secs() - c0;
        auto w3 = word_errors(text, h3);
        st.errors += w3.errors, st.ref_words += w3.ref_words;
      }
      auto w = word_errors(text, h), w2 = word_errors(text, h2);
      g.errors += w.errors, g.ref_words += w.ref_words;
      d.errors += w2.errors, d.ref_words += w2.ref_words;
    }
    std::printf("| %s | %zu | %zu | %.3f | %.3f | %.3f |\n", v.c_str(), texts.size(), g.ref_words, g.rate(), d.rate(),
                ps / as);
    if (v == "awb") smoke_wer = d.rate();
    if (quick)
      std::printf("streamed (20 ms frames): WER %.3f, RTF %.3f wall / %.3f CPU, end-of-utterance finish() p50 %.1f ms "
                  "p95 %.1f ms\n",
                  st.rate(), stream_s / as, stream_cpu / as, pct(finish_ms, 0.5), pct(finish_ms, 0.95));
  }
  if (smoke) {
    // Floors well below today's numbers (docs/QUALITY.md): a regression, not noise, trips them.
    const bool ok = total_adapted.rate() < 0.35 && smoke_wer < 0.45;  // quality only: timings vary with load
    std::printf("\nsmoke: %s\n", ok ? "ok" : "BELOW FLOOR");
    return ok ? 0 : 1;
  }
  return 0;
}
