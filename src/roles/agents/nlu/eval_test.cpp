// Slot extraction against the annotated dev sample ../shared/eval/intents.jsonl (values there are substrings
// of the text). Prints per-slot precision/recall and asserts a modest floor; skipped when the file is missing.
// The vocabulary below is a plausible clinic (staff and specialties) and a patient's prescription list of common
// generics; it is not derived from the sentences' wording.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "roles/agents/nlu/nlu.hpp"

#ifndef AURIXA_SOURCE_DIR_DEFAULT
#define AURIXA_SOURCE_DIR_DEFAULT "."
#endif

namespace aurixa::agents::nlu {
namespace {

// Minimal JSON reader for flat objects of strings and one nested object of strings.
struct Cursor {
  const std::string& s;
  std::size_t p = 0;
  void ws() {
    while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\r' || s[p] == '\n')) ++p;
  }
  bool eat(char c) {
    ws();
    if (p < s.size() && s[p] == c) {
      ++p;
      return true;
    }
    return false;
  }
  std::optional<std::string> str() {
    ws();
    if (p >= s.size() || s[p] != '"') return std::nullopt;
    ++p;
    std::string out;
    while (p < s.size() && s[p] != '"') {
      char c = s[p++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (p >= s.size()) return std::nullopt;
      char e = s[p++];
      if (e == 'u' && p + 4 <= s.size()) {
        unsigned cp = static_cast<unsigned>(std::stoul(s.substr(p, 4), nullptr, 16));
        p += 4;
        if (cp < 0x80) {
          out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
          out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
          out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
          out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
          out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
      } else {
        out.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e);
      }
    }
    ++p;
    return out;
  }
  // Reads an object; string values go to `flat`, the object under "slots" to `nested`.
  bool object(std::map<std::string, std::string>& flat, std::map<std::string, std::string>* nested) {
    if (!eat('{')) return false;
    if (eat('}')) return true;
    do {
      auto key = str();
      if (!key || !eat(':')) return false;
      ws();
      if (p < s.size() && s[p] == '{') {
        std::map<std::string, std::string> inner;
        if (!object(inner, nullptr)) return false;
        if (nested && *key == "slots") *nested = inner;
      } else {
        auto v = str();
        if (!v) return false;
        flat[*key] = *v;
      }
    } while (eat(','));
    return eat('}');
  }
};

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? static_cast<double>(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? static_cast<double>(tp) / (tp + fn) : 1.0; }
};

bool overlaps(const std::string& a, const std::string& b) {
  auto fa = fold(a), fb = fold(b);
  if (fa.empty() || fb.empty()) return false;
  return fa.find(fb) != std::string::npos || fb.find(fa) != std::string::npos;
}

std::filesystem::path eval_file() {
  if (const char* shared = std::getenv("AURIXA_SHARED_DIR"); shared && *shared)
    return std::filesystem::path(shared) / "eval" / "intents.jsonl";
  const char* env = std::getenv("AURIXA_SOURCE_DIR");
  std::filesystem::path root = env && *env ? env : AURIXA_SOURCE_DIR_DEFAULT;
  return root / ".." / "shared" / "eval" / "intents.jsonl";
}

TEST(NluEval, IntentsJsonlSlots) {
  auto path = eval_file();
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path;
  const Now now{2026, 3, 11, 10, 15};
  const Vocabulary vocab{
      {"Dr. Adams", "Dr. Bell", "Dr. Chen", "Dr. Maria Lee", "Dr. Lopez", "Dr. Patel", "Dr. Nguyen", "Dr. Okafor",
       "Dr. Rivera"},
      {"Family Medicine", "Pediatrics", "Cardiology", "Dermatology", "Internal Medicine", "Orthopedics",
       "Allergy and Immunology", "Physical Therapy", "Obstetrics and Gynecology"},
      {"Lisinopril 10mg", "Metformin 500mg", "Amlodipine 5mg", "Atorvastatin 20mg", "Levothyroxine 50mcg",
       "Metoprolol 25mg", "Omeprazole 20mg", "Pantoprazole 40mg", "Sertraline 50mg", "Citalopram 20mg",
       "Bupropion XL 150mg", "Cetirizine 10mg", "Tamsulosin 0.4mg", "Spironolactone 25mg", "Glipizide 5mg",
       "Albuterol inhaler", "Losartan 50mg", "Gabapentin 300mg", "Montelukast 10mg", "Hydrochlorothiazide 25mg"}};
  // Only some intents carry slot annotations (booking, rescheduling, availability, refills ...): in the others a
  // correct mention ("do i have a visit on monday?") is not annotated. Precision is reported over all rows
  // (strict) and over the rows of the annotated intents.
  std::map<std::string, Counts> counts, counts_annotated;
  std::set<std::string> annotated_intents;
  {
    std::ifstream pre(path);
    std::string l;
    while (std::getline(pre, l)) {
      std::map<std::string, std::string> flat, gold;
      Cursor c{l};
      if (c.object(flat, &gold) && !gold.empty()) annotated_intents.insert(flat["intent"]);
    }
  }
  const char* kSlots[] = {"date", "time", "provider", "reason", "medication"};
  int rows = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::map<std::string, std::string> flat, gold;
    Cursor c{line};
    ASSERT_TRUE(c.object(flat, &gold)) << line;
    ++rows;
    const std::string& text = flat["text"];
    auto s = extract_slots(text, now, vocab);
    std::map<std::string, std::optional<std::string>> pred{
        {"date", s.when.date ? std::optional<std::string>(s.when.date->phrase) : std::nullopt},
        {"time", s.when.time ? std::optional<std::string>(s.when.time->phrase) : std::nullopt},
        {"provider", s.provider},
        {"reason", s.reason},
        {"medication", s.medication}};
    for (const char* slot : kSlots) {
      auto g = gold.find(slot);
      const auto& p = pred[slot];
      bool ok = false;
      if (g != gold.end() && p) {
        if (std::string(slot) == "provider" || std::string(slot) == "medication") {
          // the annotated words must resolve to the same vocabulary entry (or name it)
          auto alone = extract_slots(g->second, now, vocab);
          auto resolved = std::string(slot) == "provider" ? alone.provider : alone.medication;
          ok = (resolved && *resolved == *p) || overlaps(g->second, *p);
        } else {
          ok = overlaps(g->second, *p);
        }
      }
      bool in_annotated = annotated_intents.count(flat["intent"]) > 0;
      auto& k = counts[slot];
      auto& ka = counts_annotated[slot];
      if (ok) {
        ++k.tp;
        if (in_annotated) ++ka.tp;
      } else {
        if (p) ++k.fp;
        if (g != gold.end()) ++k.fn;
        if (p && in_annotated) ++ka.fp;
        if (g != gold.end() && in_annotated) ++ka.fn;
        if (std::getenv("AURIXA_NLU_EVAL_VERBOSE") && (p || g != gold.end()))
          std::printf("  %-10s gold=%-24s pred=%-24s | %s\n", slot, g != gold.end() ? g->second.c_str() : "-",
                      p ? p->c_str() : "-", text.c_str());
      }
    }
  }
  ASSERT_GT(rows, 0);
  std::printf("agent NLU slots on %s (%d rows)\n", path.filename().c_str(), rows);
  std::printf("annotated intents:");
  for (const auto& i : annotated_intents) std::printf(" %s", i.c_str());
  std::printf("\n| slot | recall | precision (annotated intents) | precision (all rows) | tp | fp (annotated) | fp (all) | fn |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const char* slot : kSlots) {
    const auto& k = counts[slot];
    const auto& ka = counts_annotated[slot];
    std::printf("| %s | %.3f | %.3f | %.3f | %d | %d | %d | %d |\n", slot, k.recall(), ka.precision(), k.precision(),
                k.tp, ka.fp, k.fp, k.fn);
  }
  EXPECT_GE(counts["date"].recall(), 0.7);
  EXPECT_GE(counts_annotated["date"].precision(), 0.7);
  EXPECT_GE(counts_annotated["reason"].precision(), 0.5);
  EXPECT_GE(counts["time"].recall(), 0.6);
  EXPECT_GE(counts["provider"].recall(), 0.5);
  EXPECT_GE(counts["reason"].recall(), 0.5);
  EXPECT_GE(counts["medication"].recall(), 0.5);
}

}  // namespace
}  // namespace aurixa::agents::nlu
