#pragma once
// SafetyService: the in-process implementation of safety::Api. No HTTP here.
//
// validate() runs, on the request text:
//  1. emergency triage (stages input and output; a tool result is data, not a person speaking):
//     requires_escalation + category + escalation_message + an emergency_triage issue. It does NOT
//     make the text unsafe or change it (D8: the original redacted the whole answer). When the triage does
//     not escalate and did not rule the emergency words out by context, the intent model (SafetyConfig::
//     emergency_model, ValidateRequest::emergency_model) escalates a message it reads as an emergency with
//     confidence >= kEmergencyModelThreshold.
//  2. banned words (global SAFETY_BANNED_WORDS + the tenant's list), whole words only: one
//     banned_word_policy issue per word, is_safe=false, validated_text="[Content Redacted]".
//  3. PII: every entity of every type is reported in `entities`; unless the tenant's mode is allow,
//     all of them are redacted or masked (D8: the original redacted only the first pattern's type),
//     with one pii_policy issue per type and is_safe=false.
// Thread-safe: detectors are immutable; tenant policies sit behind a shared mutex.
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "roles/safety/api.hpp"
#include "roles/safety/banned.hpp"
#include "roles/safety/emergency.hpp"
#include "roles/safety/pii.hpp"

namespace aurixa::safety {

struct SafetyConfig {
  std::vector<std::string> banned_words{"unsafe", "exploit", "vulnerability", "pii_leak"};
  std::vector<std::string> emergency_keywords;  // extra operator phrases, always escalate
  PiiMode default_pii_mode = PiiMode::redact;
  bool pii_tagger = true;  // PiiDetector's learned tagger (see pii_tagger.hpp)
  // The probability that a message describes an emergency happening now (the intent model's `emergency`
  // confidence when that is its best intent, else 0), or empty for the triage alone. Wired by the role module.
  std::function<double(std::string_view)> emergency_model;
};

inline constexpr std::string_view kContentRedacted = "[Content Redacted]";

// Replaces each entity (byte offsets into `text`, sorted, non-overlapping) according to `mode`.
std::string apply_pii_mode(std::string_view text, const std::vector<PiiEntity>& entities, PiiMode mode);

class SafetyService final : public Api {
 public:
  explicit SafetyService(SafetyConfig config = {});

  ValidateResult validate(const ValidateRequest& request) override;
  std::string redact(std::string_view text) override;
  void set_tenant_policy(const std::string& tenant_id, TenantPolicy policy) override;
  std::optional<TenantPolicy> tenant_policy(const std::string& tenant_id) override;

  const EmergencyDetector& emergency_detector() const { return emergency_; }
  const PiiDetector& pii_detector() const { return pii_; }

 private:
  struct Tenant {
    TenantPolicy policy;
    std::shared_ptr<const BannedWords> banned;
  };
  SafetyConfig config_;
  EmergencyDetector emergency_;
  PiiDetector pii_;
  BannedWords banned_;
  std::shared_mutex mu_;
  std::map<std::string, Tenant, std::less<>> tenants_;
};

}  // namespace aurixa::safety
