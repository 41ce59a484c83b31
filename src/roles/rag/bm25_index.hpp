#pragma once
// BM25 over chunks with Xapian: one database per tenant (in memory by default; it is rebuilt from the
// store at start-up, so nothing on disk can go stale). A search opens only its tenant's database (the
// original searched every tenant's articles: D11), so another tenant's chunks are unreachable and its
// term statistics do not leak into the scores. Every chunk carries a boolean term for its article, so an
// article's chunks are replaced or dropped in one call.
//
// Thread-safety: all methods may be called concurrently; they are serialised by one mutex because
// Xapian database objects must not be used from two threads at once.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "roles/rag/analyzer.hpp"
#include "roles/rag/chunker.hpp"
#include "roles/rag/vocabulary.hpp"

namespace aurixa::rag {

struct Bm25Hit {
  std::string chunk_id;
  double score = 0;
  int matched_terms = 0;  // distinct original (non-expansion) query stems found in the chunk
};

struct Bm25Options {
  double k1 = 1.2;
  double b = 0.75;
  int title_weight = 2;           // title words count this many times (the title says what a chunk is about)
  double expansion_weight = 0.5;  // synonym and typo-repair terms weigh less than what the user wrote
  // "" = Xapian's in-memory backend; else a directory for an on-disk (glass) database, wiped and rebuilt
  // when the index is created (the store is the source of truth; the index is a cache of it).
  std::string path;
};

class Bm25Index {
 public:
  explicit Bm25Index(std::shared_ptr<const Analyzer> analyzer, Bm25Options options = {});
  ~Bm25Index();
  Bm25Index(const Bm25Index&) = delete;
  Bm25Index& operator=(const Bm25Index&) = delete;

  // Replaces every chunk of the chunks' article(s) with these. Visible to search() at once; made
  // durable (on disk) by commit().
  void replace_article(std::int64_t article_id, const std::vector<Chunk>& chunks);
  void commit();
  void remove_article(std::int64_t article_id);
  // Best chunks of `tenant_id` for the query, best first (at most k).
  std::vector<Bm25Hit> search(std::int64_t tenant_id, const AnalyzedQuery& query, int k) const;
  // Adds typo repairs to query.expansions for query words the index has never seen.
  void repair_typos(AnalyzedQuery& query) const;
  std::size_t chunk_count() const;

 private:
  struct Impl;
  std::shared_ptr<const Analyzer> analyzer_;
  Bm25Options options_;
  mutable std::mutex mutex_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aurixa::rag
