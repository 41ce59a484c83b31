#pragma once
// Safety role interface: emergency triage, PII/PHI detection and redaction, banned content.
// Plain C++ (no Boost): implemented in-process by SafetyService and over HTTP by SafetyClient.
//
// Wire contract (POST /api/v1/validate) keeps the original fields {is_safe, validated_text, issues,
// requires_escalation} and adds severity, category, entities and escalation_message (docs/API.md).
// Entity offsets are Unicode code-point offsets into the request text (end exclusive), the same
// convention as Python string indexing, so JS/Python clients can slice with them directly.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aurixa::safety {

// Where the text comes from. input = the patient's message (checked before any LLM call),
// output = a generated answer (the original's only check), tool = a tool/agent result.
enum class Stage { input, output, tool };

// What happens to detected personal data, per tenant.
enum class PiiMode {
  redact,  // replaced by [REDACTED-<TYPE>]
  mask,    // characters replaced by '*' (identifiers keep their last 4 characters)
  allow,   // reported in `entities` but left in the text (no pii issue)
};

std::string_view stage_name(Stage s) noexcept;
std::optional<Stage> parse_stage(std::string_view s) noexcept;
std::string_view pii_mode_name(PiiMode m) noexcept;
std::optional<PiiMode> parse_pii_mode(std::string_view s) noexcept;

// A message the intent model reads as an emergency with at least this confidence escalates, unless the triage
// ruled its emergency words out by context (the pipeline applies the same rule to its own classification).
inline constexpr double kEmergencyModelThreshold = 0.8;

struct ValidateRequest {
  std::string text;
  Stage stage = Stage::output;
  std::string tenant_id;                        // empty = default policy
  std::map<std::string, std::string> metadata;  // string-valued metadata entries (informational)
  // Besides the triage's red flags, ask the intent model whether the text describes an emergency happening now
  // (stages input and output; it generalises over wording the triage's patterns miss). The pipeline turns it
  // off: it classifies the message itself and combines the two (and its own answers are not patient messages).
  bool emergency_model = true;
  // Text the clinic publishes, such as the knowledge-base passages an answer was drawn from: personal-data
  // patterns found verbatim in it ("call our billing office at 555-123-4567") are the clinic's own and are
  // neither reported nor redacted. Over HTTP: "public_text", an array of strings.
  std::vector<std::string> public_text;
};

struct Issue {
  std::string policy_name;    // emergency_triage | banned_word_policy | pii_policy
  std::string risk_category;  // clinical_escalation | content_policy | pii
  double severity = 0;        // 0..1
  std::string details;
};

struct Entity {
  std::string type;       // SSN, CREDIT_CARD, EMAIL, PHONE, DATE_OF_BIRTH, MRN, NPI, DEA, MEDICARE_MBI,
                          // ADDRESS, PERSON, IP_ADDRESS
  std::size_t start = 0;  // code points into the request text
  std::size_t end = 0;    // exclusive
  std::string text;       // exactly the request text between start and end
  double score = 0;       // 0..1 detection confidence
};

struct ValidateResult {
  bool is_safe = true;  // false when banned content or personal data was found (an emergency alone
                        // does NOT make a text unsafe: fixes D8)
  std::string validated_text;
  std::vector<Issue> issues;
  bool requires_escalation = false;
  double severity = 0;                  // max severity over issues, 0 when none
  std::optional<std::string> category;  // emergency category when requires_escalation
  std::vector<Entity> entities;
  std::optional<std::string> escalation_message;  // 988 for self-harm, 911 guidance otherwise
  // "es" when the text reads as Spanish (escalation_message is then in Spanish too), else "en".
  std::string language = "en";
  // The triage found emergency phrases and ruled every one out by its context, at least one as negated,
  // resolved, past, hypothetical or figurative ("she isn't bleeding anymore"). The pipeline then does not let
  // its intent classifier, which reads no such context, escalate on those words alone.
  bool emergency_ruled_out = false;
};

struct TenantPolicy {
  PiiMode pii_mode = PiiMode::redact;
  std::vector<std::string> banned_words;  // in addition to the global SAFETY_BANNED_WORDS
};

// Thread-safety: every method may be called concurrently.
class Api {
 public:
  virtual ~Api() = default;
  virtual ValidateResult validate(const ValidateRequest& request) = 0;
  // Replaces every detected PII entity by its [REDACTED-<TYPE>] token, whatever the tenant policy.
  // Used by the log redactor, so it must never throw.
  virtual std::string redact(std::string_view text) = 0;
  virtual void set_tenant_policy(const std::string& tenant_id, TenantPolicy policy) = 0;
  // The tenant's own policy, or nullopt when it uses the defaults.
  virtual std::optional<TenantPolicy> tenant_policy(const std::string& tenant_id) = 0;
};

}  // namespace aurixa::safety
