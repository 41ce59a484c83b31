#include "roles/orchestration/intent/person_request.hpp"

#include <algorithm>
#include <initializer_list>
#include <span>
#include <string_view>

namespace aurixa::orchestration::intent {
namespace {

using Words = std::vector<std::string>;
using Set = std::span<const std::string_view>;

bool in(const std::string& w, Set set) { return std::find(set.begin(), set.end(), w) != set.end(); }
bool in(const std::string& w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Who the patient asks for (departments too: "transfer me to billing").
constexpr std::string_view kPeople[] = {
    "person",        "people",       "human",        "humans",     "someone",       "somebody",   "anyone",
    "anybody",       "representative", "representatives", "rep",   "agent",         "agents",     "operator",
    "receptionist",  "staff",        "nurse",        "nurses",     "desk",          "billing",    "scheduling",
    "reception",     "persona",      "personas",     "humano",     "alguien",       "agente",     "representante",
    "enfermera",     "enfermero",    "enfermeras",   "recepcion",  "recepcionista", "personal"};
// Who may be asked to call back (a doctor too: "have the doctor call me").
constexpr std::string_view kCallers[] = {"doctor", "provider", "doctora", "medico", "medica", "office"};
// Words between the verb and the person: "to a real person", "with one of your nurses", "con una persona".
constexpr std::string_view kBetween[] = {"to",     "with", "through", "thru",  "a",     "an",     "the",
                                         "some",   "one",  "of",      "your",  "real",  "live",   "actual",
                                         "human",  "front", "member", "con",   "un",    "una",    "el",
                                         "la",     "alguna", "algun", "su",    "de",    "del"};
// Words that make what follows a request: "can I", "I want to", "please", "quiero", "necesito que".
constexpr std::string_view kCues[] = {"can",      "could",    "may",    "want",     "wanna",    "like",
                                      "need",     "let",      "please", "pls",      "plz",      "id",
                                      "prefer",   "rather",   "just",   "que",      "quiero",   "necesito",
                                      "puedo",    "podria",   "quisiera", "gustaria", "prefiero", "favor",
                                      "pueden",   "puede",    "podrian"};
constexpr std::string_view kNegations[] = {"no",   "not",  "dont",   "never",  "without",
                                           "cant", "wont", "didnt",  "doesnt", "nunca"};
// A message that opens with one of these asks about the process ("do I need to talk to a nurse before my
// colonoscopy?", "¿tengo que hablar con la enfermera?"), it does not ask for a person.
constexpr std::string_view kQuestionOpeners[] = {"do",    "does",  "did",  "will", "should", "when",  "how",
                                                 "what",  "where", "who",  "why",  "whats",  "wheres", "hows",
                                                 "whos",  "tengo", "debo", "cuando", "como", "donde"};

// A negation among the 3 words before i; a bare "no" opening the message answers the assistant ("No, let me
// talk to someone").
bool negated(const Words& w, std::size_t i) {
  for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
    if (in(w[k], kNegations) && !(k == 0 && w[k] == "no")) return true;
  return false;
}

// A request cue within the 4 words before i, or i opens the message (an imperative: "talk to a human"). "have"
// is a cue only as an imperative or after a request word ("have a nurse call me", "please have someone call
// me"), not in "I have a home nurse call me every morning".
bool cued(const Words& w, std::size_t i) {
  if (i == 0) return true;
  for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k) {
    if (in(w[k], kCues)) return true;
    if (w[k] == "have" && (k == 0 || in(w[k - 1], kCues) || in(w[k - 1], {"you", "u"}))) return true;
  }
  return false;
}

// The person word after position i, skipping up to 4 joining words; npos when there is none.
std::size_t person_after(const Words& w, std::size_t i, Set people) {
  for (std::size_t k = i, skipped = 0; k < w.size() && skipped <= 4; ++k, ++skipped) {
    if (in(w[k], people)) return k;
    if (!in(w[k], kBetween)) break;
  }
  return std::string::npos;
}

bool talk_request(const Words& w, std::size_t i) {
  if (in(w[i], {"talk", "speak", "chat", "hablar", "hable", "comunicarme", "comuniqueme", "paseme"})) {
    if (person_after(w, i + 1, kPeople) != std::string::npos) return true;
    // The person before the verb: "is there a real person I can speak to", "anyone I could talk to?"
    for (std::size_t k = i; k-- > 0 && i - k <= 4;) {
      if (in(w[k], kPeople)) return true;
      if (!in(w[k], {"i", "we", "can", "could", "may"})) break;
    }
  }
  // "connect me with a nurse", "put me through to someone", "get me a human", "transfer me to billing"
  if (in(w[i], {"connect", "transfer", "put", "get", "pass"}) && i + 1 < w.size() && in(w[i + 1], {"me", "us"}))
    return person_after(w, i + 2, kPeople) != std::string::npos;
  return false;
}

bool call_request(const Words& w, std::size_t i) {
  const auto next = [&](std::size_t k, std::initializer_list<std::string_view> set) {
    return k < w.size() && in(w[k], set);
  };
  // "call me back", "could you please call me", "give me a call"; not "you can call me Jim"
  if (in(w[i], {"call", "phone", "ring"}) && next(i + 1, {"me", "us"}) &&
      (i == 0 || in(w[i - 1], {"please", "pls", "plz", "you", "u", "just"})) &&
      (i + 2 == w.size() || in(w[i + 2], {"back", "at", "on", "about", "regarding", "when", "asap", "please", "today",
                                          "tomorrow", "later", "soon", "to", "with", "thanks", "thank", "if"})))
    return true;
  if (w[i] == "give" && next(i + 1, {"me", "us"}) && next(i + 2, {"a"}) && next(i + 3, {"call"})) return true;
  // "I'd like a callback", "can I get a call back"
  if (w[i] == "callback" || (w[i] == "call" && next(i + 1, {"back"}) && i > 0 && in(w[i - 1], {"a"}))) return true;
  // "have someone call me", "I need a nurse to call me", "que una enfermera me llame", "que me llamen"
  if (in(w[i], kPeople) || in(w[i], kCallers)) {
    std::size_t k = i + 1;
    if (next(k, {"to"})) ++k;
    if (next(k, {"call", "phone", "ring", "contact", "text"}) && next(k + 1, {"me", "us"})) return true;
    if (next(k, {"me"}) && next(k + 1, {"llame", "llamen", "contacte", "contacten"})) return true;
  }
  if (w[i] == "me" && i > 0 && in(w[i - 1], {"que"}) && next(i + 1, {"llame", "llamen", "contacte", "contacten"}))
    return true;
  // "¿me pueden llamar?"
  if (w[i] == "me" && next(i + 1, {"puede", "pueden", "podria", "podrian"}) && next(i + 2, {"llamar", "contactar"}))
    return true;
  return in(w[i], {"llamenme", "llameme", "llamarme"});
}

// "is there a real person I can speak to", "would you ...": questions that are requests.
bool asks_about_the_process(const Words& w) {
  if (w.empty()) return false;
  if (w[0] == "would") return !(w.size() > 1 && in(w[1], {"you", "it", "u"}));
  return in(w[0], kQuestionOpeners);
}

}  // namespace

bool asks_for_person(const Normalized& text) {
  const Words& w = text.words;
  if (asks_about_the_process(w)) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!talk_request(w, i) && !call_request(w, i)) continue;
    // The request cue is looked for before the verb, or before the caller ("can someone call me").
    if (!negated(w, i) && cued(w, i)) return true;
  }
  return false;
}

}  // namespace aurixa::orchestration::intent
