// Offline speech recognition with PocketSphinx 5prealpha (Debian 12: cmd_ln_t API) and the en-us
// continuous model. Decoders are not thread-safe and take ~0.3 s to load, so they are pooled: each
// utterance borrows one. Domain adaptation: vocabulary words missing from CMUdict get a pronunciation
// from flite's letter-to-sound rules in a private copy of the dictionary, and a small domain language
// model (ARPA, written at start-up) is interpolated with the general one, so clinic words become likely.
// (Adding words to the binary trie LM with ngram_model_add_word crashes sphinxbase 5prealpha in
// lm_trie_score, hence the interpolated model set instead.)
#include <pocketsphinx.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/ngram_model.h>
#include <unistd.h>

#include <cmath>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "roles/voice/providers.hpp"

#ifndef AURIXA_POCKETSPHINX_MODELDIR
#define AURIXA_POCKETSPHINX_MODELDIR "/usr/share/pocketsphinx/model"
#endif

namespace aurixa::voice {
namespace {

// Lower-case words of a phrase, letters and apostrophes only.
std::vector<std::string> words_of(const std::string& phrase) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : phrase + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  return out;
}

struct DecoderFree {
  void operator()(ps_decoder_t* d) const { ps_free(d); }
};
using Decoder = std::unique_ptr<ps_decoder_t, DecoderFree>;

}  // namespace

class PocketSphinxStt final : public SttProvider, public std::enable_shared_from_this<PocketSphinxStt> {
 public:
  explicit PocketSphinxStt(PocketSphinxOptions o) : o_(std::move(o)) {
    if (o_.model_dir.empty()) o_.model_dir = std::string(AURIXA_POCKETSPHINX_MODELDIR) + "/en-us";
    dict_path_ = o_.model_dir + "/cmudict-en-us.dict";
    if (!o_.vocabulary.empty()) prepare_domain();
    // Load one decoder now: a missing model fails at start-up, not on the first request.
    auto d = create();
    accurate_search_ = ps_get_search(d.get());
    stream_search_ = o_.stream_search_args == o_.search_args ? accurate_search_ : "stream";
    release(std::move(d));
  }

  std::string name() const override { return "pocketsphinx"; }

  std::string transcribe(const Pcm& audio, const CallContext&) override {
    auto d = acquire();
    std::string hyp;
    if (ps_set_search(d.get(), accurate_search_.c_str()) == 0 && ps_start_utt(d.get()) == 0) {
      ps_process_raw(d.get(), audio.samples.data(), audio.samples.size(), FALSE, TRUE);
      ps_end_utt(d.get());
      std::int32_t score = 0;
      if (const char* h = ps_get_hyp(d.get(), &score)) hyp = h;
    }
    release(std::move(d));
    return hyp;
  }

  std::unique_ptr<SttStream> open_stream(const CallContext&) override;

  Decoder acquire() {
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        Decoder d = std::move(idle_.back());
        idle_.pop_back();
        return d;
      }
    }
    return create();
  }
  void release(Decoder d) {
    std::lock_guard lock(mu_);
    if (idle_.size() < o_.max_idle_decoders) idle_.push_back(std::move(d));
  }
  std::vector<std::string> added_words() const { return added_; }
  const char* stream_search() const { return stream_search_.c_str(); }

 private:
  // The private dictionary and domain LM exist on disk only while a decoder loads them (PocketSphinx
  // reads files), so a killed process leaves nothing behind.
  Decoder create() {
    const std::string hmm = o_.model_dir + "/en-us", lm = o_.model_dir + "/en-us.lm.bin";
    std::string dict = o_.model_dir + "/cmudict-en-us.dict", arpa;
    struct TempDir {
      std::string path;
      ~TempDir() {
        std::error_code ec;
        if (!path.empty()) std::filesystem::remove_all(path, ec);
      }
    } tmp;
    if (!domain_arpa_.empty()) {
      tmp.path = (std::filesystem::temp_directory_path() /
                  ("aurixa-voice-lm-" + std::to_string(::getpid()) + "-" + std::to_string(++temp_counter_)))
                     .string();
      std::filesystem::create_directories(tmp.path);
      if (!extra_dict_.empty()) {
        const std::string path = tmp.path + "/dict";
        std::filesystem::copy_file(dict, path);
        std::ofstream(path, std::ios::app) << extra_dict_;
        dict = path;
      }
      arpa = tmp.path + "/domain.arpa";
      std::ofstream(arpa) << domain_arpa_;
    }
    std::vector<std::string> args = {"-hmm", hmm, "-lm", lm, "-dict", dict, "-logfn", "/dev/null"};
    args.insert(args.end(), o_.search_args.begin(), o_.search_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    cmd_ln_t* cfg = cmd_ln_parse_r(nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), TRUE);
    if (!cfg) throw std::runtime_error("pocketsphinx: invalid configuration for model " + o_.model_dir);
    Decoder d(ps_init(cfg));
    cmd_ln_free_r(cfg);
    if (!d) throw std::runtime_error("pocketsphinx: cannot load the model in " + o_.model_dir);
    if (!arpa.empty()) adapt(d.get(), arpa);
    add_stream_search(d.get());
    return d;
  }

  // The streaming search: the active (accurate) search's language model again, with
  // stream_search_args written into the decoder's configuration just before it is built (an
  // n-gram search reads its beams and passes from there at creation).
  void add_stream_search(ps_decoder_t* d) {
    const std::string accurate = ps_get_search(d);
    if (o_.stream_search_args == o_.search_args) return;
    ngram_model_t* lm = ps_get_lm(d, accurate.c_str());
    if (!lm) throw std::runtime_error("pocketsphinx: no language model to stream with");
    cmd_ln_t* cfg = ps_get_config(d);
    for (std::size_t i = 0; i + 1 < o_.stream_search_args.size(); i += 2)
      set_arg(cfg, o_.stream_search_args[i], o_.stream_search_args[i + 1]);
    // Whether the new search takes its own reference differs between releases: measure it.
    const int before = ngram_model_free(ngram_model_retain(lm));
    if (ps_set_lm(d, "stream", ngram_model_retain(lm)) < 0)
      throw std::runtime_error("pocketsphinx: cannot create the streaming search");
    const int after = ngram_model_free(ngram_model_retain(lm));
    if (after - before >= 2) ngram_model_free(lm);  // it retained too: drop ours
    ps_set_search(d, accurate.c_str());
  }

  static void set_arg(cmd_ln_t* cfg, const std::string& flag, const std::string& value) {
    for (const arg_t* a = ps_args(); a->name; ++a) {
      if (flag != a->name) continue;
      if (a->type & ARG_BOOLEAN)
        cmd_ln_set_int_r(cfg, a->name, value == "yes" || value == "true" || value == "1");
      else if (a->type & ARG_INTEGER)
        cmd_ln_set_int_r(cfg, a->name, std::stol(value));
      else if (a->type & ARG_FLOATING)
        cmd_ln_set_float_r(cfg, a->name, std::stod(value));
      else
        cmd_ln_set_str_r(cfg, a->name, value.c_str());
      return;
    }
    throw std::runtime_error("pocketsphinx: unknown search setting " + flag);
  }

  // Writes the private dictionary (CMUdict + pronunciations for missing vocabulary words) and the
  // domain LM: every vocabulary word as a unigram, multi-word phrases as bigrams.
  void prepare_domain() {
    std::unordered_set<std::string> known;
    {
      std::ifstream in(dict_path_);
      if (!in) throw std::runtime_error("pocketsphinx: cannot read " + dict_path_);
      for (std::string line; std::getline(in, line);) known.insert(line.substr(0, line.find(' ')));
    }
    std::vector<std::string> unigrams;
    std::set<std::pair<std::string, std::string>> bigrams;
    std::set<std::string> seen;
    std::string extra_dict;
    for (const auto& phrase : o_.vocabulary) {
      auto ws = words_of(phrase);
      std::vector<std::string> usable;
      for (auto& w : ws) {
        if (!known.count(w)) {
          std::string phones = o_.pronounce ? o_.pronounce(w) : std::string();
          if (phones.empty()) continue;
          extra_dict += w + " " + phones + "\n";
          known.insert(w);
          added_.push_back(w);
        }
        usable.push_back(w);
        if (seen.insert(w).second) unigrams.push_back(w);
      }
      for (std::size_t i = 1; i < usable.size(); ++i) bigrams.emplace(usable[i - 1], usable[i]);
    }
    if (unigrams.empty()) return;
    extra_dict_ = std::move(extra_dict);
    std::ostringstream lm;
    const double p = -std::log10(static_cast<double>(unigrams.size() + 1));
    lm << "\\data\\\nngram 1=" << unigrams.size() + 2 << "\nngram 2=" << bigrams.size() << "\n\n\\1-grams:\n";
    lm << "-99 <s> -0.30\n" << p << " </s> 0\n";
    for (const auto& w : unigrams) lm << p << " " << w << " -0.30\n";
    lm << "\n\\2-grams:\n";
    for (const auto& [a, b] : bigrams) lm << "-0.30 " << a << " " << b << "\n";
    lm << "\n\\end\\\n";
    domain_arpa_ = lm.str();
  }

  // Interpolates the general LM with the domain LM and makes that the active search.
  void adapt(ps_decoder_t* d, const std::string& arpa) {
    const char* general_name = ps_get_search(d);
    ngram_model_t* general = ps_get_lm(d, general_name);
    ngram_model_t* domain = ngram_model_read(ps_get_config(d), arpa.c_str(), NGRAM_ARPA, ps_get_logmath(d));
    if (!general || !domain) throw std::runtime_error("pocketsphinx: cannot load the domain language model");
    ngram_model_t* models[] = {ngram_model_retain(general), domain};
    char general_id[] = "general", domain_id[] = "domain";
    char* names[] = {general_id, domain_id};
    const float32 weights[] = {static_cast<float32>(1.0 - o_.domain_weight), static_cast<float32>(o_.domain_weight)};
    ngram_model_t* set = ngram_model_set_init(ps_get_config(d), models, names, weights, 2);
    if (!set || ps_set_lm(d, "clinic", set) < 0 || ps_set_search(d, "clinic") < 0)
      throw std::runtime_error("pocketsphinx: cannot activate the domain language model");
  }

  PocketSphinxOptions o_;
  mutable std::mutex mu_;
  std::vector<Decoder> idle_;
  std::vector<std::string> added_;        // written once in the constructor
  std::string dict_path_;                 // CMUdict (read once for the vocabulary check)
  std::string extra_dict_, domain_arpa_;  // written to a temporary directory while a decoder loads
  std::atomic<unsigned> temp_counter_{0};
  std::string accurate_search_, stream_search_;  // search names, set in the constructor
};

namespace {

class PocketSphinxStream final : public SttStream {
 public:
  PocketSphinxStream(std::shared_ptr<PocketSphinxStt> owner) : owner_(std::move(owner)), d_(owner_->acquire()) {
    started_ = ps_set_search(d_.get(), owner_->stream_search()) == 0 && ps_start_utt(d_.get()) == 0;
  }
  ~PocketSphinxStream() override {
    if (d_) {
      if (started_) ps_end_utt(d_.get());
      owner_->release(std::move(d_));
    }
  }
  void feed(const std::int16_t* s, std::size_t n) override {
    if (d_ && started_) ps_process_raw(d_.get(), s, n, FALSE, FALSE);
  }
  std::string partial() override {
    if (!d_ || !started_) return {};
    std::int32_t score = 0;
    const char* h = ps_get_hyp(d_.get(), &score);
    return h ? h : "";
  }
  std::string finish() override {
    if (!d_) return {};
    std::string out;
    if (started_) {
      ps_end_utt(d_.get());
      started_ = false;
      std::int32_t score = 0;
      if (const char* h = ps_get_hyp(d_.get(), &score)) out = h;
    }
    owner_->release(std::move(d_));
    d_.reset();
    return out;
  }

 private:
  std::shared_ptr<PocketSphinxStt> owner_;
  Decoder d_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<SttStream> PocketSphinxStt::open_stream(const CallContext&) {
  return std::make_unique<PocketSphinxStream>(shared_from_this());
}

// Search tuning (bench/voice_eval --ps sweeps these; numbers in docs/PERFORMANCE.md "Voice").
// Measured with `voice_eval --quick --ps ...`: dropping the flat-lexicon pass cuts the end-of-utterance
// decode ~5x; capping active HMMs per frame at 10,000 cuts CPU ~25% with no further WER change.
std::vector<std::string> PocketSphinxOptions::fast_search_args() { return {"-fwdflat", "no", "-maxhmmpf", "10000"}; }

std::shared_ptr<SttProvider> make_pocketsphinx(PocketSphinxOptions options) {
  return std::make_shared<PocketSphinxStt>(std::move(options));
}

std::vector<std::string> pocketsphinx_added_words(const SttProvider& provider) {
  if (const auto* p = dynamic_cast<const PocketSphinxStt*>(&provider)) return p->added_words();
  return {};
}

// ---- default buffered stream for providers without incremental decoding -------------------------

namespace {
class BufferedStream final : public SttStream {
 public:
  BufferedStream(SttProvider& p, CallContext ctx) : p_(p), ctx_(std::move(ctx)) {}
  void feed(const std::int16_t* s, std::size_t n) override { audio_.samples.insert(audio_.samples.end(), s, s + n); }
  std::string partial() override { return {}; }
  std::string finish() override { return audio_.samples.empty() ? std::string() : p_.transcribe(audio_, ctx_); }

 private:
  SttProvider& p_;
  CallContext ctx_;
  Pcm audio_;
};
}  // namespace

std::unique_ptr<SttStream> SttProvider::open_stream(const CallContext& ctx) {
  return std::make_unique<BufferedStream>(*this, ctx);
}

}  // namespace aurixa::voice
