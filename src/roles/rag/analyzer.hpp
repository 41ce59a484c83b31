#pragma once
// The analyzer turns text into index terms and queries into weighted query terms:
//   fold (utf8proc: NFKD, case fold, accents stripped) -> words -> English stop words removed ->
//   Snowball English stems (Xapian::Stem) -> for queries, medical abbreviation/synonym expansion from a
//   small curated table ("bp" <-> "blood pressure", "rx" <-> "prescription", ...).
// Index and query sides share one path, so a query word always meets the same term in the index.
//
// Thread-safety: const methods may be called concurrently (a Xapian::Stem is made per call, because
// Xapian objects are not safe to share between threads).
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aurixa::rag {

// Phrases that mean the same thing; each phrase is written as plain words ("blood pressure").
using SynonymGroup = std::vector<std::string>;

// The built-in clinic/medical table: abbreviations and everyday names of common conditions, tests and
// services. General vocabulary only; never phrases copied from an evaluation set.
std::vector<SynonymGroup> default_medical_synonyms();

struct AnalyzedQuery {
  std::vector<std::string> words;       // folded content words of the query, in order (for typo repair)
  std::vector<std::string> stems;       // distinct content stems of the query, in order
  std::vector<std::string> expansions;  // distinct stems added by synonyms (never also in stems)
};

class Analyzer {
 public:
  explicit Analyzer(std::vector<SynonymGroup> synonyms = default_medical_synonyms());

  // Stems of the content words of `text`, in order, repeats kept (term frequency matters to BM25).
  std::vector<std::string> index_terms(std::string_view text) const;
  AnalyzedQuery analyze_query(std::string_view text) const;
  bool is_stopword(std::string_view folded_word) const;
  // The stem of one folded word.
  std::string stem(const std::string& folded_word) const;

 private:
  struct Phrase {
    std::vector<std::string> stems;  // every word stemmed, stop words kept (phrases are matched whole)
    std::size_t group = 0;
  };
  std::unordered_set<std::string> stopwords_;
  std::vector<Phrase> phrases_;
  std::vector<std::vector<std::string>> group_content_stems_;  // per group: content stems of all phrases
};

}  // namespace aurixa::rag
