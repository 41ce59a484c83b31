// Slot extraction: dates/times (datetime.cpp), provider and medication matched against the tenant's vocabulary
// (typo tolerant; specialties and brand/class names resolve to vocabulary entries), pharmacy and visit reason.
#include <algorithm>
#include <optional>

#include "roles/agents/nlu/internal.hpp"
#include "roles/agents/nlu/lexicon.hpp"
#include "roles/agents/nlu/nlu.hpp"

namespace aurixa::agents::nlu {
namespace {

using detail::edit_distance;
using detail::Token;

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool is_title(std::string_view w) {
  return in(w, {"dr", "doctor", "doc", "dra", "doctora", "drs", "md", "np", "pa", "rn", "nurse", "mr", "mrs", "ms",
                "miss", "prof", "professor", "dds", "do"});
}

std::string strip_s(std::string_view w) {
  if (w.size() >= 4 && w.back() == 's') return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

bool alpha(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return !(c >= '0' && c <= '9') && c != ':' && c != '/' && c != '-' && c != '.'; });
}

// How well text token `t` matches name token `n`: 2 exact, 1 typo, 0 none.
int name_match(std::string_view t, std::string_view n, bool titled) {
  if (t == n) return 2;
  if (t.size() >= 3 && strip_s(t) == strip_s(n)) return 2;
  if (n.size() < 4 || t.size() < 3) return 0;
  int d = edit_distance(t, n);
  int allowed = n.size() >= 8 ? 2 : 1;
  if (!titled && t.size() < 5) return 0;
  return d <= allowed ? 1 : 0;
}

struct Marks {
  std::vector<bool> used;
  void set(std::size_t a, std::size_t b) {
    for (std::size_t k = a; k <= b && k < used.size(); ++k) used[k] = true;
  }
};

// ---------------- provider ----------------
std::optional<std::string> match_provider(const std::vector<Token>& t, const Vocabulary& v, Marks& marks) {
  double best = 0;
  std::optional<std::size_t> best_p;
  std::pair<std::size_t, std::size_t> best_span{0, 0};
  for (std::size_t p = 0; p < v.providers.size(); ++p) {
    std::vector<std::string> name;
    for (const auto& nt : detail::tokenize(v.providers[p]))
      if (!is_title(nt.w)) name.push_back(nt.w);
    if (name.empty()) continue;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (marks.used[k] || !alpha(t[k].w)) continue;
      // "Dr." ends with a period: punctuation does not matter. "Mrs. Chen" is somebody else.
      if (k > 0 && in(t[k - 1].w, {"mr", "mrs", "ms", "miss", "senor", "senora", "sr", "sra"})) continue;
      bool titled = k > 0 && in(t[k - 1].w, {"dr", "doctor", "doc", "dra", "doctora", "drs", "np", "pa", "nurse"});
      bool ctx = titled || (k > 0 && in(t[k - 1].w, {"with", "see", "seeing", "con", "ver", "saw"}));
      for (std::size_t n = 0; n < name.size(); ++n) {
        int m = name_match(t[k].w, name[n], titled);
        if (m == 0) continue;
        bool common = detail::is_stopword(t[k].w) || detail::is_person_word(t[k].w) || detail::is_visit_word(t[k].w);
        if (common && !titled) continue;
        if (m == 1 && !ctx && (t[k].w.size() < 5 || common)) continue;
        double score = m == 2 ? 2.0 : 1.0;
        if (titled) score += 1.5;
        else if (ctx) score += 0.75;
        if (n + 1 == name.size()) score += 0.25;  // last names identify better than first names
        std::size_t end = k;
        if (n + 1 < name.size() && k + 1 < t.size() && name_match(t[k + 1].w, name[n + 1], true) > 0) {
          score += 2;
          end = k + 1;
        }
        if (score > best) {
          best = score;
          best_p = p;
          best_span = {titled ? k - 1 : k, end};
        }
      }
    }
  }
  if (best_p) {
    marks.set(best_span.first, best_span.second);
    return v.providers[*best_p];
  }
  // Specialties: "the dermatologist", "my pcp", "cardiology", "a heart doctor".
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (marks.used[k]) continue;
    std::string_view topic;
    std::size_t end = k;
    if (k + 1 < t.size()) {
      topic = detail::specialty_concept(t[k].w + " " + t[k + 1].w);
      if (!topic.empty()) end = k + 1;
    }
    if (topic.empty()) topic = detail::specialty_concept(t[k].w);
    if (topic.empty()) continue;
    // "allergy pills", "allergies": a condition unless the patient names the clinic or doctor
    if (in(t[k].w, {"allergy", "allergies"}) &&
        !(k + 1 < t.size() && in(t[k + 1].w, {"doctor", "doc", "clinic", "specialist", "department", "dept"})))
      continue;
    if (in(t[k].w, {"ob", "gi", "ent", "pt", "gp", "endo", "derm", "psych", "neuro", "ortho", "cardio", "peds"}) &&
        k + 1 < t.size() && in(t[k + 1].w, {"is", "was"}))
      continue;
    for (std::size_t p = 0; p < v.providers.size() && p < v.specialties.size(); ++p) {
      auto st = detail::tokenize(v.specialties[p]);
      bool match = false;
      for (std::size_t q = 0; q < st.size() && !match; ++q) {
        if (detail::specialty_concept(st[q].w) == topic) match = true;
        if (q + 1 < st.size() && detail::specialty_concept(st[q].w + " " + st[q + 1].w) == topic) match = true;
        // unknown specialty words: shared stem ("dermatology" ~ "dermatologist")
        std::size_t common = 0;
        while (common < st[q].w.size() && common < t[k].w.size() && st[q].w[common] == t[k].w[common]) ++common;
        if (common >= 6) match = true;
      }
      if (match) {
        marks.set(k, end);
        return v.providers[p];
      }
    }
  }
  return std::nullopt;
}

// ---------------- medication ----------------
std::vector<std::string> med_name_words(std::string_view med) {
  std::vector<std::string> out;
  for (const auto& tk : detail::tokenize(med)) {
    if (!alpha(tk.w) || in(tk.w, {"mg", "mcg", "ml", "tablet", "tablets", "tab", "capsule", "er", "xl", "sr", "hcl",
                                   "units", "iu", "oral", "daily", "inhaler"}))
      break;
    out.push_back(tk.w);
  }
  return out;
}

bool med_word_match(std::string_view t, std::string_view n) {
  if (t == n) return true;
  if (n.size() < 5 || t.size() < 4) return false;
  if (t.size() >= 5 && n.substr(0, t.size()) == t && t.size() * 10 >= n.size() * 6) return true;  // "metfor"
  int allowed = n.size() >= 8 ? 2 : 1;
  return edit_distance(t, n) <= allowed;
}

std::optional<std::string> match_medication(const std::vector<Token>& t, const Vocabulary& v, Marks& marks) {
  for (std::size_t p = 0; p < v.medications.size(); ++p) {
    auto name = med_name_words(v.medications[p]);
    if (name.empty()) continue;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (marks.used[k] || detail::is_stopword(t[k].w)) continue;
      bool hit = med_word_match(t[k].w, name[0]);
      auto generic = detail::brand_generic(t[k].w);
      if (!hit && !generic.empty() && generic == name[0]) hit = true;
      if (!hit) continue;
      std::size_t end = k;
      for (std::size_t n = 1; n < name.size() && end + 1 < t.size() && t[end + 1].w == name[n]; ++n) ++end;
      // swallow a dose written after the name ("lisinopril 10mg", "10 mg")
      if (end + 1 < t.size() && !alpha(t[end + 1].w)) {
        ++end;
        if (end + 1 < t.size() && in(t[end + 1].w, {"mg", "mcg", "ml"})) ++end;
      }
      marks.set(k, end);
      return v.medications[p];
    }
  }
  // A class named in the patient's words ("my blood pressure pills", "the inhaler") that fits exactly one
  // of the patient's prescriptions.
  bool med_context = false;
  for (const auto& tk : t)
    med_context = med_context || in(tk.w, {"pill", "pills", "med", "meds", "medication", "medications", "medicine",
                                           "prescription", "rx", "refill", "refilled", "renew", "renewed", "inhaler",
                                           "tablets", "pastillas", "medicina", "medicamento", "receta", "surtir"});
  for (std::size_t k = 0; k < t.size() && med_context; ++k) {
    auto cls = detail::class_keyword(t[k].w);
    if (cls.empty()) continue;
    std::optional<std::size_t> only;
    int count = 0;
    for (std::size_t p = 0; p < v.medications.size(); ++p) {
      auto name = med_name_words(v.medications[p]);
      std::string lower = name.empty() ? std::string() : name[0];
      bool is_inhaler = false;
      for (const auto& tk : detail::tokenize(v.medications[p]))
        if (tk.w == "inhaler") is_inhaler = true;
      if (detail::drug_class(lower) == cls || (cls == "inhaler" && is_inhaler)) {
        only = p;
        ++count;
      }
    }
    if (count == 1) {
      marks.set(k, k);
      return v.medications[*only];
    }
  }
  return std::nullopt;
}

// ---------------- pharmacy ----------------
bool place_stop(const Token& tk) {
  return tk.punct_before || detail::is_stopword(tk.w) ||
         in(tk.w, {"pharmacy", "please", "thanks", "today", "tomorrow", "asap", "refill", "instead", "pls"});
}

std::optional<std::string> match_pharmacy(const std::vector<Token>& t, Marks& marks) {
  auto has_seq = [&](std::size_t k, std::initializer_list<std::string_view> seq) {
    std::size_t q = k;
    for (auto s : seq) {
      if (q >= t.size() || t[q].w != s) return false;
      ++q;
    }
    return true;
  };
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (has_seq(k, {"on", "file"}) || has_seq(k, {"en", "archivo"}) || has_seq(k, {"de", "siempre"})) {
      marks.set(k, k + 1);
      return "on file";
    }
    if ((in(t[k].w, {"usual", "regular", "normal", "same", "default", "preferred", "current"}) && k + 1 < t.size() &&
         in(t[k + 1].w, {"pharmacy", "drugstore", "one"})) ||
        (t[k].w == "farmacia" && k + 1 < t.size() && in(t[k + 1].w, {"habitual", "usual"}))) {
      marks.set(k, k + 1);
      return "on file";
    }
  }
  for (std::size_t k = 0; k < t.size(); ++k) {
    std::size_t a = k, b = k;
    bool chain = detail::is_pharmacy_chain(t[k].w);
    if (t[k].w == "rite" && k + 1 < t.size() && t[k + 1].w == "aid") {
      chain = true;
      b = k + 1;
    }
    if (t[k].w == "duane" && k + 1 < t.size() && t[k + 1].w == "reade") b = k + 1;
    if (t[k].w == "sams" && !(k + 1 < t.size() && t[k + 1].w == "club")) chain = false;
    if (in(t[k].w, {"target", "giant", "harris", "winn", "amazon", "ahorro", "similares", "guadalajara"})) {
      // common words: only as a pharmacy when the text says so
      bool said = false;
      for (const auto& tk : t) said = said || in(tk.w, {"pharmacy", "farmacia", "drugstore", "pick", "pickup", "send"});
      if (!said) chain = false;
    }
    if (!chain) {
      // "<Name> pharmacy" / "farmacia <Name>"
      if (in(t[k].w, {"pharmacy", "drugstore"}) && k > 0 && !place_stop(t[k - 1]) && !t[k].punct_before &&
          !in(t[k - 1].w, {"my", "the", "a", "your", "which", "what", "mail", "local"})) {
        a = k - 1;
        if (a > 0 && !place_stop(t[a - 1]) && !t[a].punct_before && !in(t[a - 1].w, {"to", "at", "the"})) --a;
        chain = true;
        b = k;
      } else {
        continue;
      }
    }
    // "... on main street", "at 5th and elm"
    if (b + 1 < t.size() && in(t[b + 1].w, {"pharmacy", "drugstore"})) ++b;
    if (b + 2 < t.size() && in(t[b + 1].w, {"on", "at", "in", "by", "near", "off"}) && !t[b + 1].punct_before &&
        !place_stop(t[b + 2])) {
      std::size_t e = b + 2;
      while (e + 1 < t.size() && e < b + 5) {
        if (!place_stop(t[e + 1])) {
          ++e;
        } else if (in(t[e + 1].w, {"and", "y"}) && !t[e + 1].punct_before && e + 2 < t.size() && !place_stop(t[e + 2])) {
          e += 2;  // an intersection: "5th and main"
        } else {
          break;
        }
      }
      b = e;
    }
    // the output leaves out a trailing "pharmacy" after a chain ("the costco pharmacy" -> "costco")
    std::size_t last = b;
    std::string out;
    for (std::size_t q = a; q <= last; ++q) {
      if (detail::is_pharmacy_chain(t[a].w) && t[q].w == "pharmacy") continue;
      if (!out.empty()) out.push_back(' ');
      out += t[q].w;
    }
    marks.set(a, b);
    return out;
  }
  return std::nullopt;
}

// ---------------- reason ----------------
bool reason_stop(const Token& tk) {
  return in(tk.w, {"with", "at", "to", "from", "by", "before", "after", "and", "or", "but", "so", "because", "if",
                   "since", "then", "when", "while", "please", "pls", "thanks", "thank", "asap", "today", "tomorrow",
                   "next", "is", "are", "was", "were", "has", "have", "had", "can", "could", "would", "will", "do",
                   "does", "did", "i", "im", "we", "you", "it", "its", "that", "which", "who", "con", "que", "y",
                   "o", "pero", "porque", "por", "para", "el", "es", "esta", "manana", "hoy", "for", "this", "as",
                   "soon", "possible", "sometime", "any", "anytime", "available", "dr", "doctor", "doc", "dra",
                   "if", "like", "need", "want", "get", "there", "here", "ok", "okay", "without", "in", "on"});
}

bool is_head(const std::vector<Token>& t, std::size_t k) {
  const auto& w = t[k].w;
  if (detail::is_visit_type(w) || detail::is_symptom(w)) return true;
  if ((w == "follow" || w == "check") && k + 1 < t.size() && t[k + 1].w == "up") return true;
  if (w == "new" && k + 1 < t.size() && in(t[k + 1].w, {"patient", "patients"})) return true;
  if (w == "blood" && k + 1 < t.size() && in(t[k + 1].w, {"work", "test", "draw", "pressure"})) return true;
  if (w == "x" && k + 1 < t.size() && t[k + 1].w == "ray") return true;
  if (w == "well" && k + 1 < t.size() && in(t[k + 1].w, {"child", "baby", "woman", "visit", "check", "exam"})) return true;
  return false;
}

std::size_t head_end(const std::vector<Token>& t, std::size_t k) {
  std::size_t e = k;
  if (k + 1 < t.size() && (in(t[k].w, {"follow", "check", "new", "blood", "x", "well"}) && is_head(t, k))) e = k + 1;
  if (t[k].w == "well" && e + 1 < t.size() && in(t[e + 1].w, {"visit", "check", "exam", "checkup"})) ++e;
  // compounds: "colonoscopy consult", "flu shot", "follow up visit"? (visit words are not part of a reason)
  while (e + 1 < t.size() && !t[e + 1].punct_before &&
         (detail::is_visit_type(t[e + 1].w) || in(t[e + 1].w, {"infection", "pain", "test"}) ||
          (in(t[e + 1].w, {"follow", "check"}) && e + 2 < t.size() && t[e + 2].w == "up") ||
          (t[e + 1].w == "check" && !(e + 2 < t.size() && t[e + 2].w == "up")))) {
    e += (in(t[e + 1].w, {"follow", "check"}) && e + 2 < t.size() && t[e + 2].w == "up") ? 2 : 1;
  }
  // Spanish "de": "dolor de cabeza", "prueba de embarazo", "examen de sangre"
  if (e + 2 < t.size() && t[e + 1].w == "de" && !t[e + 1].punct_before && !detail::is_stopword(t[e + 2].w)) e += 2;
  // "examen fisico", "infeccion urinaria": one Spanish adjective after the noun
  if (e + 1 < t.size() && !t[e + 1].punct_before && in(t[e].w, {"examen", "chequeo", "consulta", "infeccion", "prueba", "analisis", "control", "revision"}) &&
      !detail::is_stopword(t[e + 1].w) && !reason_stop(t[e + 1]))
    ++e;
  return e;
}

std::optional<std::string> match_reason(std::string_view text, const std::vector<Token>& t, const Marks& marks) {
  const auto& used = marks.used;
  bool visit_context = false;
  for (const auto& tk : t)
    visit_context = visit_context ||
                    in(tk.w, {"appointment", "appt", "visit", "come", "see", "book", "schedule", "cita", "consulta",
                              "slot", "opening", "openings", "available", "availability", "seen", "reschedule",
                              "cancel", "move", "agendar", "sacar"});
  struct Cand {
    std::size_t a, b;
    int score;
  };
  std::vector<Cand> cands;
  auto determiner = [](std::string_view w) {
    return in(w, {"a", "an", "the", "my", "his", "her", "their", "our", "some", "un", "una", "el", "la", "mi", "su",
                  "unos", "unas", "los", "las", "sus", "mis", "this", "these"});
  };
  // 1. after a trigger word
  for (std::size_t k = 0; k < t.size(); ++k) {
    std::size_t s = 0;
    int base = 0;
    const auto& w = t[k].w;
    auto next = [&](std::size_t q) -> std::string_view { return q < t.size() ? std::string_view(t[q].w) : std::string_view(); };
    if (w == "about" && next(k + 1) != "to" && next(k + 1) != "it") {
      s = k + 1;
      base = 2;
    } else if (in(w, {"regarding", "re", "concerning", "discuss"})) {
      s = k + 1;
      base = 2;
    } else if ((w == "because" || w == "due") && in(next(k + 1), {"of", "to"})) {
      s = k + 2;
      base = 2;
    } else if (w == "look" && in(next(k + 1), {"at"})) {
      s = k + 2;
      base = 1;
    } else if (w == "for" || w == "para" || (w == "por" && !in(next(k + 1), {"la", "favor"}))) {
      s = k + 1;
      base = visit_context ? 1 : 0;
    } else {
      continue;
    }
    if (w == "re" && (k == 0 || !in(t[k - 1].w, {"call", "appointment"}))) continue;
    if (s < t.size() && in(t[s].w, {"talk", "discuss"})) ++s;
    if (s < t.size() && t[s].w == "about") ++s;
    while (s < t.size() && determiner(t[s].w)) ++s;
    if (s >= t.size() || used[s] || t[s].punct_before) continue;
    if (detail::is_person_word(t[s].w) || detail::is_visit_word(t[s].w) || detail::is_stopword(t[s].w) ||
        !alpha(t[s].w) || t[s].possessive)
      continue;
    std::size_t e = s;
    while (e + 1 < t.size() && e < s + 5 && !used[e + 1] && !t[e + 1].punct_before && !reason_stop(t[e + 1]) &&
           !detail::is_visit_word(t[e + 1].w))
      ++e;
    // "this rash on my neck": a body part after on/in my
    if (e + 3 < t.size() + 1 && e + 2 < t.size() && in(t[e + 1].w, {"on", "in"}) && in(t[e + 2].w, {"my", "his", "her"}) &&
        e + 3 < t.size() && detail::is_body_part(t[e + 3].w))
      e += 3;
    bool head = false;
    for (std::size_t q = s; q <= e; ++q) head = head || is_head(t, q) || detail::is_body_part(t[q].w);
    int score = base + (head ? 3 : 0);
    if (score <= 0) continue;
    // keep "this" when the patient wrote it right after "for" ("for this rash")
    std::size_t a = s;
    if (s > 0 && in(t[s - 1].w, {"this", "these"}) && head) a = s - 1;
    cands.push_back({a, e, score});
  }
  // 2. visit types and symptoms anywhere, with up to two modifiers before them
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (used[k] || !is_head(t, k)) continue;
    if (t[k].w == "pressure" && !(k > 0 && t[k - 1].w == "blood")) continue;
    auto med_word = [](std::string_view w) {
      return in(w, {"pill", "pills", "med", "meds", "medication", "medicine", "inhaler", "prescription", "rx",
                    "refill", "tablets", "spray", "cream", "pastillas", "medicina", "medicamento", "medicamentos",
                    "pastilla", "receta"});
    };
    if (k + 1 < t.size() && med_word(t[k + 1].w)) continue;  // "my allergy pills", "asthma inhaler"
    bool med_before = false;  // "las pastillas de la presion"
    for (std::size_t q = k >= 3 ? k - 3 : 0; q < k; ++q) med_before = med_before || med_word(t[q].w);
    if (med_before && k > 0 && in(t[k - 1].w, {"de", "la", "el", "for", "para", "del"})) continue;
    if (in(t[k].w, {"control", "draw", "therapy", "procedure", "scan", "ct", "cold", "test", "sore", "annual", "sports", "pink"}) &&
        !(k + 1 < t.size() && is_head(t, k + 1)) && !(k > 0 && !detail::is_stopword(t[k - 1].w) && !used[k - 1] && !t[k].punct_before))
      if (!(t[k].w == "cold" && k > 0 && in(t[k - 1].w, {"a", "bad"})) && !(t[k].w == "test" && k > 0 && t[k - 1].w == "a")) continue;
    std::size_t a = k, e = head_end(t, k);
    for (int n = 0; n < 2 && a > 0; ++n) {
      const auto& p = t[a - 1];
      if (used[a - 1] || t[a].punct_before || p.possessive || detail::is_stopword(p.w) || detail::is_person_word(p.w) ||
          detail::is_visit_word(p.w) || reason_stop(p) || !alpha(p.w) ||
          in(p.w, {"year", "years", "month", "months", "old", "yr", "week", "weeks", "day", "days"}) ||
          (p.w.size() > 4 && p.w.ends_with("ing")))  // "accepting new patients": a verb, not a modifier
        break;
      --a;
    }
    cands.push_back({a, e, 2});
    k = e;
  }
  // 3. "my ankle", "his wrist": a body part the patient wants looked at
  for (std::size_t k = 1; k < t.size(); ++k) {
    if (used[k] || !detail::is_body_part(t[k].w) || !in(t[k - 1].w, {"my", "his", "her", "mi", "su"})) continue;
    std::size_t e = k;
    if (k + 1 < t.size() && !t[k + 1].punct_before && is_head(t, k + 1)) e = head_end(t, k + 1);
    cands.push_back({k, e, 1});
  }
  if (cands.empty()) return std::nullopt;
  auto best = std::max_element(cands.begin(), cands.end(), [](const Cand& x, const Cand& y) {
    if (x.score != y.score) return x.score < y.score;
    return x.a > y.a;  // earlier wins on ties
  });
  return std::string(detail::span_text(text, t, best->a, best->b));
}

}  // namespace

Slots extract_slots(std::string_view text, const Now& now, const Vocabulary& vocab) {
  Slots out;
  auto toks = detail::tokenize(text);
  auto parsed = detail::parse_tokens(text, toks, now);
  out.when = parsed.dt;
  Marks marks{std::vector<bool>(toks.size(), false)};
  for (auto [a, b] : parsed.spans) marks.set(a, b);
  out.provider = match_provider(toks, vocab, marks);
  out.medication = match_medication(toks, vocab, marks);
  out.pharmacy = match_pharmacy(toks, marks);
  out.reason = match_reason(text, toks, marks);
  return out;
}

}  // namespace aurixa::agents::nlu
