#pragma once
// The RAG role's interface: hybrid retrieval (BM25 + optional semantic vectors) over each tenant's
// knowledge base. Plain C++ (no Boost): the orchestration and LLM roles include it. The local service
// (service.hpp) and, in split mode, an HTTP client implement Api.
//
// Thread-safety: every Api method may be called from any number of worker threads at once. Calls may
// block (database polling, an embedding provider's HTTP call), so never call them from an I/O thread.
// Errors: ApiError (validation 422 naming the field; unavailable 503 when no embedder is configured).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/context.hpp"

namespace aurixa::rag {

inline constexpr int kMaxTopK = 50;

struct RetrieveRequest {
  std::string prompt;                     // required, non-empty after trimming
  std::string intent;                     // optional intent label (e.g. clinic_info); informational today
  int top_k = 5;                          // 1..kMaxTopK
  std::optional<std::int64_t> tenant_id;  // required unless the CallContext fixes the tenant
};

// Rank of a snippet in each retriever's own list (1 = best); nullopt when that retriever did not
// return it (or did not run).
struct RetrieverRanks {
  std::optional<int> bm25;
  std::optional<int> vector;
};

struct Snippet {
  std::string source;   // the original's document key: kb-<id>-<title with '-' for spaces, 30 chars>.txt
  std::string content;  // the chunk text (a passage of the article)
  double score = 0;     // min(1, rrf + 0.15 * min(keyword_matches, 5)), rounded to 4 decimals
  std::int64_t article_id = 0;
  std::string title;
  std::string chunk_id;  // "<article_id>:<chunk index>"
  RetrieverRanks ranks;
  // The original's metadata: retrieval_method (hybrid|bm25|vector), engine, keyword_matches.
  std::string retrieval_method;
  std::string engine;
  int keyword_matches = 0;
  double rrf = 0;  // the fused score before the keyword boost (fusion.hpp: convex by default, or RRF)
};

struct RetrieveResult {
  // Best first by fused rank (RRF), one snippet (the best passage) per article. `score` keeps the
  // original's formula for compatibility, but ranking by it was measured worse (docs/QUALITY.md), so
  // scores are not necessarily descending.
  std::vector<Snippet> snippets;
  double query_time_ms = 0;
  bool hybrid = false;       // a vector list took part in the fusion
  bool index_empty = false;  // the tenant has no indexed articles
  std::int64_t tenant_id = 0;
};

struct EmbedResult {
  std::vector<float> embedding;  // unit length
  std::string model;
};

class Api {
 public:
  virtual ~Api() = default;
  virtual RetrieveResult retrieve(const RetrieveRequest& request, const CallContext& ctx) = 0;
  // Throws ApiError unavailable (503) when no embedding provider is available.
  virtual EmbedResult embed(const std::string& text, const CallContext& ctx) = 0;
  // A hint that an article changed (created, updated or deleted): the next retrieve for that tenant
  // syncs with the store first. Indexes also stay current without the hint (they poll the store), so a
  // process that did not make the change still sees it.
  virtual void on_article_changed(std::int64_t tenant_id, std::int64_t article_id) = 0;
};

// Answer-span helper for the builtin LLM responder: the sentences of `text` that best answer `query`
// (by shared stemmed terms, synonyms included), best first, at most max_sentences, each trimmed.
// Returns an empty vector when no sentence shares a content term with the query.
std::vector<std::string> best_sentences(const std::string& query, const std::string& text,
                                        std::size_t max_sentences = 2);

}  // namespace aurixa::rag
