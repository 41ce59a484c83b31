#include "roles/rag/analyzer.hpp"

#include <xapian.h>

#include <algorithm>

#include "roles/rag/text.hpp"

namespace aurixa::rag {
namespace {

// Snowball's English stop-word list (the list Xapian's documentation uses with SimpleStopper), plus
// contractions as fold_words() spells them (apostrophe dropped). Contractions that are also words a
// patient means ("ill", "well", "wed", "id", "shed") are left out on purpose.
constexpr const char* kStopwords[] = {
    "i",      "me",         "my",       "myself",     "we",      "our",     "ours",   "ourselves", "you",
    "your",   "yours",      "yourself", "yourselves", "he",      "him",     "his",    "himself",   "she",
    "her",    "hers",       "herself",  "it",         "its",     "itself",  "they",   "them",      "their",
    "theirs", "themselves", "what",     "which",      "who",     "whom",    "this",   "that",      "these",
    "those",  "am",         "is",       "are",        "was",     "were",    "be",     "been",      "being",
    "have",   "has",        "had",      "having",     "do",      "does",    "did",    "doing",     "would",
    "should", "could",      "ought",    "a",          "an",      "the",     "and",    "but",       "if",
    "or",     "because",    "as",       "until",      "while",   "of",      "at",     "by",        "for",
    "with",   "about",      "against",  "between",    "into",    "through", "during", "before",    "after",
    "above",  "below",      "to",       "from",       "up",      "down",    "in",     "out",       "on",
    "off",    "over",       "under",    "again",      "further", "then",    "once",   "here",      "there",
    "when",   "where",      "why",      "how",        "all",     "any",     "both",   "each",      "few",
    "more",   "most",       "other",    "some",       "such",    "no",      "nor",    "not",       "only",
    "own",    "same",       "so",       "than",       "too",     "very",    "can",    "will",      "just",
    "im",     "youre",      "hes",      "shes",       "its",     "were",    "theyre", "ive",       "youve",
    "weve",   "theyve",     "youd",     "theyd",      "youll",   "theyll",  "isnt",   "arent",     "wasnt",
    "werent", "hasnt",      "havent",   "hadnt",      "doesnt",  "dont",    "didnt",  "wont",      "wouldnt",
    "shant",  "shouldnt",   "cant",     "cannot",     "couldnt", "mustnt",  "lets",   "thats",     "whos",
    "whats",  "heres",      "theres",   "whens",      "wheres",  "whys",    "hows",   "also",      "s",
    "t",      "please",     "thanks",   "hi",         "hello",   "get",     "got",    "may",       "might",
    "must",   "shall",      "u",        "ur",         "yall",    "want",    "need",   "know",      "tell"};

}  // namespace

std::vector<SynonymGroup> default_medical_synonyms() {
  return {
      {"bp", "blood pressure"},
      {"high blood pressure", "hypertension", "htn"},
      {"rx", "prescription", "script"},
      {"meds", "medication", "medicine"},
      {"a1c", "hba1c", "hemoglobin a1c", "glycated hemoglobin"},
      {"er", "emergency room", "emergency department"},
      {"pcp", "primary care provider", "primary care physician", "family doctor"},
      {"doc", "doctor", "physician"},
      {"dr", "doctor"},
      {"appt", "appointment"},
      {"obgyn", "ob gyn", "gynecologist", "obstetrician", "womens health"},
      {"gerd", "acid reflux", "heartburn"},
      {"uti", "urinary tract infection", "bladder infection"},
      {"flu", "influenza"},
      {"shot", "vaccine", "vaccination", "immunization", "jab"},
      {"bloodwork", "blood work", "blood test", "lab test"},
      {"labs", "lab results", "test results"},
      {"mri", "magnetic resonance imaging"},
      {"ct", "cat scan", "computed tomography"},
      {"copay", "co pay", "copayment"},
      {"otc", "over the counter"},
      {"chf", "congestive heart failure"},
      {"mi", "heart attack", "myocardial infarction"},
      {"copd", "chronic obstructive pulmonary disease"},
      {"sob", "shortness of breath"},
      {"cbc", "complete blood count"},
      {"ekg", "ecg", "electrocardiogram"},
      {"strep", "strep throat", "streptococcal pharyngitis"},
      {"eczema", "atopic dermatitis"},
      {"std", "sti", "sexually transmitted infection", "sexually transmitted disease"},
      {"pap", "pap smear", "pap test", "cervical cancer screening"},
      {"tb", "tuberculosis"},
      {"adhd", "attention deficit hyperactivity disorder"},
      {"peds", "pediatrics", "pediatrician", "childrens doctor"},
      {"telehealth", "telemedicine", "video visit", "virtual visit"},
      {"pharmacy", "drugstore", "chemist"},
      {"checkup", "check up", "physical", "wellness visit", "annual exam"},
      {"no show", "missed appointment"},
      {"ins", "insurance", "coverage", "health plan"},
      {"bill", "statement", "invoice"},
      {"ob", "obstetrics"},
      {"dm", "diabetes", "diabetes mellitus"},
      {"cholesterol", "lipid panel", "lipids"},
  };
}

Analyzer::Analyzer(std::vector<SynonymGroup> synonyms) {
  for (const char* w : kStopwords) stopwords_.insert(w);
  Xapian::Stem stemmer("english");
  group_content_stems_.resize(synonyms.size());
  for (std::size_t g = 0; g < synonyms.size(); ++g) {
    for (const auto& phrase : synonyms[g]) {
      Phrase p;
      p.group = g;
      for (const auto& w : fold_words(phrase)) {
        p.stems.push_back(stemmer(w));
        if (!stopwords_.count(w)) group_content_stems_[g].push_back(stemmer(w));
      }
      if (!p.stems.empty()) phrases_.push_back(std::move(p));
    }
  }
}

bool Analyzer::is_stopword(std::string_view w) const { return stopwords_.count(std::string(w)) != 0; }

std::string Analyzer::stem(const std::string& folded_word) const {
  Xapian::Stem stemmer("english");
  return stemmer(folded_word);
}

std::vector<std::string> Analyzer::index_terms(std::string_view text) const {
  Xapian::Stem stemmer("english");
  std::vector<std::string> out;
  for (auto& w : fold_words(text))
    if (!stopwords_.count(w)) out.push_back(stemmer(w));
  return out;
}

AnalyzedQuery Analyzer::analyze_query(std::string_view text) const {
  Xapian::Stem stemmer("english");
  AnalyzedQuery q;
  auto words = fold_words(text);
  std::vector<std::string> all_stems;
  all_stems.reserve(words.size());
  for (const auto& w : words) all_stems.push_back(stemmer(w));
  auto add_unique = [](std::vector<std::string>& v, const std::string& s) {
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (stopwords_.count(words[i])) continue;
    q.words.push_back(words[i]);
    add_unique(q.stems, all_stems[i]);
  }
  // Synonyms: a phrase matches where its stems occur consecutively in the query's stems (stop words
  // included, so "shortness of breath" must be said whole); its group's other phrases are added.
  std::vector<bool> matched_group(group_content_stems_.size(), false);
  for (const auto& p : phrases_) {
    if (matched_group[p.group] || p.stems.size() > all_stems.size()) continue;
    for (std::size_t i = 0; i + p.stems.size() <= all_stems.size(); ++i) {
      if (std::equal(p.stems.begin(), p.stems.end(), all_stems.begin() + static_cast<std::ptrdiff_t>(i))) {
        matched_group[p.group] = true;
        break;
      }
    }
  }
  for (std::size_t g = 0; g < matched_group.size(); ++g) {
    if (!matched_group[g]) continue;
    for (const auto& s : group_content_stems_[g])
      if (std::find(q.stems.begin(), q.stems.end(), s) == q.stems.end()) add_unique(q.expansions, s);
  }
  return q;
}

}  // namespace aurixa::rag
