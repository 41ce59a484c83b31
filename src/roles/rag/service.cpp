#include "roles/rag/service.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_set>

#include "core/error.hpp"
#include "core/spanish_gloss.hpp"
#include "roles/rag/fusion.hpp"

namespace aurixa::rag {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t content_hash(const Article& a) {
  std::hash<std::string_view> h;
  std::size_t x = h(a.title);
  x ^= h(a.content) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
  x ^= std::hash<std::int64_t>()(a.tenant_id) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
  x ^= h(a.category) + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2);
  return x;
}

// What gets embedded for a chunk: the title says what the passage is about.
std::string embedding_text(const Chunk& c) { return c.title + "\n" + c.text; }

// Identifies the embedded text of a saved vector (FNV-1a: stable across processes and builds).
std::uint64_t text_stamp(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::string source_key(std::int64_t article_id, const std::string& title) {
  std::string t = title;
  std::replace(t.begin(), t.end(), ' ', '-');
  if (t.size() > 30) t.resize(30);
  return "kb-" + std::to_string(article_id) + "-" + t + ".txt";
}

RagService::RagService(RagOptions options, std::shared_ptr<ArticleSource> source, std::shared_ptr<Embedder> embedder,
                       std::function<void(std::string_view)> warn)
    : options_(options),
      source_(std::move(source)),
      embedder_(std::move(embedder)),
      warn_(std::move(warn)),
      analyzer_(std::make_shared<Analyzer>()),
      bm25_(analyzer_, options.bm25),
      vectors_(options.vectors) {
  if (embedder_ && !options_.vector_dir.empty()) {
    try {
      if (vectors_.load(options_.vector_dir)) vectors_loaded_ = vectors_.size();
    } catch (const std::exception& e) {
      // A damaged or incompatible copy costs a re-embedding, never the start-up.
      if (warn_) warn_(std::string("saved vector index ignored, re-embedding: ") + e.what());
      vectors_loaded_ = 0;
    }
  }
}

RagService::~RagService() = default;

void RagService::on_article_changed(std::int64_t, std::int64_t) { dirty_ = true; }

void RagService::maybe_sync() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(sync_mutex_);
    if (!dirty_ && now - last_sync_ < options_.sync_interval) return;
  }
  try {
    sync();
  } catch (const std::exception& e) {
    // The store being briefly unreachable should not fail retrieval: answer from the index as it is and
    // try again on the next call.
    dirty_ = true;
    if (warn_) warn_(std::string("knowledge sync failed, serving the current index: ") + e.what());
  }
}

std::size_t RagService::sync() {
  std::lock_guard lock(sync_mutex_);
  dirty_ = false;
  last_sync_ = std::chrono::steady_clock::now();
  if (embedder_ && !pruned_ && vectors_loaded_ > 0) {
    // The saved index is keyed by provider and model name; a server that now answers with another
    // dimension (a different model behind the same name) makes it useless.
    try {
      auto probe = embedder_->embed({"dimension probe"});
      if (!probe.empty() && probe[0].size() != vectors_.dimension()) {
        if (warn_) warn_("saved vector index has another dimension than the embedder: re-embedding");
        vectors_.clear();
        vectors_loaded_ = 0;
      }
    } catch (const std::exception&) {
      // Provider down: keep the saved vectors; the articles' own embedding reports the failure.
    }
  }
  auto changes = source_->changed_since(cursor_);
  std::size_t applied = 0;
  for (const auto& c : changes) {
    auto it = articles_.find(c.article.id);
    if (c.deleted) {
      if (it != articles_.end()) {
        drop(c.article.id);
        ++applied;
      }
    } else if (it == articles_.end() || it->second.hash != content_hash(c.article)) {
      apply(c);
      ++applied;
    }
    if (c.updated_at > cursor_) cursor_ = c.updated_at;
  }
  if (applied) bm25_.commit();
  if (embedder_ && !pruned_) {
    // Saved vectors of chunks deleted or changed while the process was down.
    pruned_ = true;
    std::vector<std::pair<std::int64_t, std::string>> stale;
    {
      std::shared_lock lock(chunks_mutex_);
      for (auto& [tenant, id] : vectors_.live_chunks()) {
        auto it = chunks_.find(id);
        if (it == chunks_.end() || it->second.tenant_id != tenant) stale.emplace_back(tenant, std::move(id));
      }
    }
    for (const auto& [tenant, id] : stale) vectors_.remove(tenant, id);
    if (!stale.empty()) vectors_changed_ = true;
  }
  if (vectors_changed_) persist_vectors();
  return applied;
}

void RagService::persist_vectors() {
  if (options_.vector_dir.empty()) return;
  try {
    vectors_.save(options_.vector_dir);
    vectors_changed_ = false;
  } catch (const std::exception& e) {
    if (warn_) warn_(std::string("saving the vector index failed: ") + e.what());
  }
}

void RagService::drop(std::int64_t article_id) {
  auto it = articles_.find(article_id);
  if (it == articles_.end()) return;
  bm25_.remove_article(article_id);
  for (const auto& id : it->second.chunk_ids) vectors_.remove(it->second.tenant_id, id);
  if (embedder_) vectors_changed_ = true;
  {
    std::unique_lock lock(chunks_mutex_);
    for (const auto& id : it->second.chunk_ids) chunks_.erase(id);
    if (--tenant_articles_[it->second.tenant_id] == 0) tenant_articles_.erase(it->second.tenant_id);
  }
  articles_.erase(it);
}

void RagService::apply(const ArticleChange& change) {
  const auto& a = change.article;
  auto chunks = chunk_article(a, options_.chunking);
  // Embed first (the slow, failure-prone part), then swap: a concurrent retrieve sees the old version
  // or the new one, never a gap. The BM25 swap is atomic per article.
  // Chunks whose text already has a vector (saved before a restart, or unchanged by this edit) keep it.
  std::vector<std::vector<float>> vecs(chunks.size());
  std::vector<std::uint64_t> stamps(chunks.size());
  std::vector<bool> keep(chunks.size(), false);
  bool embedded = false;
  if (embedder_) {
    std::vector<std::string> texts;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      auto text = embedding_text(chunks[i]);
      stamps[i] = text_stamp(text);
      if (vectors_.contains(a.tenant_id, chunks[i].id, stamps[i])) {
        keep[i] = true;
      } else {
        texts.push_back(std::move(text));
        which.push_back(i);
      }
    }
    try {
      if (!texts.empty()) {
        auto got = embedder_->embed(texts);
        if (got.size() != texts.size()) throw std::runtime_error("embedder returned a wrong number of vectors");
        for (std::size_t k = 0; k < got.size(); ++k) vecs[which[k]] = std::move(got[k]);
        embedded_ += texts.size();
      }
      embedded = true;
    } catch (const std::exception& e) {
      // The article stays findable by BM25; its vectors come back when it next changes.
      if (warn_) warn_("embedding failed for article " + std::to_string(a.id) + ": " + e.what());
    }
  }
  bm25_.replace_article(a.id, chunks);
  ArticleState st{a.tenant_id, content_hash(a), {}};
  for (const auto& c : chunks) st.chunk_ids.push_back(c.id);
  auto old = articles_.find(a.id);
  if (old != articles_.end()) {
    // Vectors of passages that no longer exist (or that moved to another tenant's index) go.
    for (const auto& id : old->second.chunk_ids)
      if (old->second.tenant_id != a.tenant_id ||
          std::find(st.chunk_ids.begin(), st.chunk_ids.end(), id) == st.chunk_ids.end() || !embedded)
        vectors_.remove(old->second.tenant_id, id);
  }
  if (embedded) {
    for (std::size_t i = 0; i < chunks.size(); ++i)
      if (!keep[i]) vectors_.upsert(a.tenant_id, chunks[i].id, vecs[i], stamps[i]);
  } else {
    // Embedding failed: no stale vector may stay for this article's passages.
    for (const auto& c : chunks) vectors_.remove(a.tenant_id, c.id);
  }
  // Re-delivering an unchanged article after a restart leaves the saved copy as it is.
  if (embedder_ && (old != articles_.end() || !embedded || std::find(keep.begin(), keep.end(), false) != keep.end()))
    vectors_changed_ = true;
  {
    std::unique_lock lock(chunks_mutex_);
    if (old != articles_.end()) {
      for (const auto& id : old->second.chunk_ids) chunks_.erase(id);
      if (--tenant_articles_[old->second.tenant_id] == 0) tenant_articles_.erase(old->second.tenant_id);
    }
    for (auto& c : chunks) chunks_[c.id] = std::move(c);
    ++tenant_articles_[a.tenant_id];
  }
  articles_[a.id] = std::move(st);
}

int RagService::keyword_matches(const AnalyzedQuery& q, const Chunk& c) const {
  auto terms = analyzer_->index_terms(c.title + "\n" + c.text);
  std::unordered_set<std::string> have(terms.begin(), terms.end());
  int n = 0;
  for (const auto& s : q.stems) n += have.count(s) ? 1 : 0;
  return n;
}

RetrieveResult RagService::retrieve(const RetrieveRequest& request, const CallContext& ctx) {
  if (trim(request.prompt).empty()) throw ApiError::validation("prompt", "prompt must not be empty");
  if (request.top_k < 1 || request.top_k > kMaxTopK)
    throw ApiError::validation("top_k", "top_k must be between 1 and " + std::to_string(kMaxTopK));
  std::int64_t tenant = 0;
  if (ctx.tenant_id) {
    // A credential bound to a tenant can only search that tenant's knowledge base.
    if (request.tenant_id && *request.tenant_id != *ctx.tenant_id)
      throw ApiError(Errc::forbidden, "tenant_id does not match the caller's tenant", "tenant_id");
    tenant = *ctx.tenant_id;
  } else if (request.tenant_id) {
    tenant = *request.tenant_id;
  } else if (ctx.principal.role == "anonymous") {
    // The original's open API (AURIXA_AUTH=off) has no tenant parameter (E2E.md 2.3 posts only prompt and
    // top_k): the seed's first clinic, as the admin API defaults. Signed-in callers without a tenant
    // (platform administrators) must say which one.
    tenant = 1;
  } else {
    throw ApiError::validation("tenant_id", "tenant_id is required");
  }
  maybe_sync();
  Method m = !embedder_ ? Method::bm25 : options_.use_hybrid ? Method::hybrid : Method::vector;
  return search(tenant, request.prompt, request.top_k, m);
}

RetrieveResult RagService::search(std::int64_t tenant_id, const std::string& prompt, int top_k, Method method) {
  return search(tenant_id, prompt, top_k, method, options_.fusion);
}

RetrieveResult RagService::search(std::int64_t tenant_id, const std::string& prompt, int top_k, Method method,
                                  const FusionOptions& fusion) {
  auto started = std::chrono::steady_clock::now();
  RetrieveResult result;
  result.tenant_id = tenant_id;
  if (method != Method::bm25 && !embedder_) method = Method::bm25;
  const int n = std::max(options_.candidates, top_k * 2);

  // A question in Spanish is searched with the English words of its clinic vocabulary too (the articles are
  // English); an English question is searched as it is.
  const std::string query = with_english_gloss(prompt);
  AnalyzedQuery q = analyzer_->analyze_query(query);
  bm25_.repair_typos(q);
  std::vector<ScoredId> bm25_ids, vector_ids;
  std::unordered_map<std::string, int> matched;  // chunk id -> matched query stems (from Xapian)
  // Whether Xapian returned every chunk with a query term (fewer hits than asked for): then a chunk it did not
  // return has none, and its keyword count is 0 without analysing its text again.
  bool bm25_exhaustive = false;
  if (method != Method::vector) {
    for (auto& h : bm25_.search(tenant_id, q, n)) {
      matched[h.chunk_id] = h.matched_terms;
      bm25_ids.push_back({std::move(h.chunk_id), h.score});
    }
    bm25_exhaustive = bm25_ids.size() < static_cast<std::size_t>(n);
  }
  if (method != Method::bm25) {
    try {
      auto qv = embedder_->embed({query});
      for (auto& h : vectors_.search(tenant_id, qv.at(0), n))
        vector_ids.push_back({std::move(h.chunk_id), h.similarity});
      result.hybrid = method == Method::hybrid;
    } catch (const std::exception& e) {
      // A failing provider degrades to BM25 for this request rather than failing it.
      if (warn_) warn_(std::string("query embedding failed, BM25 only: ") + e.what());
      if (method == Method::vector) method = Method::bm25;
      if (bm25_ids.empty() && method == Method::bm25)
        for (auto& h : bm25_.search(tenant_id, q, n)) {
          matched[h.chunk_id] = h.matched_terms;
          bm25_ids.push_back({std::move(h.chunk_id), h.score});
        }
    }
  }

  // One list alone is ranked as it is (plain RRF of one list keeps its order whatever the rule).
  FusionOptions single;
  auto fused = fuse(bm25_ids, vector_ids, result.hybrid ? fusion : single);
  // One snippet per article: its best-fused chunk (more passages of one article would crowd out others).
  std::vector<Snippet> snippets;
  std::unordered_set<std::int64_t> seen;
  {
    std::shared_lock lock(chunks_mutex_);
    for (const auto& f : fused) {
      auto it = chunks_.find(f.id);
      if (it == chunks_.end()) continue;  // removed between search and now
      const Chunk& c = it->second;
      if (c.tenant_id != tenant_id || !seen.insert(c.article_id).second) continue;
      Snippet s;
      s.source = source_key(c.article_id, c.title);
      s.content = c.text;
      s.article_id = c.article_id;
      s.title = c.title;
      s.chunk_id = c.id;
      s.ranks = {f.bm25_rank, f.vector_rank};
      s.rrf = f.rrf;
      auto m = matched.find(f.id);
      s.keyword_matches = m != matched.end() ? m->second : bm25_exhaustive ? 0 : keyword_matches(q, c);
      s.score = boosted_score(f.rrf, s.keyword_matches);
      s.retrieval_method = method == Method::hybrid ? "hybrid" : method == Method::vector ? "vector" : "bm25";
      s.engine = method == Method::hybrid ? "xapian+hnsw" : method == Method::vector ? "hnsw" : "xapian";
      snippets.push_back(std::move(s));
      if (!options_.rank_by_boosted_score && snippets.size() >= static_cast<std::size_t>(top_k)) break;
    }
  }
  if (options_.rank_by_boosted_score)
    std::stable_sort(snippets.begin(), snippets.end(),
                     [](const Snippet& a, const Snippet& b) { return a.score > b.score; });
  if (snippets.size() > static_cast<std::size_t>(top_k)) snippets.resize(static_cast<std::size_t>(top_k));
  result.snippets = std::move(snippets);
  {
    std::shared_lock lock(chunks_mutex_);
    auto t = tenant_articles_.find(tenant_id);
    result.index_empty = t == tenant_articles_.end() || t->second == 0;
  }
  result.query_time_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

EmbedResult RagService::embed(const std::string& text, const CallContext&) {
  if (trim(text).empty()) throw ApiError::validation("text", "text must not be empty");
  if (!embedder_) throw ApiError(Errc::unavailable, "Embedding model not ready");
  auto v = embedder_->embed({text});
  return EmbedResult{std::move(v.at(0)), embedder_->name()};
}

RagStats RagService::stats() const {
  RagStats s;
  {
    std::shared_lock lock(chunks_mutex_);
    s.chunks = chunks_.size();
  }
  s.vectors = vectors_.size();
  s.embedder = embedder_ ? embedder_->name() : "";
  s.embedded = embedded_;
  std::lock_guard lock(sync_mutex_);
  s.articles = articles_.size();
  s.vectors_loaded = vectors_loaded_;
  return s;
}

}  // namespace aurixa::rag
