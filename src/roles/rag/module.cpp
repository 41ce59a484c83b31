#include "roles/rag/module.hpp"

#include "app/app.hpp"
#include "core/http_client.hpp"
#include "core/log.hpp"
#include "roles/rag/article_source.hpp"
#include "roles/rag/embedder.hpp"
#include "roles/rag/service.hpp"

namespace aurixa::rag {
namespace {

std::shared_ptr<Embedder> make_embedder(App& app) {
  const auto& cfg = app.config;
  const auto& kind = cfg.rag_embeddings;
  if (kind == "none") {
    app.log.info("rag: embeddings disabled (AURIXA_EMBEDDINGS=none): BM25-only");
    return nullptr;
  }
  if (kind == "openai" || (kind == "auto" && !cfg.rag_embeddings_url.empty())) {
    if (cfg.rag_embeddings_url.empty()) {
      app.log.error("rag: AURIXA_EMBEDDINGS=openai needs AURIXA_EMBEDDINGS_URL: BM25-only");
      return nullptr;
    }
    OpenAiEmbedderOptions o;
    o.base_url = cfg.rag_embeddings_url;
    o.model = cfg.rag_embeddings_model;
    o.api_key = cfg.rag_embeddings_api_key;
    app.log.info("rag: embeddings from an OpenAI-compatible server",
                 {{"url", embeddings_endpoint(o.base_url)}, {"model", o.model}});
    return make_openai_embedder(app.http, std::move(o));
  }
  // The native Universal Sentence Encoder runtime is not part of this build yet.
  app.log.warn("builtin embedding model not available: BM25-only");
  return nullptr;
}

}  // namespace

void wire(App& app) {
  std::shared_ptr<ArticleSource> source;
  if (app.db) {
    source = make_store_article_source(*app.db);
  } else {
    app.log.warn("rag: no store in this process; the knowledge index stays empty");
    source = std::make_shared<MemoryArticleSource>();
  }
  RagOptions options;
  options.sync_interval = std::chrono::milliseconds(app.config.rag_sync_interval_ms);
  options.use_hybrid = app.config.rag_use_hybrid;
  Log* log = &app.log;
  auto service = std::make_shared<RagService>(options, std::move(source), make_embedder(app),
                                              [log](std::string_view msg) { log->warn(msg); });
  try {
    auto started = std::chrono::steady_clock::now();
    service->sync();
    auto s = service->stats();
    app.log.info(
        "rag: knowledge index ready",
        {{"articles", static_cast<std::int64_t>(s.articles)},
         {"chunks", static_cast<std::int64_t>(s.chunks)},
         {"vectors", static_cast<std::int64_t>(s.vectors)},
         {"embedder", s.embedder.empty() ? std::string_view("none") : std::string_view(s.embedder)},
         {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
  } catch (const std::exception& e) {
    // Retrieval retries the sync on every call; start-up must not fail because of it.
    app.log.error("rag: initial indexing failed; will retry on first retrieve", {{"error", e.what()}});
    service->on_article_changed(0, 0);
  }
  app.apis.rag = service;
}

}  // namespace aurixa::rag
