#pragma once
// Where the RAG indexes get articles from: an incremental change feed. The store-backed source reads
// KnowledgeRepository::changed_since (so every process, also in split mode, sees the admin API's writes
// without being told); the in-memory source serves tests, the evaluation and the benchmark.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "roles/rag/chunker.hpp"

namespace aurixa::store {
class Database;
}

namespace aurixa::rag {

struct ArticleChange {
  Article article;
  bool deleted = false;
  std::string updated_at;  // opaque, ordered: pass the largest seen back as `since`
};

class ArticleSource {
 public:
  virtual ~ArticleSource() = default;
  // Every article changed at or after `since` ("" = all), deleted ones included, oldest change first.
  // The same change may be returned again (the cursor is inclusive); callers dedupe. Thread-safe.
  virtual std::vector<ArticleChange> changed_since(const std::string& since) = 0;
};

// Articles of every tenant in the store (platform scope: the index filters by tenant itself).
std::shared_ptr<ArticleSource> make_store_article_source(store::Database& db);

class MemoryArticleSource final : public ArticleSource {
 public:
  void put(Article article);  // create or update
  void remove(std::int64_t article_id);
  std::vector<ArticleChange> changed_since(const std::string& since) override;

 private:
  std::string next_stamp();
  std::mutex mutex_;
  std::uint64_t clock_ = 0;
  std::map<std::int64_t, ArticleChange> rows_;
};

}  // namespace aurixa::rag
