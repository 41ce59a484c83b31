// Dialogue acts of a reply: cue phrases over folded tokens, checked in order of precedence
// (abandon > hold > correction > deny > affirm), with negation idioms ("no problem") neutralised first.
#include <algorithm>
#include <string>
#include <vector>

#include "roles/agents/nlu/internal.hpp"
#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace {

using Words = std::vector<std::string>;

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}
bool in(std::string_view w, const std::vector<std::string_view>& set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Position of the word sequence `seq` (space separated) in ws, or npos. The sequence's words are views into
// `seq` (no allocation: every reply is checked against a few hundred cue phrases).
std::size_t find_seq(const Words& ws, std::string_view seq, std::size_t from = 0) {
  std::string_view parts[16];
  std::size_t n = 0;
  for (std::size_t p = 0; p < seq.size();) {
    auto q = seq.find(' ', p);
    if (q == std::string_view::npos) q = seq.size();
    if (n == std::size(parts)) return std::string::npos;  // no cue phrase is that long
    parts[n++] = seq.substr(p, q - p);
    p = q + 1;
  }
  if (n == 0 || ws.size() < n) return std::string::npos;
  for (std::size_t i = from; i + n <= ws.size(); ++i) {
    bool ok = true;
    for (std::size_t k = 0; k < n && ok; ++k) ok = ws[i + k] == parts[k];
    if (ok) return i;
  }
  return std::string::npos;
}

bool has_any(const Words& ws, const std::vector<std::string_view>& seqs) {
  return std::any_of(seqs.begin(), seqs.end(), [&](std::string_view s) { return find_seq(ws, s) != std::string::npos; });
}

// Removes every occurrence of the sequences from ws.
void erase_seqs(Words& ws, const std::vector<std::string_view>& seqs) {
  for (auto s : seqs) {
    std::size_t n = static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
    for (std::size_t at = find_seq(ws, s); at != std::string::npos; at = find_seq(ws, s))
      ws.erase(ws.begin() + static_cast<std::ptrdiff_t>(at), ws.begin() + static_cast<std::ptrdiff_t>(at + n));
  }
}

std::string squeeze(const std::string& w, std::size_t max_run) {
  std::string out;
  for (char c : w) {
    std::size_t run = 0;
    for (auto it = out.rbegin(); it != out.rend() && *it == c; ++it) ++run;
    if (run < max_run) out.push_back(c);
  }
  return out;
}

const std::vector<std::string_view> kAffirmWords = {
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "yas", "ye", "yeh", "ys", "yse", "sure", "ok", "okay", "okey",
    "okie", "okk", "kk", "k", "alright", "allright", "aight", "correct", "confirm", "confirmed", "confirming",
    "absolutely", "definitely", "certainly", "affirmative", "exactly", "agreed", "si", "sip", "claro", "dale",
    "vale", "perfecto", "correcto", "exacto", "listo", "hazlo", "adelante", "cancelala", "cancelalo", "reservala",
    "reservalo", "agendala", "agendalo", "confirmo", "confirmalo", "seguro", "obvio", "sale", "simon", "yessir",
    "yesss", "yess", "yeppers", "totally", "sweet", "bet", "thx", "ty", "tysm"};
const std::vector<std::string_view> kWeakAffirm = {
    "fine", "good", "great", "perfect", "awesome", "excellent", "cool", "right", "works", "please", "deal",
    "bueno", "thanks", "thank", "nice", "lovely", "wonderful", "go"};
const std::vector<std::string_view> kAffirmPhrases = {
    "do it", "go ahead", "go for it", "book it", "cancel it", "schedule it", "sounds good", "sounds great",
    "sounds perfect", "that works", "works for me", "lets do it", "lets do that", "of course", "de acuerdo",
    "esta bien", "por favor", "that is fine", "thats fine", "that is right", "thats right", "thats correct",
    "that is correct", "please do", "yes please", "book that", "cancel that one", "move it", "lock it in",
    "you bet", "why not", "no problem", "no worries", "not a problem", "no hay problema", "sin problema",
    "me parece bien", "suena bien", "all good", "go on", "do that", "please proceed", "proceed", "i guess so",
    "guess so", "i think so", "if you must", "i suppose", "why not"};
const std::vector<std::string_view> kDenyStrong = {"no", "nope", "nah", "nay", "nop", "negative",
                                                                 "incorrect", "wrong", "nel", "tampoco", "nunca"};

bool typo_of(const std::string& w, std::string_view target, char first) {
  if (w.size() < 2 || w.empty() || w[0] != first) return false;
  return detail::edit_distance(w, target) == 1;
}

}  // namespace

Act classify_act(std::string_view text) {
  Words ws;
  for (const auto& t : detail::tokenize(text)) ws.push_back(squeeze(t.w, 2));
  // "yesss" -> "yes", "nooo" -> "no", "okkk" -> "ok" when the single-letter form is a known word
  for (auto& w : ws) {
    auto one = squeeze(w, 1);
    if (one != w && (in(one, kAffirmWords) || in(one, kDenyStrong) || in(one, {"ok", "k"}))) w = one;
  }
  std::string raw(text);
  bool thumbs_up = raw.find("\xF0\x9F\x91\x8D") != std::string::npos || raw.find("\xF0\x9F\x91\x8C") != std::string::npos ||
                   raw.find("\xE2\x9C\x85") != std::string::npos || raw.find("\xE2\x9C\x94") != std::string::npos;
  bool thumbs_down = raw.find("\xF0\x9F\x91\x8E") != std::string::npos || raw.find("\xE2\x9D\x8C") != std::string::npos;
  if (ws.empty()) return thumbs_up ? Act::affirm : thumbs_down ? Act::deny : Act::none;

  // ---- abandon ----
  if (has_any(ws, {"never mind", "nevermind", "nvm", "nevermnd", "forget it", "forget about it", "forget that",
                   "forget the whole thing", "not now", "not right now", "not today", "maybe later", "maybe another time",
                   "another time", "some other time", "another day", "ill call back", "ill call later", "ill call you",
                   "call you back", "ill call", "i will call", "ill check with", "ill talk to", "ill think about it",
                   "changed my mind", "change my mind", "dont bother", "no need", "skip it", "skip this", "drop it",
                   "lets not", "leave it for now", "ill do it later", "ill handle it", "ill figure it out", "not interested",
                   "stop", "quit", "olvidalo", "olvidelo", "olvidate", "dejalo", "dejelo", "no importa", "ahora no",
                   "en otro momento", "otro dia", "mejor no", "ya no", "luego llamo", "despues llamo", "yo llamo",
                   "llamo despues", "llamo luego", "lo pienso", "cambie de opinion"}))
    return Act::abandon;

  // "i can't make it then": the patient cannot come (not "make it 3pm")
  if (has_any(ws, {"cant make it", "cannot make it", "can not make it", "wont make it", "couldnt make it"})) return Act::deny;

  // Strong correction cues win over hold ("no wait, i meant 3").
  if (has_any(ws, {"i meant", "i mean", "quise decir", "change it to", "change that to", "make it", "make that",
                   "instead", "cambialo a", "cambiala a", "en vez", "en lugar"}) &&
      !has_any(ws, {"let me check", "dont book", "not yet", "let me think"}))
    return Act::correction;

  // ---- hold ----
  Words hw = ws;  // "can't wait to see you", "the wait list" are not a request to hold
  erase_seqs(hw, {"cant wait", "can not wait", "wait list", "waiting list", "waitlist"});
  bool negated = std::any_of(hw.begin(), hw.end(), [](const std::string& w) { return in(w, {"dont", "not", "no", "do"}); });
  if (negated && has_any(hw, {"yet"})) return Act::hold;
  if (hw.size() <= 3 && has_any(hw, {"a sec", "a second", "a moment", "a minute"})) return Act::hold;
  if (has_any(hw, {"hold on", "hang on", "hold up", "wait", "one sec", "one second", "just a sec", "just a second",
                   "just a moment", "just a minute", "one moment", "one minute", "give me a sec", "give me a second", "give me a minute",
                   "give me a moment", "give me one", "let me check",
                   "let me look", "let me ask", "let me see", "let me think", "let me talk", "let me confirm",
                   "need to check", "have to check", "gotta check", "got to check", "need to ask", "have to ask",
                   "before you book", "before you cancel", "not yet", "dont book it yet", "dont book yet",
                   "espera", "espere", "esperame", "un momento", "un segundo", "dejame ver", "dejame revisar",
                   "dejame pensar", "dejame checar", "deja checo", "todavia no", "aun no", "no todavia"}))
    return Act::hold;

  // ---- correction ----
  static const std::vector<std::string_view> kCorrection = {
      "actually", "acutally", "actualy", "i meant", "i mean", "meant", "oops", "sorry i", "change it to",
      "change that to", "change it", "make it", "make that", "instead", "rather", "switch it", "switch to",
      "scratch that", "can we do", "could we do", "how about", "what about", "not that one", "wrong one",
      "the other one", "en realidad", "quise decir", "mejor el", "mejor la", "mejor a", "cambialo", "cambiala",
      "en vez", "en lugar", "correction", "typo"};
  if (has_any(ws, kCorrection)) {
    Words rest = ws;
    erase_seqs(rest, kCorrection);
    bool only_yes = !rest.empty() && std::all_of(rest.begin(), rest.end(), [](const std::string& w) {
      return in(w, kAffirmWords) || in(w, kWeakAffirm) || in(w, {"that", "is", "thats", "it", "works"});
    });
    bool only_no = !rest.empty() && std::all_of(rest.begin(), rest.end(), [](const std::string& w) {
      return in(w, kDenyStrong) || in(w, {"thanks", "thank", "you", "dont", "not"});
    });
    if (only_yes) return Act::affirm;
    if (only_no) return Act::deny;
    return Act::correction;
  }

  // ---- deny / affirm ----
  Words rest = ws;
  bool unsure = has_any(rest, {"not sure", "dont know", "dunno", "no se", "no estoy seguro", "no estoy segura",
                               "maybe", "quizas", "tal vez", "idk"});
  if (unsure) return Act::none;
  bool positive_idiom = has_any(rest, {"no problem", "no worries", "not a problem", "no hay problema", "sin problema",
                                       "why not", "no prob", "not bad", "cant wait", "no doubt"});
  erase_seqs(rest, {"no problem", "no worries", "not a problem", "no hay problema", "sin problema", "why not",
                    "no prob", "not bad", "cant wait", "no doubt"});
  const bool short_msg = ws.size() <= 5;
  bool deny = std::any_of(rest.begin(), rest.end(), [](const std::string& w) { return in(w, kDenyStrong); });
  deny = deny || has_any(rest, {"keep it", "keep my", "keep the", "leave it", "dont think so", "rather not",
                                "i pass", "pass", "no thanks", "no thank", "no gracias", "para nada", "de ninguna manera",
                                "no way", "dont want", "do not want", "dont need", "i dont", "please dont",
                                "dont cancel", "dont book", "dont do", "dont change", "dont move", "do not", "not that",
                                "thats not", "that is not", "not right", "not correct", "no lo", "no la", "no quiero",
                                "no puedo", "cant make", "cannot make", "wont work", "doesnt work", "not work",
                                "wont be able"});
  if (!deny && short_msg)
    deny = std::any_of(rest.begin(), rest.end(), [](const std::string& w) { return in(w, {"not", "dont", "never", "cant"}); });
  if (deny) return Act::deny;

  bool affirm = thumbs_up || positive_idiom;
  affirm = affirm || std::any_of(rest.begin(), rest.end(), [](const std::string& w) { return in(w, kAffirmWords); });
  affirm = affirm || has_any(rest, kAffirmPhrases);
  if (!affirm && (short_msg || (!rest.empty() && in(rest.front(), kWeakAffirm))))
    affirm = std::any_of(rest.begin(), rest.end(), [](const std::string& w) { return in(w, kWeakAffirm); });
  if (!affirm && ws.size() <= 3) {
    for (const auto& w : ws) {
      if (w.size() > 5) continue;
      if (typo_of(w, "yes", 'y') || typo_of(w, "yeah", 'y') || typo_of(w, "sure", 's') || typo_of(w, "okay", 'o') ||
          typo_of(w, "yep", 'y') || typo_of(w, "yup", 'y'))
        affirm = true;
    }
    if (ws.size() == 1 && ws[0] == "y") affirm = true;
  }
  // "cancel" / "book" alone in reply to "cancel it?" / "book it?"
  if (!affirm && ws.size() <= 3 &&
      std::any_of(ws.begin(), ws.end(), [](const std::string& w) { return in(w, {"cancel", "book", "schedule", "confirm", "reserve", "cancela", "reserva", "agenda"}); }))
    affirm = true;
  if (affirm) return Act::affirm;
  if (thumbs_down) return Act::deny;
  return Act::none;
}

}  // namespace aurixa::agents::nlu
