#include "roles/voice/module.hpp"

#include <sstream>

#include "app/app.hpp"
#include "core/http_client.hpp"
#include "core/log.hpp"
#include "roles/voice/service.hpp"
#include "roles/voice/vocabulary.hpp"
#include "roles/voice/wiring.hpp"

#ifdef AURIXA_VOICE_WITH_STORE
#include "store/database.hpp"
#include "store/staff.hpp"
#endif

namespace aurixa::voice {
namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');) {
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Provider names from the store: callers ask for "doctor <name>".
std::vector<std::string> staff_names(App& app) {
  std::vector<std::string> out;
#ifdef AURIXA_VOICE_WITH_STORE
  if (!app.db) return out;
  try {
    app.db->read([&](store::Tx& tx) {
      for (const auto& s : store::StaffRepository(tx).list(store::Scope::platform(), std::nullopt, {.limit = 5000}))
        out.push_back(s.full_name);
    });
  } catch (const std::exception& e) {
    app.log.warn("voice: could not read staff names for the recogniser vocabulary", {{"error", e.what()}});
  }
#else
  (void)app;
#endif
  return out;
}

bool usable_openai_key(const std::string& key) { return !key.empty() && !key.starts_with("sk-placeholder"); }

}  // namespace

std::shared_ptr<VoiceService> build_service(App& app) {
  const auto& cfg = app.config;
  VoiceDeps deps;
  std::shared_ptr<TtsProvider> flite;
  auto get_flite = [&]() -> std::shared_ptr<TtsProvider> {
    if (!flite) {
      try {
        flite = make_flite(cfg.flite_voice);
      } catch (const std::exception& e) {
        app.log.error("voice: flite unavailable", {{"error", e.what()}});
      }
    }
    return flite;
  };

  for (const auto& name : split_list(cfg.tts_provider_order)) {
    CloudOptions o;
    if (name == "flite") {
      if (auto f = get_flite()) deps.tts.push_back(f);
    } else if (name == "openai" && usable_openai_key(cfg.llm.openai_api_key)) {
      o.base_url = cfg.llm.openai_base_url;
      o.api_key = cfg.llm.openai_api_key;
      o.voice = cfg.tts_voice_openai;
      deps.tts.push_back(make_openai_tts(app.http, o));
    } else if (name == "elevenlabs" && !cfg.elevenlabs_api_key.empty()) {
      o.base_url = cfg.elevenlabs_base_url;
      o.api_key = cfg.elevenlabs_api_key;
      o.voice = cfg.tts_voice_elevenlabs;
      deps.tts.push_back(make_elevenlabs(app.http, o));
    }
  }
  for (const auto& name : split_list(cfg.stt_provider_order)) {
    CloudOptions o;
    if (name == "pocketsphinx") {
      PocketSphinxOptions ps;
      ps.model_dir = cfg.pocketsphinx_model_dir;
      ps.vocabulary = clinic_vocabulary();
      for (auto& n : staff_names(app)) ps.vocabulary.push_back(std::move(n));
      ps.pronounce = flite_pronouncer(get_flite());
      try {
        auto p = make_pocketsphinx(ps);
        app.log.info("voice: pocketsphinx ready",
                     {{"vocabulary_added", static_cast<std::int64_t>(pocketsphinx_added_words(*p).size())}});
        deps.stt.push_back(std::move(p));
      } catch (const std::exception& e) {
        app.log.error("voice: pocketsphinx unavailable", {{"error", e.what()}});
      }
    } else if (name == "whisper" && usable_openai_key(cfg.llm.openai_api_key)) {
      o.base_url = cfg.llm.openai_base_url;
      o.api_key = cfg.llm.openai_api_key;
      deps.stt.push_back(make_whisper(app.http, o));
    } else if (name == "deepgram" && !cfg.deepgram_api_key.empty()) {
      o.base_url = cfg.deepgram_base_url;
      o.api_key = cfg.deepgram_api_key;
      deps.stt.push_back(make_deepgram(app.http, o));
    }
  }
  App* a = &app;
  deps.pipeline = [a] { return a->apis.orchestration; };
  deps.telemetry = app.telemetry;
  deps.metrics = &app.metrics;
  deps.warn = [a](std::string_view m) { a->log.warn(m); };
  deps.max_audio_bytes = static_cast<std::size_t>(app.config.voice_max_audio_bytes);
  return std::make_shared<VoiceService>(std::move(deps));
}

// The service is built with the routes (App has no voice slot: no other role calls voice).
void wire(App&) {}
void wire_remote(App&) {}

}  // namespace aurixa::voice
