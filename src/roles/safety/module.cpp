#include "roles/safety/module.hpp"

#include "app/app.hpp"
#include "core/log.hpp"
#include "roles/orchestration/intent/classifier.hpp"
#include "roles/safety/banned.hpp"
#include "roles/safety/service.hpp"

namespace aurixa {

void wire_safety(App& app) {
  safety::SafetyConfig cfg;
  cfg.banned_words = safety::split_word_list(app.config.safety_banned_words);
  cfg.emergency_keywords = safety::split_word_list(app.config.safety_emergency_keywords);
  cfg.default_pii_mode = safety::parse_pii_mode(app.config.safety_pii_mode).value_or(safety::PiiMode::redact);
  cfg.pii_tagger = app.config.safety_pii_tagger;
  // The intent model reads emergencies the triage's patterns miss (the orchestration's classifier, as configured).
  std::shared_ptr<const orchestration::intent::Classifier> intents =
      orchestration::intent::make_classifier(app.config.intent_model, app.config.intent_oos_threshold);
  cfg.emergency_model = [intents](std::string_view text) {
    const auto c = intents->classify(text);
    return c.intent == "emergency" ? c.confidence : 0.0;
  };
  auto service = std::make_shared<safety::SafetyService>(std::move(cfg));
  app.apis.safety = service;
  // Logs never carry detected personal data: every string field passes through the same detector.
  std::shared_ptr<safety::Api> api = service;
  app.log.set_redactor([api](std::string_view s) { return api->redact(s); });
}

}  // namespace aurixa
