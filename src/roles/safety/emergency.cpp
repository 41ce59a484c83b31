#include "roles/safety/emergency.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "roles/safety/emergency_context.hpp"
#include "roles/safety/normalize.hpp"

namespace aurixa::safety {
namespace {

// Shared pattern pieces, expanded into lexicon patterns as {NAME}.
const std::vector<std::pair<std::string_view, std::string_view>>& macros() {
  static const std::vector<std::pair<std::string_view, std::string_view>> k = {
      {"{CANT}",
       "(?:cant|cannot|can not|couldnt|could not|unable to|not able to|isnt able to|is not able to|havent been able "
       "to|hasnt been able to|struggling to|struggles to|struggle to|fighting to|can barely|can hardly|barely|hardly)"},
      {"{NOT}",
       "(?:not|isnt|is not|wasnt|was not|arent|are not|no longer|stopped|has stopped|hasnt been|doesnt|does not|didnt|"
       "did not|wont|will not|aint|never)"},
      {"{INGEST}",
       "(?:took|taken|swallowed|ate|eaten|drank|downed|popped|chugged|ingested|had|swallow|swallowing|drinking|drink|"
       "eating|taking|popping|got into|gotten into|tomo|bebio|trago|comio)"},
      {"{AMOUNT}",
       "(?:too many|too much|way too many|way too much|a bunch|a whole bunch|a handful|a fistful|a lot|a ton|a pile|"
       "[1-9]\\d+|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a dozen|dozens|half a bottle|half the "
       "bottle|most|all|all of)"},
      {"{MED}",
       "(?:pills?|tablets?|capsules?|caps|meds|medications?|medicines?|doses|gummies|antidepressants|painkillers|pain "
       "killers|pain pills|sleeping pills|sleep(?:ing)? (?:meds|aids)|opioids|opiates|narcotics|oxy\\w*|percocets?|"
       "vicodin|norco|xanax|valium|klonopin|ativan|tylenol|acetaminophen|paracetamol|ibuprofen|advil|motrin|aleve|"
       "aspirin|benadryl|insulin|methadone|suboxone|fentanyl|heroin|morphine|lithium|seroquel|ambien|trazodone|"
       "melatonin|adderall|zoloft|prozac|lexapro|wellbutrin|gabapentin|lyrica|tramadol|hydrocodone|codeine|digoxin|"
       "warfarin|metformin|lisinopril|iron pills|vitamins|edibles|pastillas|pildoras|medicinas)"},
  };
  return k;
}

std::string expand(std::string_view pattern) {
  std::string s(pattern);
  for (const auto& [name, body] : macros()) {
    for (std::size_t pos = s.find(name); pos != std::string::npos; pos = s.find(name, pos + body.size()))
      s.replace(pos, name.size(), body);
  }
  return s;
}

// Complete lower-case words (>= 4 letters) spelt out in a pattern: the typo corrector's vocabulary.
// Stems followed by \w* and escapes (\b, \d) are skipped.
void collect_words(std::string_view p, std::vector<std::string>& out) {
  std::size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '\\') {
      i += 2;
      continue;
    }
    if (p[i] >= 'a' && p[i] <= 'z') {
      std::size_t j = i;
      while (j < p.size() && p[j] >= 'a' && p[j] <= 'z') ++j;
      const bool stem = j < p.size() && (p[j] == '\\' || p[j] == '?' || p[j] == '(' || p[j] == '[');
      if (!stem && j - i >= 4) out.emplace_back(p.substr(i, j - i));
      i = j;
      continue;
    }
    ++i;
  }
}

}  // namespace

struct EmergencyDetector::Compiled {
  EmergencySignal signal;
  std::string concept_storage;
  std::unique_ptr<RE2> re;
};

struct EmergencyDetector::PatternSet {
  explicit PatternSet(const RE2::Options& o) : set(o, RE2::UNANCHORED) {}
  RE2::Set set;
};

std::string_view category_name(EmergencyCategory c) noexcept {
  switch (c) {
    case EmergencyCategory::cardiac:
      return "cardiac";
    case EmergencyCategory::stroke:
      return "stroke";
    case EmergencyCategory::respiratory:
      return "respiratory";
    case EmergencyCategory::suicide_self_harm:
      return "suicide_self_harm";
    case EmergencyCategory::overdose_poisoning:
      return "overdose_poisoning";
    case EmergencyCategory::bleeding:
      return "bleeding";
    case EmergencyCategory::allergic:
      return "allergic";
    case EmergencyCategory::seizure:
      return "seizure";
    case EmergencyCategory::unconscious:
      return "unconscious";
    case EmergencyCategory::burn:
      return "burn";
    case EmergencyCategory::other:
      return "other";
  }
  return "other";
}

std::string escalation_message(EmergencyCategory c, std::string_view language) {
  if (language == "es") {
    switch (c) {
      case EmergencyCategory::suicide_self_harm:
        return "Si está pensando en el suicidio o en hacerse daño, llame o envíe un mensaje de texto al 988 (Línea "
               "de Prevención del Suicidio y Crisis, EE. UU.; oprima 2 para español) ahora mismo, o llame al 911 si "
               "está en peligro inmediato. No está solo: estamos avisando a un miembro de nuestro personal.";
      case EmergencyCategory::overdose_poisoning:
        return "Esto puede ser una emergencia médica. Llame al 911 ahora (o a Control de Envenenamientos al "
               "1-800-222-1222 si la persona está despierta y respira con normalidad). No espere una llamada ni una "
               "cita.";
      case EmergencyCategory::respiratory:
      case EmergencyCategory::unconscious:
      case EmergencyCategory::cardiac:
        return "Esto puede ser una emergencia médica. Llame al 911 (o a su número local de emergencias) ahora. Si la "
               "persona no respira o no tiene pulso, comience la RCP. No espere una llamada ni una cita.";
      default:
        return "Esto puede ser una emergencia médica. Llame al 911 (o a su número local de emergencias) ahora o vaya "
               "a la sala de emergencias más cercana. No espere una llamada ni una cita.";
    }
  }
  switch (c) {
    case EmergencyCategory::suicide_self_harm:
      return "If you are thinking about suicide or about hurting yourself, please call or text 988 (Suicide & Crisis "
             "Lifeline, US) right now, or call 911 if you are in immediate danger. You are not alone: a member of our "
             "staff is being notified.";
    case EmergencyCategory::overdose_poisoning:
      return "This may be a medical emergency. Call 911 now (or Poison Control at 1-800-222-1222 if the person is "
             "awake "
             "and breathing normally). Do not wait for a callback or an appointment.";
    case EmergencyCategory::respiratory:
    case EmergencyCategory::unconscious:
    case EmergencyCategory::cardiac:
      return "This may be a medical emergency. Call 911 (or your local emergency number) now. If the person is not "
             "breathing or has no pulse, start CPR. Do not wait for a callback or an appointment.";
    default:
      return "This may be a medical emergency. Call 911 (or your local emergency number) now or go to the nearest "
             "emergency room. Do not wait for a callback or an appointment.";
  }
}

EmergencyDetector::EmergencyDetector(const std::vector<std::string>& extra_phrases)
    : context_(std::make_unique<ContextRules>()) {
  RE2::Options opt;
  opt.set_log_errors(false);
  opt.set_max_mem(64 << 20);
  set_ = std::make_unique<PatternSet>(opt);
  std::vector<std::string> vocabulary;
  auto add = [&](const EmergencySignal& s, std::string concept_storage, const std::string& pattern) {
    const std::string wrapped = "\\b(?:" + pattern + ")\\b";
    auto c = std::make_unique<Compiled>();
    c->signal = s;
    c->concept_storage = std::move(concept_storage);
    if (!c->concept_storage.empty()) c->signal.concept_name = c->concept_storage;
    c->re = std::make_unique<RE2>(wrapped, opt);
    if (!c->re->ok())
      throw std::logic_error("emergency pattern " + std::string(s.concept_name) + ": " + c->re->error());
    std::string err;
    if (set_->set.Add(wrapped, &err) != static_cast<int>(signals_.size()))
      throw std::logic_error("emergency pattern set: " + err);
    collect_words(pattern, vocabulary);
    signals_.push_back(std::move(c));
  };
  for (const auto& s : emergency_lexicon()) add(s, {}, expand(s.pattern));
  for (const auto& phrase : extra_phrases) {
    const std::string folded = fold(phrase);
    if (folded.empty()) continue;
    add(EmergencySignal{"", EmergencyCategory::other, 1.0, 0, ""}, "keyword:" + folded, RE2::QuoteMeta(folded));
  }
  if (!set_->set.Compile()) throw std::logic_error("emergency pattern set does not compile (memory budget)");
  for (const auto& src : context_->pattern_sources()) collect_words(src, vocabulary);
  typos_ = std::make_unique<TypoCorrector>(vocabulary, typo_protected_words());
}

EmergencyDetector::~EmergencyDetector() = default;

EmergencyAssessment EmergencyDetector::assess(std::string_view text) const {
  EmergencyAssessment out;
  NormalizedText norm = normalize(text);
  typos_->apply(norm, text);
  if (norm.tokens.empty()) {
    out.normalized = std::move(norm.text);
    return out;
  }
  // One RE2::Set pass per sentence tells which concepts occur there; only those concepts' patterns are
  // then run, and only over that sentence (lexicon patterns never span a sentence end).
  std::vector<std::pair<EmergencyHit, unsigned>> hits;
  const re2::StringPiece whole(norm.text);
  std::vector<int> ids;
  std::size_t sentence_begin = 0;
  for (std::size_t i = 0; i < norm.tokens.size(); ++i) {
    const auto tok = norm.token(i);
    const bool end =
        i + 1 == norm.tokens.size() || (norm.tokens[i].punct && (tok == "." || tok == "!" || tok == "?" || tok == ";"));
    if (!end) continue;
    const std::size_t from = norm.tokens[sentence_begin].begin, to = norm.tokens[i].end;
    sentence_begin = i + 1;
    // A yes/no pass first: without an id list RE2::Set allocates nothing and stops at the first match, and most
    // sentences hold no concept. Only a sentence that matches is asked which concepts (the same answer).
    const re2::StringPiece sentence(norm.text.data() + from, to - from);
    ids.clear();
    if (!set_->set.Match(sentence, nullptr) || !set_->set.Match(sentence, &ids)) continue;
    std::sort(ids.begin(), ids.end());
    for (int id : ids) {
      const auto& c = *signals_[static_cast<std::size_t>(id)];
      re2::StringPiece m;
      std::size_t pos = from;
      while (pos <= to && c.re->Match(whole, pos, to, RE2::UNANCHORED, &m, 1)) {
        const auto b = static_cast<std::size_t>(m.data() - norm.text.data());
        const auto e = b + m.size();
        if (e > b) {
          EmergencyHit h;
          h.concept_name = std::string(c.signal.concept_name);
          h.category = c.signal.category;
          h.weight = c.signal.weight;
          h.phrase = std::string(m.data(), m.size());
          h.first_token = norm.token_at(b);
          h.last_token = norm.token_at(e - 1);
          h.self_harm = c.signal.flags & kSelfHarm;
          hits.emplace_back(std::move(h), c.signal.flags);
        }
        pos = e > b ? e : b + 1;
      }
    }
  }
  if (hits.empty()) {
    out.normalized = std::move(norm.text);
    return out;
  }
  // The rules below are quadratic in hits; a message with this many signals is decided long before the
  // cap (and the cap keeps an adversarial megabyte of "chest pain" cheap).
  constexpr std::size_t kMaxHits = 64;
  if (hits.size() > kMaxHits) {
    std::sort(hits.begin(), hits.end(),
              [](const auto& a, const auto& b) { return a.first.first_token < b.first.first_token; });
    hits.resize(kMaxHits);
  }
  // A hit inside a longer one is the same words read less specifically ("poisoning" in "food
  // poisoning", "blood" in "coughing up blood"): the longer reading wins.
  std::vector<char> dropped(hits.size(), 0);
  for (std::size_t i = 0; i < hits.size(); ++i)
    for (std::size_t j = 0; j < hits.size(); ++j) {
      const auto& a = hits[i].first;
      const auto& b = hits[j].first;
      if (i == j) continue;
      const bool inside = a.first_token >= b.first_token && a.last_token <= b.last_token;
      const bool same = a.first_token == b.first_token && a.last_token == b.last_token;
      if (inside && (!same || a.phrase.size() < b.phrase.size())) dropped[i] = true;
    }

  // Byte ranges of the sentences holding (non-dropped) hits: context cues are only searched there.
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  {
    std::vector<std::size_t> sentence_start(norm.tokens.size()), sentence_end(norm.tokens.size());
    std::size_t start = 0;
    for (std::size_t i = 0; i < norm.tokens.size(); ++i) {
      sentence_start[i] = start;
      const auto tok = norm.token(i);
      if (norm.tokens[i].punct && (tok == "." || tok == "!" || tok == "?" || tok == ";")) start = i + 1;
    }
    std::size_t end = norm.tokens.size() - 1;
    for (std::size_t i = norm.tokens.size(); i-- > 0;) {
      const auto tok = norm.token(i);
      if (norm.tokens[i].punct && (tok == "." || tok == "!" || tok == "?" || tok == ";") && i + 1 < norm.tokens.size())
        end = i;
      sentence_end[i] = end;
    }
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    for (std::size_t i = 0; i < hits.size(); ++i)
      if (!dropped[i])
        spans.emplace_back(norm.tokens[sentence_start[hits[i].first.first_token]].begin,
                           norm.tokens[sentence_end[hits[i].first.last_token]].end);
    std::sort(spans.begin(), spans.end());
    for (const auto& [b, e] : spans) {
      if (!ranges.empty() && b <= ranges.back().second)
        ranges.back().second = std::max(ranges.back().second, e);
      else
        ranges.emplace_back(b, e);
    }
  }
  const ContextCues cues = context_->find(norm, ranges);
  std::map<std::string, double> by_concept;
  std::map<std::string, std::pair<EmergencyCategory, bool>> concept_info;
  std::set<std::string> companions;  // kSelfHarmCompanion concepts found
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (dropped[i]) continue;
    auto& [h, flags] = hits[i];
    h.suppressed_by = context_->suppression(cues, h, flags);
    if (h.suppressed_by.empty() && !h.self_harm) {
      const double f = context_->intensity(cues, h);
      if (f < 1.0)
        h.weight *= f;
      else if (f > 1.0 && h.weight < kEscalateAt)
        h.weight = std::min(0.75, h.weight * f);
    }
    if (h.suppressed_by.empty()) {
      double& w = by_concept[h.concept_name];
      w = std::max(w, h.weight);
      concept_info[h.concept_name] = {h.category, h.self_harm};
      if (flags & kSelfHarmCompanion) companions.insert(h.concept_name);
    }
    out.hits.push_back(h);
  }
  // A companion sign counts only beside another self-harm concept (which may be the other companion:
  // hopelessness and means obtained).
  if (!companions.empty()) {
    int self_harm_concepts = 0;
    for (const auto& [name, info] : concept_info) self_harm_concepts += info.second;
    if (self_harm_concepts < 2)
      for (const auto& name : companions) by_concept.erase(name);
  }
  double total = 0, best = 0;
  bool self_harm = false;
  for (const auto& [name, w] : by_concept) {
    total += w;
    const auto& [cat, sh] = concept_info[name];
    if (sh && w >= 0.6) self_harm = true;
    if (w > best) {
      best = w;
      out.category = cat;
    }
  }
  out.escalate = total + 1e-9 >= kEscalateAt;
  out.severity = std::min(1.0, total);
  if (self_harm && out.escalate) out.category = EmergencyCategory::suicide_self_harm;
  if (!out.escalate) out.category.reset();
  out.normalized = std::move(norm.text);
  return out;
}

}  // namespace aurixa::safety
