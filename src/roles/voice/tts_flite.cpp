// Offline speech synthesis with flite 2.2 and its bundled US English voices. flite keeps global
// state (voice features, the lexicon), so synthesis and lexicon lookups are serialised per instance.
extern "C" {
#include <flite/flite.h>
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
cst_voice* register_cmu_us_kal(const char* voxdir);
cst_lexicon* cmu_lex_init(void);
}

#include <cctype>
#include <mutex>
#include <stdexcept>

#include "core/error.hpp"
#include "roles/voice/providers.hpp"

namespace aurixa::voice {

class FliteTts final : public TtsProvider {
 public:
  explicit FliteTts(const std::string& voice) {
    flite_init();
    if (voice == "slt")
      voice_ = register_cmu_us_slt(nullptr);
    else if (voice == "rms")
      voice_ = register_cmu_us_rms(nullptr);
    else if (voice == "awb")
      voice_ = register_cmu_us_awb(nullptr);
    else if (voice == "kal16")
      voice_ = register_cmu_us_kal16(nullptr);
    else if (voice == "kal")
      voice_ = register_cmu_us_kal(nullptr);
    else
      throw std::invalid_argument("flite voice must be one of slt, rms, awb, kal16, kal (got '" + voice + "')");
    if (!voice_) throw std::runtime_error("flite: voice " + voice + " failed to load");
    lex_ = cmu_lex_init();
    name_ = voice;
  }

  std::string name() const override { return "flite"; }

  SynthesizedAudio synthesize(const std::string& text, const CallContext&) override {
    return {encode_wav(pcm(text)), "audio/wav"};
  }

  Pcm pcm(const std::string& text) {
    Pcm out;
    std::lock_guard lock(mu_);
    cst_wave* w = flite_text_to_wave(text.c_str(), voice_);
    if (!w) throw ApiError(Errc::internal, "flite could not synthesise the text");
    out.sample_rate = w->sample_rate;
    const int channels = w->num_channels > 0 ? w->num_channels : 1;
    out.samples.reserve(static_cast<std::size_t>(w->num_samples));
    for (int i = 0; i < w->num_samples; ++i) out.samples.push_back(w->samples[i * channels]);
    delete_wave(w);
    return out;
  }

  // CMU phones without stress, in PocketSphinx's phone set (flite's "ax" is CMUdict's "AH").
  std::string pronounce(const std::string& word) {
    std::string out;
    std::lock_guard lock(mu_);
    cst_val* phones = lex_lookup(lex_, word.c_str(), nullptr, nullptr);
    for (const cst_val* p = phones; p; p = val_cdr(p)) {
      std::string ph = val_string(val_car(p));
      while (!ph.empty() && std::isdigit(static_cast<unsigned char>(ph.back()))) ph.pop_back();
      if (ph == "ax") ph = "ah";
      if (ph.empty() || ph == "pau") continue;
      for (auto& c : ph) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (!out.empty()) out.push_back(' ');
      out += ph;
    }
    if (phones) delete_val(phones);
    return out;
  }

 private:
  std::mutex mu_;
  cst_voice* voice_ = nullptr;  // owned by flite's voice registry for the process lifetime
  cst_lexicon* lex_ = nullptr;
  std::string name_;
};

std::shared_ptr<TtsProvider> make_flite(const std::string& voice) { return std::make_shared<FliteTts>(voice); }

Pronouncer flite_pronouncer(const std::shared_ptr<TtsProvider>& flite) {
  auto f = std::dynamic_pointer_cast<FliteTts>(flite);
  if (!f) return {};
  return [f](const std::string& w) { return f->pronounce(w); };
}

Pcm flite_pcm(TtsProvider& flite, const std::string& text) {
  auto* f = dynamic_cast<FliteTts*>(&flite);
  if (!f) throw std::invalid_argument("flite_pcm needs the flite provider");
  return f->pcm(text);
}

}  // namespace aurixa::voice
