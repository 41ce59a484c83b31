// Safety quality evaluation: emergency recall / false-positive rate and PII precision / recall per type
// on the dev set (../shared/eval), our emergency held-out sets (data/safety) and the public sets in
// ../shared/data (Presidio, HASD, CLINC150).
//
//   safety_eval               print the report (markdown, the "Safety" section of docs/QUALITY.md)
//   safety_eval --smoke       also check regression floors; exit 1 when one is missed (ctest runs this)
//   safety_eval --errors      list every miss and false alarm
//   safety_eval --text "..."  print the PII entities found in one text
//   safety_eval --emergency "..."  the triage of one text: every emergency phrase, its weight, why it is suppressed
//   safety_eval --no-tagger ...  the same with the PII rules alone, without the learned PERSON/ADDRESS tagger
//                                (the service runs it by default; put the flag before the others)
//   safety_eval --typo-collisions /usr/share/dict/words   words the typo corrector would rewrite
// The data directory is $AURIXA_SHARED_DIR, else ../shared beside the source tree.
#include <utf8proc.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "roles/safety/emergency.hpp"
#include "roles/safety/normalize.hpp"
#include "roles/safety/pii.hpp"

namespace fs = std::filesystem;
namespace bj = boost::json;
using namespace aurixa::safety;

namespace {

bool g_errors = false;

fs::path shared_dir() {
  if (const char* e = std::getenv("AURIXA_SHARED_DIR"); e && *e) return e;
  return fs::path(AURIXA_SOURCE_DIR) / ".." / "shared";
}

std::vector<bj::object> read_jsonl(const fs::path& p) {
  std::vector<bj::object> rows;
  std::ifstream in(p);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    rows.push_back(bj::parse(line).as_object());
  }
  return rows;
}

std::string str(const bj::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

// ------------------------------------------------------------------------------------- emergency
struct EmStats {
  int tp = 0, fn = 0, fp = 0, tn = 0;
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
  double fp_rate() const { return fp + tn ? double(fp) / (fp + tn) : 0.0; }
};

EmStats run_emergency(const EmergencyDetector& d, const std::vector<std::pair<std::string, bool>>& items,
                      const std::string& name) {
  EmStats s;
  for (const auto& [text, truth] : items) {
    const bool got = d.assess(text).escalate;
    if (got && truth)
      ++s.tp;
    else if (got)
      ++s.fp;
    else if (truth)
      ++s.fn;
    else
      ++s.tn;
    if (g_errors && got != truth)
      std::printf("  [%s] %s: %s\n", name.c_str(), truth ? "MISS" : "FALSE ALARM", text.c_str());
  }
  return s;
}

// ------------------------------------------------------------------------------------- PII
struct TypeStats {
  int tp = 0, fp = 0, fn = 0;
  // Overlap scoring counts two different things: tp/fp are predictions (a prediction is right when it
  // overlaps a gold span of its type), found/fn are gold spans (found when any prediction of its type
  // overlaps it). Precision is over predictions, recall over gold spans. found < 0: tp is used for both.
  int found = -1;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const {
    const int hit = found >= 0 ? found : tp;
    return hit + fn ? double(hit) / (hit + fn) : 1.0;
  }
};
using PerType = std::map<std::string, TypeStats>;

struct Span {
  std::size_t b, e;  // code points
  std::string type, text;
};

std::vector<Span> predict(const PiiDetector& d, const std::string& text) {
  std::vector<Span> out;
  CodepointCounter cp(text);
  for (const auto& e : d.detect(text)) {
    Span s{cp.at(e.begin), 0, std::string(entity_type_name(e.type)), text.substr(e.begin, e.end - e.begin)};
    s.e = cp.at(e.end);
    out.push_back(s);
  }
  return out;
}

TypeStats micro(const PerType& p) {
  TypeStats m;
  for (const auto& [t, s] : p) {
    m.tp += s.tp, m.fp += s.fp, m.fn += s.fn;
    if (s.found >= 0) m.found = (m.found < 0 ? 0 : m.found) + s.found;
  }
  return m;
}

// Dev set: gold {type, value}; a prediction matches a gold entity of the same type and exact text.
PerType run_pii_dev(const PiiDetector& d, const std::vector<bj::object>& rows) {
  PerType per;
  for (const auto& r : rows) {
    const std::string text = str(r, "text");
    std::multiset<std::pair<std::string, std::string>> gold;
    for (const auto& e : r.at("entities").as_array())
      gold.insert({str(e.as_object(), "type"), str(e.as_object(), "value")});
    for (const auto& p : predict(d, text)) {
      auto it = gold.find({p.type, p.text});
      if (it != gold.end()) {
        ++per[p.type].tp;
        gold.erase(it);
      } else {
        ++per[p.type].fp;
        if (g_errors) std::printf("  [pii dev] FP %s '%s' in: %s\n", p.type.c_str(), p.text.c_str(), text.c_str());
      }
    }
    for (const auto& [t, v] : gold) {
      ++per[t].fn;
      if (g_errors) std::printf("  [pii dev] FN %s '%s' in: %s\n", t.c_str(), v.c_str(), text.c_str());
    }
  }
  return per;
}

const std::map<std::string, std::string>& presidio_map() {
  static const std::map<std::string, std::string> k = {{"PERSON", "PERSON"},           {"STREET_ADDRESS", "ADDRESS"},
                                                       {"CREDIT_CARD", "CREDIT_CARD"}, {"PHONE_NUMBER", "PHONE"},
                                                       {"EMAIL_ADDRESS", "EMAIL"},     {"US_SSN", "SSN"},
                                                       {"IP_ADDRESS", "IP_ADDRESS"},   {"US_NPI", "NPI"},
                                                       {"US_MBI", "MEDICARE_MBI"}};
  return k;
}

// Presidio-evaluator-style token scoring (presidio_evaluator TokenEvaluator, IO scheme): the text is cut into
// tokens (runs of letters/digits/marks, every other non-space character alone), each token gets the gold type
// of the span it overlaps (or O) and the predicted type (or O); tokens that are punctuation or in Presidio's
// skip-word list are not counted (spaCy's stop words, which Presidio also skips, are not: slightly stricter).
// Per type: tp = tokens labelled t by both, precision = tp / tokens predicted t, recall = tp / tokens gold t.
// The "any PII" row ignores the type (gold non-O and predicted non-O), as Presidio's pii_precision/pii_recall.
struct TokenCounts {
  std::map<std::pair<std::string, std::string>, int> c;  // (gold, predicted) -> tokens
};

bool skip_token(const std::string& lower) {
  static const std::set<std::string> k = {
      "'s",    "street", "st.",     "st",      "de",      "rue",       "via",   "and",     "a",    "the",   "or",
      "do",    "as",     "of",      "day",     "address", "country",   "state", "city",    "zip",  "po",    "apt",
      "unit",  "corner", "p.o.",    "box",     "suite",   "mr.",       "mrs.",  "miss",    "year", "years", "y/o",
      "month", "months", "old",     "morning", "noon",    "afternoon", "night", "evening", "this", "first", "last",
      "week",  "weeks",  "weekend", "days",    "age",     "ago",       "inc",   "inc.",    "ltd"};
  return k.count(lower) > 0;
}

void token_score(const std::string& text, const std::vector<Span>& gold, const std::vector<Span>& preds,
                 TokenCounts& out) {
  std::vector<std::int32_t> cps;
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) n = 1, cp = 0xFFFD;
    cps.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  auto is_word = [](std::int32_t cp) {
    const auto cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ND) || cat == UTF8PROC_CATEGORY_NL ||
           cat == UTF8PROC_CATEGORY_NO;
  };
  auto label = [](const std::vector<Span>& spans, std::size_t b, std::size_t e) -> std::string {
    for (const auto& s : spans)
      if (s.b < e && b < s.e) return s.type;
    return "O";
  };
  for (std::size_t i = 0; i < cps.size();) {
    if (utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_ZS || cps[i] == '\n' || cps[i] == '\t' || cps[i] == '\r') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (is_word(cps[i]))
      while (j < cps.size() && is_word(cps[j])) ++j;
    std::string lower;
    bool punct = j == i + 1 && !is_word(cps[i]);
    for (std::size_t k = i; k < j; ++k) lower += cps[k] < 128 ? static_cast<char>(std::tolower(cps[k])) : '~';
    // "'s" after a word is one token in spaCy; a lone "s" after an apostrophe is that token's remainder.
    const bool possessive_s = lower == "s" && i > 0 && (cps[i - 1] == '\'' || cps[i - 1] == 0x2019);
    if (!punct && !possessive_s && !skip_token(lower)) ++out.c[{label(gold, i, j), label(preds, i, j)}];
    i = j;
  }
}

void print_token_scores(const char* title, const TokenCounts& tc) {
  std::map<std::string, TypeStats> per;
  TypeStats any;
  for (const auto& [k, n] : tc.c) {
    const auto& [g, p] = k;
    if (g != "O" && g == p) per[g].tp += n;
    if (g != "O" && g != p) per[g].fn += n;
    if (p != "O" && g != p) per[p].fp += n;
    if (g != "O" && p != "O") any.tp += n;
    if (g != "O" && p == "O") any.fn += n;
    if (g == "O" && p != "O") any.fp += n;
  }
  std::printf("\n%s\n\n| type | precision | recall | tp | fp | fn |\n|---|---|---|---|---|---|\n", title);
  for (const auto& [t, s] : per)
    std::printf("| %s | %.3f | %.3f | %d | %d | %d |\n", t.c_str(), s.precision(), s.recall(), s.tp, s.fp, s.fn);
  const auto m = micro(per);
  std::printf("| **micro (type must match)** | **%.3f** | **%.3f** | %d | %d | %d |\n", m.precision(), m.recall(), m.tp,
              m.fp, m.fn);
  std::printf("| **any PII (Presidio pii_precision / pii_recall)** | **%.3f** | **%.3f** | %d | %d | %d |\n",
              any.precision(), any.recall(), any.tp, any.fp, any.fn);
}

// The synthetic set is split in two halves by a hash of the row id (FNV-1a of its decimal form, low bit):
// half 0 ("dev") was used while developing the PERSON/ADDRESS recognizers, half 1 ("held-out") was not
// looked at; --errors lists misses of the dev half only.
int synth_half(const bj::object& r) {
  const auto* v = r.if_contains("id");
  const std::string id = v ? bj::serialize(*v) : std::string();
  std::uint64_t h = 1469598103934665603ull;
  for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<int>(h & 1);
}

// Presidio synthetic set: span-level, exact (start,end,type) and overlap matching; labels mapped to ours,
// predictions of types the set does not label (DOB, MRN, NPI, DEA, MBI) are ignored. half: 0, 1 or -1 (all).
std::pair<PerType, PerType> run_presidio_synth(const PiiDetector& d, const std::vector<bj::object>& rows, int half,
                                               TokenCounts* tokens = nullptr) {
  PerType exact, overlap;
  const std::set<std::string> labelled = {"PERSON", "ADDRESS", "CREDIT_CARD", "PHONE", "EMAIL", "SSN", "IP_ADDRESS"};
  const bool show = g_errors && half == 0;
  for (const auto& r : rows) {
    if (half >= 0 && synth_half(r) != half) continue;
    const std::string text = str(r, "text");
    std::vector<Span> gold;
    for (const auto& sv : r.at("spans").as_array()) {
      const auto& s = sv.as_object();
      auto it = presidio_map().find(str(s, "entity_type"));
      if (it == presidio_map().end()) continue;
      gold.push_back({static_cast<std::size_t>(s.at("start").to_number<std::int64_t>()),
                      static_cast<std::size_t>(s.at("end").to_number<std::int64_t>()), it->second, str(s, "value")});
    }
    auto preds = predict(d, text);
    if (tokens) {
      std::vector<Span> kept;
      for (const auto& p : preds)
        if (labelled.count(p.type)) kept.push_back(p);
      token_score(text, gold, kept, *tokens);
    }
    std::vector<bool> g_exact(gold.size(), false), g_over(gold.size(), false);
    for (const auto& p : preds) {
      if (!labelled.count(p.type)) continue;
      bool hit_exact = false, hit_over = false;
      for (std::size_t i = 0; i < gold.size(); ++i) {
        if (gold[i].type != p.type) continue;
        if (gold[i].b == p.b && gold[i].e == p.e && !g_exact[i]) g_exact[i] = hit_exact = true;
        if (gold[i].b < p.e && p.b < gold[i].e) g_over[i] = hit_over = true;
      }
      ++(hit_exact ? exact[p.type].tp : exact[p.type].fp);
      ++(hit_over ? overlap[p.type].tp : overlap[p.type].fp);
      if (show && !hit_over) std::printf("  [synth] FP %s '%s' in: %s\n", p.type.c_str(), p.text.c_str(), text.c_str());
    }
    for (std::size_t i = 0; i < gold.size(); ++i) {
      if (!g_exact[i]) ++exact[gold[i].type].fn;
      auto& o = overlap[gold[i].type];
      if (o.found < 0) o.found = 0;
      if (g_over[i]) ++o.found;
      if (!g_over[i]) {
        ++overlap[gold[i].type].fn;
        if (show)
          std::printf("  [synth] FN %s '%s' in: %s\n", gold[i].type.c_str(), gold[i].text.c_str(), text.c_str());
      }
    }
  }
  return {exact, overlap};
}

struct CaseStats {
  int pass = 0, total = 0, neg_pass = 0, neg_total = 0;
};

// Presidio recognizer test cases: pass = same count of entities of the type (and same spans when listed).
std::map<std::string, CaseStats> run_presidio_cases(const PiiDetector& d, const std::vector<bj::object>& rows) {
  std::map<std::string, CaseStats> out;
  for (const auto& r : rows) {
    auto it = presidio_map().find(str(r, "entity_type"));
    if (it == presidio_map().end() || it->second == "PERSON" || it->second == "ADDRESS") continue;
    const std::string text = str(r, "text");
    const auto expected = r.at("expected_count").to_number<std::int64_t>();
    const bool complete = r.at("complete").as_bool();
    std::set<std::pair<std::size_t, std::size_t>> want, got;
    for (const auto& sv : r.at("spans").as_array())
      want.insert({static_cast<std::size_t>(sv.as_object().at("start").to_number<std::int64_t>()),
                   static_cast<std::size_t>(sv.as_object().at("end").to_number<std::int64_t>())});
    for (const auto& p : predict(d, text))
      if (p.type == it->second) got.insert({p.b, p.e});
    const bool pass = static_cast<std::int64_t>(got.size()) == expected && (!complete || got == want);
    auto& s = out[it->second];
    ++s.total;
    s.pass += pass;
    if (expected == 0) ++s.neg_total, s.neg_pass += pass;
    if (g_errors && !pass)
      std::printf("  [cases] FAIL %s expected %lld got %zu: %s\n", it->second.c_str(), static_cast<long long>(expected),
                  got.size(), text.c_str());
  }
  return out;
}

void print_types(const char* title, const PerType& per) {
  const bool gold_col = micro(per).found >= 0;
  if (gold_col)
    std::printf(
        "\n%s\n\n| type | precision | recall | tp (predictions) | fp | gold found | fn (gold missed) |\n"
        "|---|---|---|---|---|---|---|\n",
        title);
  else
    std::printf("\n%s\n\n| type | precision | recall | tp | fp | fn |\n|---|---|---|---|---|---|\n", title);
  auto row = [&](const std::string& name, const TypeStats& s) {
    if (gold_col)
      std::printf("| %s | %.3f | %.3f | %d | %d | %d | %d |\n", name.c_str(), s.precision(), s.recall(), s.tp, s.fp,
                  std::max(s.found, 0), s.fn);
    else
      std::printf("| %s | %.3f | %.3f | %d | %d | %d |\n", name.c_str(), s.precision(), s.recall(), s.tp, s.fp, s.fn);
  };
  for (const auto& [t, s] : per) row(t, s);
  const auto m = micro(per);
  std::printf("| **micro** | **%.3f** | **%.3f** |", m.precision(), m.recall());
  if (gold_col)
    std::printf(" %d | %d | %d | %d |\n", m.tp, m.fp, std::max(m.found, 0), m.fn);
  else
    std::printf(" %d | %d | %d |\n", m.tp, m.fp, m.fn);
}

int typo_collisions(const char* dict) {
  EmergencyDetector d;
  std::ifstream in(dict);
  for (std::string w; std::getline(in, w);) {
    bool lower = w.size() >= 4;
    for (char c : w) lower = lower && c >= 'a' && c <= 'z';
    if (lower && !d.typo_corrector().correct(w).empty()) std::printf("%s\n", w.c_str());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = false, tagger = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--smoke")
      smoke = true;
    else if (a == "--no-tagger")  // PII rules alone, without the learned PERSON/ADDRESS tagger
      tagger = false;
    else if (a == "--tagger")  // the default (kept for old scripts)
      tagger = true;
    else if (a == "--errors")
      g_errors = true;
    else if (a == "--typo-collisions" && i + 1 < argc)
      return typo_collisions(argv[i + 1]);
    else if (a == "--emergency" && i + 1 < argc) {  // the triage of one text, every hit with why it counts or not
      const auto r = EmergencyDetector().assess(argv[i + 1]);
      std::printf("escalate %d severity %.2f normalized '%s'\n", r.escalate, r.severity, r.normalized.c_str());
      for (const auto& h : r.hits)
        std::printf("  %s %.2f '%s' %s\n", h.concept_name.c_str(), h.weight, h.phrase.c_str(),
                    h.suppressed_by.empty() ? "counts" : ("suppressed: " + h.suppressed_by).c_str());
      return 0;
    } else if (a == "--text" && i + 1 < argc) {  // entities found in one text
      PiiDetector d(tagger);
      for (const auto& p : predict(d, argv[i + 1]))
        std::printf("%s [%zu,%zu) '%s'\n", p.type.c_str(), p.b, p.e, p.text.c_str());
      return 0;
    } else {
      std::fprintf(stderr,
                   "usage: safety_eval [--no-tagger] [--smoke] [--errors] [--typo-collisions DICT] [--text TEXT] "
                   "[--emergency TEXT]\n");
      return 2;
    }
  }
  const fs::path dir = shared_dir();
  if (!fs::exists(dir / "eval" / "emergency.jsonl")) {
    std::fprintf(stderr, "safety_eval: no data at %s (set AURIXA_SHARED_DIR)\n", dir.string().c_str());
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  EmergencyDetector em;
  PiiDetector pii(tagger);

  // Emergency sets.
  std::vector<std::pair<std::string, bool>> dev, hasd, clinc, intents;
  std::map<std::string, std::pair<int, int>> dev_neg_by_cat;  // category -> (false alarms, total)
  for (const auto& r : read_jsonl(dir / "eval" / "emergency.jsonl")) {
    dev.push_back({str(r, "text"), r.at("emergency").as_bool()});
    if (!r.at("emergency").as_bool()) {
      auto& c = dev_neg_by_cat[str(r, "category")];
      c.first += em.assess(str(r, "text")).escalate;
      ++c.second;
    }
  }
  for (const auto& r : read_jsonl(dir / "data" / "hasd" / "test.jsonl")) hasd.push_back({str(r, "text"), false});
  for (const char* f : {"oos_test.jsonl", "inscope_test_sample.jsonl"})
    for (const auto& r : read_jsonl(dir / "data" / "clinc150_oos" / f)) clinc.push_back({str(r, "text"), false});
  for (const auto& r : read_jsonl(dir / "eval" / "intents.jsonl"))
    intents.push_back({str(r, "text"), str(r, "intent") == "emergency"});
  // Our own held-out sets (data/safety, docs/QUALITY.md), each written before the next round of fixes: the
  // misses of the first three were fixed; the fourth was written after those fixes and is never used to tune it;
  // the fifth was written a session later (84% when written) and its misses were fixed, then the sixth (72%).
  // Recall measured 2026-11-27: 1.00 / 0.975 / 0.975 / 0.667 / 1.00 / 0.96 (false alarms 0 / 0 / 0 / 0.033 / 0 / 0).
  struct Holdout {
    const char* file;
    const char* provenance;  // in the report's row label
    double min_recall;       // --smoke floor
    EmStats stats;
    std::map<std::string, std::pair<int, int>> by_kind;  // category -> (escalated, rows)
  };
  Holdout holdouts[] = {
      {"emergency_holdout.jsonl", "ours; its misses were fixed", 0.95, {}, {}},
      {"emergency_holdout2.jsonl", "ours; its misses were fixed", 0.92, {}, {}},
      {"emergency_holdout3.jsonl", "ours; its misses were fixed", 0.92, {}, {}},
      {"emergency_holdout4.jsonl", "ours, written after those fixes, never tuned on", 0.6, {}, {}},
      {"emergency_holdout5.jsonl", "ours, written a session later; its misses were fixed", 0.92, {}, {}},
      {"emergency_holdout6.jsonl",
       "ours, written after round 4 (72% when written); its misses were fixed",
       0.92,
       {},
       {}},
      {"emergency_holdout7.jsonl",
       "ours, written a session after round 5 (92% when written, 96% at the endpoint); its misses were fixed",
       0.92,
       {},
       {}},
      {"emergency_spanish.jsonl", "ours, Spanish (73% at the endpoint when written); its misses were fixed", 0.9, {},
       {}}};
  for (auto& h : holdouts) {
    std::vector<std::pair<std::string, bool>> rows;
    for (const auto& r : read_jsonl(fs::path(AURIXA_SOURCE_DIR) / "data" / "safety" / h.file)) {
      rows.push_back({str(r, "text"), r.at("emergency").as_bool()});
      auto& k = h.by_kind[str(r, "category") + (r.at("emergency").as_bool() ? "" : " (negative)")];
      k.first += em.assess(str(r, "text")).escalate;
      ++k.second;
    }
    h.stats = run_emergency(em, rows, h.file);
  }
  const auto s_dev = run_emergency(em, dev, "emergency dev");
  const auto s_hasd = run_emergency(em, hasd, "hasd");
  const auto s_clinc = run_emergency(em, clinc, "clinc150");
  const auto s_int = run_emergency(em, intents, "intents dev");

  // PII sets.
  const auto pii_dev = run_pii_dev(pii, read_jsonl(dir / "eval" / "pii.jsonl"));
  // Ours, in the dev set's style and conventions (docs/QUALITY.md): the first set's 3 misses were fixed, then
  // the second was written and measured (0.946 / 0.972) before its 2 misses were fixed too, then the third
  // (0.950 / 0.905: "Aiden", a popular given name the 1990s gazetteer lacked).
  struct PiiHoldout {
    const char* file;
    const char* provenance;  // in the report's heading
    PerType per;
  };
  PiiHoldout pii_holdouts[] = {
      {"pii_holdout.jsonl", "its misses were fixed", {}},
      {"pii_holdout2.jsonl", "written after those fixes; its misses were fixed too", {}},
      {"pii_holdout3.jsonl",
       "written after holdout2's fixes; 0.950 / 0.905 when written, then modern given names were added",
       {}},
      {"pii_spanish.jsonl", "Spanish messages, 15 with and 15 without personal data", {}}};
  for (auto& h : pii_holdouts)
    h.per = run_pii_dev(pii, read_jsonl(fs::path(AURIXA_SOURCE_DIR) / "data" / "safety" / h.file));
  const auto synth_rows = read_jsonl(dir / "data" / "presidio_pii" / "synth_dataset_v2.jsonl");
  const auto [synth_exact, synth_overlap] = run_presidio_synth(pii, synth_rows, -1);
  TokenCounts tok_all, tok_dev, tok_held;
  run_presidio_synth(pii, synth_rows, -1, &tok_all);
  const auto synth_dev = run_presidio_synth(pii, synth_rows, 0, &tok_dev).second;
  const auto synth_held = run_presidio_synth(pii, synth_rows, 1, &tok_held).second;
  const auto cases = run_presidio_cases(pii, read_jsonl(dir / "data" / "presidio_pii" / "recognizer_cases.jsonl"));
  // HASD: every detected entity is a false positive except none (utterances name clinicians and
  // appointment ids, which are not personal data).
  int hasd_pii_fp = 0;
  for (const auto& [text, _] : hasd) {
    const auto p = predict(pii, text);
    hasd_pii_fp += static_cast<int>(p.size());
    if (g_errors)
      for (const auto& s : p)
        std::printf("  [hasd pii] FP %s '%s' in: %s\n", s.type.c_str(), s.text.c_str(), text.c_str());
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::printf("## Safety\n\nProduced by `safety_eval` (build/bench); data from `../shared`. Run time %.2f s.\n\n",
              secs);
  std::printf(
      "### Emergency escalation\n\n| set | rows | recall | false-positive rate | tp | fn | fp | tn "
      "|\n|---|---|---|---|---|---|---|---|\n");
  auto row = [](const char* n, const EmStats& s) {
    std::printf("| %s | %d | %s | %.1f%% | %d | %d | %d | %d |\n", n, s.tp + s.fn + s.fp + s.tn,
                s.tp + s.fn ? (std::to_string(100.0 * s.recall()).substr(0, 5) + "%").c_str() : "n/a",
                100.0 * s.fp_rate(), s.tp, s.fn, s.fp, s.tn);
  };
  row("eval/emergency.jsonl (dev)", s_dev);
  for (const auto& h : holdouts)
    row((std::string("data/safety/") + h.file + " (" + h.provenance + ")").c_str(), h.stats);
  row("eval/intents.jsonl (emergency intent vs rest)", s_int);
  row("data/hasd/test.jsonl (all non-emergency)", s_hasd);
  row("data/clinc150_oos (all non-emergency)", s_clinc);
  std::printf("\nDev hard negatives by kind (false alarms / rows):");
  for (const auto& [cat, c] : dev_neg_by_cat) std::printf(" %s %d/%d;", cat.c_str(), c.first, c.second);
  for (const auto& h : holdouts) {
    std::printf("\n%s by kind (escalated / rows):", h.file);
    for (const auto& [kind, k] : h.by_kind) std::printf(" %s %d/%d;", kind.c_str(), k.first, k.second);
  }
  std::printf("\n");
  print_types("### PII: eval/pii.jsonl (dev, exact type + text)", pii_dev);
  for (const auto& h : pii_holdouts)
    print_types(
        ("### PII: data/safety/" + std::string(h.file) + " (ours, dev style, " + h.provenance + "; exact type + text)")
            .c_str(),
        h.per);
  print_types("### PII: Presidio synth_dataset_v2 (1,500 sentences), exact span", synth_exact);
  print_types("### PII: Presidio synth_dataset_v2, overlapping span", synth_overlap);
  print_types("### PII: Presidio synth_dataset_v2, overlapping span, dev half (hash bit 0, used in development)",
              synth_dev);
  print_types("### PII: Presidio synth_dataset_v2, overlapping span, held-out half (hash bit 1, not looked at)",
              synth_held);
  print_token_scores("### PII: Presidio synth_dataset_v2, token level (Presidio evaluator style), all 1,500", tok_all);
  print_token_scores("### PII: Presidio synth_dataset_v2, token level, dev half", tok_dev);
  print_token_scores("### PII: Presidio synth_dataset_v2, token level, held-out half", tok_held);
  std::printf(
      "\n### PII: Presidio recognizer test cases (count and spans must match)\n\n| type | passed | negatives passed "
      "|\n|---|---|---|\n");
  for (const auto& [t, c] : cases)
    std::printf("| %s | %d/%d | %d/%d |\n", t.c_str(), c.pass, c.total, c.neg_pass, c.neg_total);
  std::printf(
      "\nHASD (439 scheduling messages naming clinicians and appointment ids): %d PII entities reported "
      "(all false positives).\n",
      hasd_pii_fp);

  if (!smoke) return 0;
  // Regression floors: below the measured numbers with a little room, so a real regression fails.
  int failed = 0;
  auto floor = [&](const char* what, double got, double min) {
    if (got + 1e-9 < min) {
      std::fprintf(stderr, "FLOOR MISSED: %s = %.3f < %.3f\n", what, got, min);
      ++failed;
    }
  };
  auto ceiling = [&](const char* what, double got, double max) {
    if (got > max + 1e-9) {
      std::fprintf(stderr, "CEILING EXCEEDED: %s = %.3f > %.3f\n", what, got, max);
      ++failed;
    }
  };
  const auto dev_micro = micro(pii_dev);
  floor("emergency dev recall", s_dev.recall(), 0.97);
  ceiling("emergency dev false-positive rate", s_dev.fp_rate(), 0.06);
  floor("intents emergency recall", s_int.recall(), 0.9);
  for (const auto& h : holdouts) {
    floor((std::string(h.file) + " recall").c_str(), h.stats.recall(), h.min_recall);
    ceiling((std::string(h.file) + " false-positive rate").c_str(), h.stats.fp_rate(), 0.05);
  }
  ceiling("hasd false-positive rate", s_hasd.fp_rate(), 0.01);
  ceiling("clinc150 false-positive rate", s_clinc.fp_rate(), 0.01);
  floor("pii dev micro precision", dev_micro.precision(), 0.9);
  floor("pii dev micro recall", dev_micro.recall(), 0.9);
  for (const auto& h : pii_holdouts) {
    const auto m = micro(h.per);
    floor((std::string(h.file) + " micro precision").c_str(), m.precision(), 0.95);
    floor((std::string(h.file) + " micro recall").c_str(), m.recall(), 0.95);
  }
  // With the tagger (the default) the targets on the held-out half: recall >= 0.95, precision >= 0.90.
  floor("presidio synth overlap micro recall", micro(synth_overlap).recall(), tagger ? 0.96 : 0.93);
  floor("presidio synth overlap micro precision", micro(synth_overlap).precision(), tagger ? 0.93 : 0.91);
  floor("presidio synth held-out half overlap micro recall", micro(synth_held).recall(), tagger ? 0.95 : 0.93);
  floor("presidio synth held-out half overlap micro precision", micro(synth_held).precision(), tagger ? 0.91 : 0.90);
  floor("presidio synth PERSON overlap recall", synth_overlap.at("PERSON").recall(), 0.90);
  floor("presidio synth ADDRESS overlap recall", synth_overlap.at("ADDRESS").recall(), 0.90);
  ceiling("hasd PII entities (all false positives)", hasd_pii_fp, 10);
  std::printf("\nsmoke: %d floor(s) missed\n", failed);
  return failed ? 1 : 0;
}
