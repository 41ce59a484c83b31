#pragma once
// Typo tolerance for rare terms: the folded words seen in indexed text, with a SymSpell-style index of
// their one-character deletions, so a query word the index has never seen ("perscription") can be
// mapped to a close indexed word ("prescription") in O(word length) hash probes instead of a scan of
// the vocabulary.
//
// Thread-safety: none; the owner (Bm25Index) serialises access.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aurixa::rag {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions); stops early and
// returns max_distance + 1 once the distance is known to exceed max_distance.
int edit_distance(std::string_view a, std::string_view b, int max_distance);

class Vocabulary {
 public:
  // Adds one occurrence and returns the word's id (stable for the vocabulary's lifetime).
  std::uint32_t add(const std::string& word);
  void remove(std::uint32_t id);  // forgets one occurrence
  void remove(const std::string& word);
  bool contains(const std::string& word) const;
  std::size_t size() const { return live_; }
  // The closest known word for an unknown `word`: distance 1 for words of 4-7 characters, 2 for longer
  // ones; ties go to the more frequent word. Empty when `word` is known, shorter than 4 characters, or
  // has no close neighbour.
  std::string correct(const std::string& word) const;

 private:
  std::vector<std::string> words_;
  std::vector<std::uint32_t> counts_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> deletes_;  // 1-deletion variant -> word ids
  std::size_t live_ = 0;
};

}  // namespace aurixa::rag
