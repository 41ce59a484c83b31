#pragma once
// Splits an article into overlapping passages for retrieval. Passages follow the article's structure:
// a heading line ("Parking:" or "# Parking") starts a new passage once the current one is long enough,
// paragraphs are kept whole when they fit, and a paragraph longer than max_words is cut at sentence
// boundaries. Each passage after the first repeats the last sentences of the previous one (up to
// overlap_words) so an answer that straddles a cut is still found whole. A short tail is merged into
// the passage before it.
#include <cstdint>
#include <string>
#include <vector>

namespace aurixa::rag {

struct ChunkOptions {
  std::size_t min_words = 60;
  std::size_t max_words = 200;
  std::size_t overlap_words = 30;
};

struct Article {
  std::int64_t id = 0;
  std::int64_t tenant_id = 0;
  std::string title;
  std::string content;
  std::string category;  // optional (the store has none yet)
};

struct Chunk {
  std::int64_t article_id = 0;
  std::int64_t tenant_id = 0;
  int index = 0;   // 0-based position in the article
  std::string id;  // "<article_id>:<index>"
  std::string title;
  std::string category;
  std::string text;  // passage text (without the title)
};

// Passages of `content` (plain text) in order; an empty or blank content gives no passages.
std::vector<std::string> split_passages(const std::string& content, const ChunkOptions& options = {});
// The article's chunks with its metadata attached.
std::vector<Chunk> chunk_article(const Article& article, const ChunkOptions& options = {});

}  // namespace aurixa::rag
