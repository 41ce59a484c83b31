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

// Who the patient asks for.
constexpr std::string_view kPeople[] = {"person",   "human",     "someone",     "somebody",  "anyone",       "anybody",
                         "representative", "rep", "agent",       "operator",  "receptionist", "staff",
                         "nurse",    "desk",      "persona",     "humano",    "alguien",      "agente",
                         "representante", "enfermera", "enfermero", "recepcion", "recepcionista", "personal"};
// Who may be asked to call back (a doctor too: "have the doctor call me").
constexpr std::string_view kCallers[] = {"doctor", "provider", "doctora", "medico", "medica", "office"};
// Words between the verb and the person: "to a real person", "with one of your nurses", "con una persona".
constexpr std::string_view kBetween[] = {"to",   "with", "through", "thru",   "a",      "an",      "the",   "some",  "one",
                          "of",   "your", "real",    "live",   "actual", "human",   "front", "member", "con",
                          "un",   "una",  "el",      "la",     "alguna", "algun",   "su",    "de",    "del"};
// Words that make what follows a request: "can I", "I want to", "please", "quiero", "necesito que".
constexpr std::string_view kCues[] = {"can",  "could", "may",   "want",    "wanna",    "like",     "need",    "let",     "please",
                       "pls",  "plz",   "would", "id",      "prefer",   "rather",   "have",    "get",     "just",
                       "que",  "quiero", "necesito", "puedo", "podria", "quisiera", "gustaria", "prefiero", "favor"};
constexpr std::string_view kNegations[] = {"no", "not", "dont", "never", "without", "cant", "wont", "didnt", "doesnt", "nunca"};

bool negated(const Words& w, std::size_t i) {
  for (std::size_t k = i >= 3 ? i - 3 : 0; k < i; ++k)
    if (in(w[k], kNegations)) return true;
  return false;
}

// A request cue within the 4 words before i, or i opens the message (an imperative: "talk to a human").
bool cued(const Words& w, std::size_t i) {
  if (i == 0) return true;
  for (std::size_t k = i >= 4 ? i - 4 : 0; k < i; ++k)
    if (in(w[k], kCues)) return true;
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
  if (in(w[i], {"talk", "speak", "chat", "hablar", "hable", "comunicarme", "comuniqueme", "paseme"}))
    return person_after(w, i + 1, kPeople) != std::string::npos;
  // "connect me with a nurse", "put me through to someone", "get me a human"
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
  // "have someone call me", "I need a nurse to call me", "que una enfermera me llame", "que me llamen"
  if (in(w[i], kPeople) || in(w[i], kCallers)) {
    std::size_t k = i + 1;
    if (next(k, {"to"})) ++k;
    if (next(k, {"call", "phone", "ring", "contact", "text"}) && next(k + 1, {"me", "us"})) return true;
    if (next(k, {"me"}) && next(k + 1, {"llame", "llamen", "contacte", "contacten"})) return true;
  }
  if (w[i] == "me" && next(i + 1, {"llame", "llamen", "contacte", "contacten"}) && i > 0 && w[i - 1] == "que")
    return true;
  return in(w[i], {"llamenme", "llameme", "llamarme"});
}

}  // namespace

bool asks_for_person(const Normalized& text) {
  const Words& w = text.words;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (!talk_request(w, i) && !call_request(w, i)) continue;
    // The request cue is looked for before the verb, or before the caller ("can someone call me").
    if (!negated(w, i) && cued(w, i)) return true;
  }
  return false;
}

}  // namespace aurixa::orchestration::intent
