#include "roles/safety/service.hpp"

#include "roles/safety/language.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>

#include "roles/safety/normalize.hpp"

namespace aurixa::safety {

std::string_view stage_name(Stage s) noexcept {
  switch (s) {
    case Stage::input:
      return "input";
    case Stage::output:
      return "output";
    case Stage::tool:
      return "tool";
  }
  return "output";
}
std::optional<Stage> parse_stage(std::string_view s) noexcept {
  if (s == "input") return Stage::input;
  if (s == "output") return Stage::output;
  if (s == "tool") return Stage::tool;
  return std::nullopt;
}
std::string_view pii_mode_name(PiiMode m) noexcept {
  switch (m) {
    case PiiMode::redact:
      return "redact";
    case PiiMode::mask:
      return "mask";
    case PiiMode::allow:
      return "allow";
  }
  return "redact";
}
std::optional<PiiMode> parse_pii_mode(std::string_view s) noexcept {
  if (s == "redact") return PiiMode::redact;
  if (s == "mask") return PiiMode::mask;
  if (s == "allow") return PiiMode::allow;
  return std::nullopt;
}

namespace {

// Identifiers keep their last 4 characters when masked ("***-**-6789"), as on a card statement.
bool keeps_last_four(EntityType t) {
  switch (t) {
    case EntityType::SSN:
    case EntityType::CREDIT_CARD:
    case EntityType::PHONE:
    case EntityType::MRN:
    case EntityType::NPI:
    case EntityType::DEA:
    case EntityType::MEDICARE_MBI:
      return true;
    default:
      return false;
  }
}

std::string mask(std::string_view s, bool keep_last_four) {
  std::size_t alnum_total = 0;
  for (char c : s) alnum_total += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
  const std::size_t keep_from = keep_last_four && alnum_total > 4 ? alnum_total - 4 : alnum_total;
  std::string out;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {  // one '*' per non-ASCII code point
      if ((c & 0xC0) != 0x80) out.push_back('*');
      continue;
    }
    if (std::isalnum(c))
      out.push_back(seen++ >= keep_from ? static_cast<char>(c) : '*');
    else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

}  // namespace

std::string apply_pii_mode(std::string_view text, const std::vector<PiiEntity>& entities, PiiMode mode) {
  if (mode == PiiMode::allow || entities.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (const auto& e : entities) {
    if (e.begin < pos || e.end > text.size()) continue;
    out.append(text.substr(pos, e.begin - pos));
    if (mode == PiiMode::redact)
      out += "[REDACTED-" + std::string(entity_type_name(e.type)) + "]";
    else
      out += mask(text.substr(e.begin, e.end - e.begin), keeps_last_four(e.type));
    pos = e.end;
  }
  out.append(text.substr(pos));
  return out;
}

SafetyService::SafetyService(SafetyConfig config)
    : config_(std::move(config)),
      emergency_(config_.emergency_keywords),
      pii_(config_.pii_tagger),
      banned_(config_.banned_words) {}

ValidateResult SafetyService::validate(const ValidateRequest& req) {
  ValidateResult r;
  r.validated_text = req.text;

  TenantPolicy policy{config_.default_pii_mode, {}};
  std::shared_ptr<const BannedWords> tenant_banned;
  if (!req.tenant_id.empty()) {
    std::shared_lock lock(mu_);
    if (auto it = tenants_.find(req.tenant_id); it != tenants_.end()) {
      policy = it->second.policy;
      tenant_banned = it->second.banned;
    }
  }

  // 1. Emergency triage, answered in the patient's language.
  if (req.stage != Stage::tool) {
    r.language = std::string(detect_language(req.text));
    const auto a = emergency_.assess(req.text);
    // Ruled out: every emergency phrase suppressed, at least one because the event is not happening now. A
    // modifier ("blood thinners", "stroke clinic") only says the word named something else.
    r.emergency_ruled_out =
        !a.escalate &&
        std::all_of(a.hits.begin(), a.hits.end(), [](const auto& h) { return !h.suppressed_by.empty(); }) &&
        std::any_of(a.hits.begin(), a.hits.end(),
                    [](const auto& h) { return !h.suppressed_by.empty() && h.suppressed_by != "modifier"; });
    if (a.escalate && a.category) {
      r.requires_escalation = true;
      r.category = std::string(category_name(*a.category));
      r.escalation_message = escalation_message(*a.category, r.language);
      std::string phrase;
      for (const auto& h : a.hits)
        if (h.suppressed_by.empty() && (phrase.empty() || h.weight > 0.79)) phrase = h.phrase;
      r.issues.push_back({"emergency_triage", "clinical_escalation", a.severity,
                          "Emergency-related phrase detected: '" + phrase + "' (" + *r.category +
                              "). Requires immediate human escalation."});
    } else if (req.emergency_model && config_.emergency_model && !r.emergency_ruled_out) {
      // Wording the triage's patterns do not know ("his lips are going gray and he won't wake up").
      const double p = config_.emergency_model(req.text);
      if (p >= kEmergencyModelThreshold) {
        r.requires_escalation = true;
        r.category = std::string(category_name(EmergencyCategory::other));
        r.escalation_message = escalation_message(EmergencyCategory::other, r.language);
        r.issues.push_back({"emergency_triage", "clinical_escalation", p,
                            "The message reads as an emergency happening now (intent model). Requires immediate "
                            "human escalation."});
      }
    }
  }

  // 2. Banned words (whole words).
  std::vector<std::string> banned = banned_.find(req.text);
  if (tenant_banned)
    for (auto& w : tenant_banned->find(req.text))
      if (std::find(banned.begin(), banned.end(), w) == banned.end()) banned.push_back(std::move(w));
  for (const auto& w : banned)
    r.issues.push_back({"banned_word_policy", "content_policy", 0.9, "The word '" + w + "' is not allowed."});
  if (!banned.empty()) {
    r.is_safe = false;
    r.validated_text = std::string(kContentRedacted);
  }

  // 3. Personal data: report all, redact/mask all unless the tenant allows it; what the clinic itself
  // publishes (public_text) is not personal data.
  auto entities = pii_.detect(req.text);
  if (!req.public_text.empty())
    std::erase_if(entities, [&](const PiiEntity& e) {
      const std::string_view found = std::string_view(req.text).substr(e.begin, e.end - e.begin);
      return std::any_of(req.public_text.begin(), req.public_text.end(),
                         [&](const std::string& p) { return p.find(found) != std::string::npos; });
    });
  CodepointCounter cp(req.text);
  std::map<EntityType, int> per_type;
  for (const auto& e : entities) {
    Entity out;
    out.type = std::string(entity_type_name(e.type));
    out.start = cp.at(e.begin);
    out.end = cp.at(e.end);
    // Raw (non-UTF-8) input: stray continuation bytes count as no code point, so a span of only those
    // has no code-point extent. It is still redacted below but not reported as an empty entity.
    if (out.end <= out.start) continue;
    out.text = req.text.substr(e.begin, e.end - e.begin);
    out.score = e.score;
    r.entities.push_back(std::move(out));
    ++per_type[e.type];
  }
  if (!entities.empty() && policy.pii_mode != PiiMode::allow) {
    r.is_safe = false;
    const char* verb = policy.pii_mode == PiiMode::redact ? "redacted" : "masked";
    for (const auto& [type, n] : per_type)
      r.issues.push_back({"pii_policy", "pii", 0.7,
                          "Potential " + std::string(entity_type_name(type)) + " detected and " + verb + " (" +
                              std::to_string(n) + (n == 1 ? " occurrence)." : " occurrences).")});
    if (banned.empty()) r.validated_text = apply_pii_mode(req.text, entities, policy.pii_mode);
  }

  for (const auto& i : r.issues) r.severity = std::max(r.severity, i.severity);
  return r;
}

std::string SafetyService::redact(std::string_view text) {
  try {
    return apply_pii_mode(text, pii_.detect(text), PiiMode::redact);
  } catch (...) {
    // The log hook must never leak what it could not inspect.
    return "[REDACTION-FAILED]";
  }
}

void SafetyService::set_tenant_policy(const std::string& tenant_id, TenantPolicy policy) {
  auto banned = std::make_shared<const BannedWords>(policy.banned_words);
  std::unique_lock lock(mu_);
  tenants_[tenant_id] = Tenant{std::move(policy), std::move(banned)};
}

std::optional<TenantPolicy> SafetyService::tenant_policy(const std::string& tenant_id) {
  std::shared_lock lock(mu_);
  auto it = tenants_.find(tenant_id);
  if (it == tenants_.end()) return std::nullopt;
  return it->second.policy;
}

}  // namespace aurixa::safety
