// best_sentences(): the answer-span helper declared in api.hpp.
#include <algorithm>
#include <unordered_set>

#include "roles/rag/analyzer.hpp"
#include "roles/rag/api.hpp"
#include "roles/rag/text.hpp"

namespace aurixa::rag {

std::vector<std::string> best_sentences(const std::string& query, const std::string& text, std::size_t max_sentences) {
  Analyzer analyzer;
  auto q = analyzer.analyze_query(query);
  std::unordered_set<std::string> wanted(q.stems.begin(), q.stems.end());
  std::unordered_set<std::string> related(q.expansions.begin(), q.expansions.end());
  struct Scored {
    double score;
    std::size_t order;
    std::string text;
  };
  std::vector<Scored> scored;
  auto sentences = split_sentences(text);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    auto terms = analyzer.index_terms(sentences[i]);
    std::unordered_set<std::string> distinct(terms.begin(), terms.end());
    double score = 0;
    for (const auto& t : distinct) score += wanted.count(t) ? 1.0 : related.count(t) ? 0.5 : 0.0;
    if (score <= 0) continue;
    // Prefer the denser of two sentences with the same matches: long ones carry more unrelated text.
    score -= 0.01 * static_cast<double>(terms.size());
    scored.push_back({score, i, sentences[i]});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < max_sentences; ++i)
    out.push_back(std::move(scored[i].text));
  return out;
}

}  // namespace aurixa::rag
