#include "roles/rag/module.hpp"

#include <cctype>
#include <filesystem>

#include "app/app.hpp"
#include "core/http_client.hpp"
#include "core/log.hpp"
#include "roles/rag/article_source.hpp"
#include "roles/rag/embedder.hpp"
#include "roles/rag/service.hpp"
#include "roles/rag/use_lite.hpp"

namespace aurixa::rag {
namespace {

// Where the USE Lite model is looked for (each an npm prefix as scripts/install-deps.sh makes it, or the
// model directory itself): <data dir>/models/use-lite, then models/use-lite under the working directory
// (the repository when started by `make run`).
std::vector<std::string> builtin_model_candidates(const Config& cfg) {
  return {(std::filesystem::path(cfg.data_dir) / "models" / "use-lite").string(), "models/use-lite"};
}

std::shared_ptr<Embedder> make_builtin(App& app) {
  auto candidates = builtin_model_candidates(app.config);
  auto dir = find_use_lite_model(candidates);
  if (dir.empty()) {
    app.log.warn(
        "rag: builtin embedding model not available: BM25-only (the USE Lite model files were not found; "
        "scripts/install-deps.sh installs them)",
        {{"looked_in", candidates.front() + ", ./" + candidates.back()}});
    return nullptr;
  }
  try {
    auto started = std::chrono::steady_clock::now();
    auto model = UseLiteModel::load(dir);
    app.log.info(
        "rag: builtin embeddings (Universal Sentence Encoder Lite, 512-d)",
        {{"dir", dir},
         {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
    return make_builtin_embedder(std::move(model));
  } catch (const std::exception& e) {
    app.log.error("rag: builtin embedding model could not be loaded: BM25-only", {{"error", e.what()}});
    return nullptr;
  }
}

// <data dir>/rag/vectors/<provider>_<model>: one saved index per embedding model.
std::string vector_dir(const Config& cfg, const std::string& embedder_name) {
  std::string key;
  for (char c : embedder_name) key += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
  return (std::filesystem::path(cfg.data_dir) / "rag" / "vectors" / key).string();
}

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
  if (kind != "builtin" && kind != "auto")
    app.log.warn("rag: unknown AURIXA_EMBEDDINGS value, using the builtin model", {{"value", kind}});
  return make_builtin(app);
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
  auto embedder = make_embedder(app);
  if (embedder) options.vector_dir = vector_dir(app.config, embedder->name());
  auto service = std::make_shared<RagService>(options, std::move(source), std::move(embedder),
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
         {"vectors_reused", static_cast<std::int64_t>(s.vectors_loaded)},
         {"embedded", static_cast<std::int64_t>(s.embedded)},
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
