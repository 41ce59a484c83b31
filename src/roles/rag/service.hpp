#pragma once
// The local RAG service: keeps a BM25 index (Xapian) and, when an embedder is configured, per-tenant
// vector indexes (hnswlib) in step with an ArticleSource, and answers retrieve() with tenant-filtered
// hybrid results (score fusion, fusion.hpp, + the original's keyword boost).
//
// Freshness: before a retrieve, the service asks the source for changes since its cursor, at most once
// per sync_interval (0 = before every retrieve) or at once after on_article_changed(). Unchanged
// articles are skipped by content hash, so re-delivered changes cost a hash, not a re-index.
//
// Thread-safety: all methods may be called concurrently. One sync runs at a time; retrieves that find
// a sync running wait for it (they would otherwise answer from stale data).
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "roles/rag/analyzer.hpp"
#include "roles/rag/api.hpp"
#include "roles/rag/article_source.hpp"
#include "roles/rag/bm25_index.hpp"
#include "roles/rag/chunker.hpp"
#include "roles/rag/embedder.hpp"
#include "roles/rag/fusion.hpp"
#include "roles/rag/vector_index.hpp"

namespace aurixa::rag {

enum class Method { bm25, vector, hybrid };

struct RagOptions {
  ChunkOptions chunking;
  Bm25Options bm25;
  VectorIndexOptions vectors;
  std::chrono::milliseconds sync_interval{100};
  bool use_hybrid = true;  // RAG_USE_HYBRID=false: vector list only (the original's switch), when an embedder exists
  int candidates = 40;     // length of each retriever's list before fusion
  FusionOptions fusion = default_hybrid_fusion();  // how the hybrid method combines the two lists
  // Rank by the original's boosted score (0.15 per distinct matched query term, up to 5) instead of pure
  // RRF; the boost dominates RRF's scale, so this orders mostly by how many query terms a chunk has.
  bool rank_by_boosted_score = false;
  // Where the vector index is persisted (e.g. <data dir>/rag/vectors/<embedder>); empty = memory only.
  // Loaded at construction; saved after every sync that changed vectors. Chunks whose text is unchanged
  // keep their saved vectors, so a restart embeds only what changed while the process was down.
  std::string vector_dir;
};

struct RagStats {
  std::size_t articles = 0;
  std::size_t chunks = 0;
  std::size_t vectors = 0;
  std::string embedder;            // "" = BM25-only
  std::size_t vectors_loaded = 0;  // restored from vector_dir at start-up
  std::size_t embedded = 0;        // chunks embedded since start-up (the rest reused saved vectors)
};

class RagService final : public Api {
 public:
  // `embedder` may be null (BM25-only). `warn` receives operational problems (an embedding provider
  // failing during sync); it may be empty.
  RagService(RagOptions options, std::shared_ptr<ArticleSource> source, std::shared_ptr<Embedder> embedder,
             std::function<void(std::string_view)> warn = {});
  ~RagService() override;

  RetrieveResult retrieve(const RetrieveRequest& request, const CallContext& ctx) override;
  EmbedResult embed(const std::string& text, const CallContext& ctx) override;
  void on_article_changed(std::int64_t tenant_id, std::int64_t article_id) override;

  // Applies every change the source has now; returns the number of articles (re)indexed or dropped.
  std::size_t sync();
  // Retrieval with an explicit method and no validation, for the evaluation program.
  RetrieveResult search(std::int64_t tenant_id, const std::string& prompt, int top_k, Method method);
  // The same with another fusion rule than the configured one (rag_eval compares rules on one index).
  RetrieveResult search(std::int64_t tenant_id, const std::string& prompt, int top_k, Method method,
                        const FusionOptions& fusion);
  RagStats stats() const;

 private:
  struct ArticleState {
    std::int64_t tenant_id = 0;
    std::size_t hash = 0;
    std::vector<std::string> chunk_ids;
  };
  void maybe_sync();
  void apply(const ArticleChange& change);
  void drop(std::int64_t article_id);
  int keyword_matches(const AnalyzedQuery& q, const Chunk& c) const;
  void persist_vectors();

  RagOptions options_;
  std::shared_ptr<ArticleSource> source_;
  std::shared_ptr<Embedder> embedder_;
  std::function<void(std::string_view)> warn_;
  std::shared_ptr<const Analyzer> analyzer_;
  Bm25Index bm25_;
  VectorIndex vectors_;

  mutable std::mutex sync_mutex_;  // one sync at a time; guards cursor_, articles_, last_sync_
  std::string cursor_;
  std::unordered_map<std::int64_t, ArticleState> articles_;
  std::chrono::steady_clock::time_point last_sync_{};
  std::atomic<bool> dirty_{true};
  bool vectors_changed_ = false;  // since the last save (guarded by sync_mutex_)
  bool pruned_ = false;           // saved vectors of chunks that no longer exist were dropped
  std::size_t vectors_loaded_ = 0;
  std::atomic<std::size_t> embedded_{0};

  mutable std::shared_mutex chunks_mutex_;
  std::unordered_map<std::string, Chunk> chunks_;
  std::unordered_map<std::int64_t, std::size_t> tenant_articles_;  // indexed articles per tenant
};

// The original's document key: kb-<id>-<title, spaces -> '-', first 30 characters>.txt
std::string source_key(std::int64_t article_id, const std::string& title);

}  // namespace aurixa::rag
