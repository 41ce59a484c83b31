// RAG index benchmark (docs/PERFORMANCE.md "RAG").
//
//   rag_bench [--chunks N] [--queries N] [--bm25-path DIR] [--candidates N]
//                                            BM25 (in memory, or on disk in DIR; N = list length per retriever): index
//                                            N chunks (default 100000) synthesised from the MedQuAD corpus, report
//                                            build time, memory, search p50/p95/p99
//   rag_bench --hnsw N DIM [--queries N]     HNSW alone: N clustered random unit vectors of DIM dimensions,
//                                            build time, search p50/p95, recall@10 against exact search
//   rag_bench --vectors N [--vector-cache DIR] [--queries 200]
//                                            builtin vectors at scale: embedding rate on 2,000 MedQuAD chunks
//                                            (batches of 32 over --threads threads), then an HNSW graph of N
//                                            vectors (real MedQuAD chunk embeddings, from the saved index in DIR
//                                            or --real N embedded now, plus jittered copies up to N): build time,
//                                            memory, recall@10 vs brute force and latency per ef_search; then
//                                            (with DIR) the hybrid retrieve over N chunks in RagService
//   rag_bench --embed N                      builtin embedder (USE Lite) speed on one thread: N MedQuAD
//                                            questions one at a time and in batches of 32, N MedQuAD chunks
//                                            in batches of 32; texts/s and pieces/s
//
// Synthesis: MedQuAD's 15,809 passages are chunked (60-200 words) and the whole corpus is repeated
// under new tenants (new article ids) until N chunks exist, the shape of many clinics with similar
// knowledge bases in one process. Queries are MedQuAD's questions, each sent to a random tenant.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "rag_data.hpp"
#include "roles/rag/dense_kernel.hpp"
#include "roles/rag/embedder.hpp"
#include "roles/rag/service.hpp"
#include "roles/rag/use_lite.hpp"
#include "roles/rag/vector_index.hpp"

using namespace aurixa::rag;
using Clock = std::chrono::steady_clock;

namespace {

double rss_mb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Percentiles {
  double p50, p95, p99, mean;
};

Percentiles percentiles(std::vector<double> us) {
  std::sort(us.begin(), us.end());
  auto at = [&](double p) {
    return us[std::min(us.size() - 1, static_cast<std::size_t>(p * static_cast<double>(us.size())))];
  };
  double sum = 0;
  for (double x : us) sum += x;
  return {at(0.50), at(0.95), at(0.99), sum / static_cast<double>(us.size())};
}

int bench_bm25(std::size_t target_chunks, std::size_t n_queries, const std::string& bm25_path, int candidates) {
  auto d = bench::load_medquad(bench::shared_dir() / "data" / "medquad_beir");
  std::size_t chunks_per_copy = 0;
  for (const auto& a : d.articles) chunks_per_copy += split_passages(a.content).size();
  auto source = std::make_shared<MemoryArticleSource>();
  std::size_t total = 0;
  std::int64_t tenants = 0;
  while (total < target_chunks) {
    ++tenants;
    for (const auto& a : d.articles) {
      if (total >= target_chunks) break;
      Article copy = a;
      copy.tenant_id = tenants;
      copy.id = tenants * 1'000'000 + a.id;
      total += split_passages(copy.content).size();
      source->put(std::move(copy));
    }
  }
  double rss0 = rss_mb();
  RagOptions options;
  options.bm25.path = bm25_path;
  if (candidates > 0) options.candidates = candidates;
  RagService svc(options, source, nullptr);
  auto t0 = Clock::now();
  svc.sync();
  double build_s = seconds_since(t0);
  double rss1 = rss_mb();
  auto st = svc.stats();

  std::mt19937 rng(7);
  std::uniform_int_distribution<std::int64_t> pick_tenant(1, tenants);
  std::vector<double> us;
  for (std::size_t i = 0; i < n_queries + 100; ++i) {
    const auto& q = d.queries[i % d.queries.size()];
    auto tenant = pick_tenant(rng);
    auto t = Clock::now();
    auto r = svc.search(tenant, q.text, 5, Method::bm25);
    double elapsed = std::chrono::duration<double, std::micro>(Clock::now() - t).count();
    if (i >= 100) us.push_back(elapsed);  // first 100 warm caches
    if (r.snippets.empty() && i < 3) std::fprintf(stderr, "note: no result for %s\n", q.text.c_str());
  }
  auto p = percentiles(us);
  std::printf("BM25 (Xapian %s), one process, one thread\n",
              bm25_path.empty() ? "in-memory" : ("glass at " + bm25_path).c_str());
  std::printf("  corpus: MedQuAD %zu passages (%zu chunks per copy) x %lld tenants\n", d.articles.size(),
              chunks_per_copy, static_cast<long long>(tenants));
  std::printf("  indexed: %zu articles, %zu chunks\n", st.articles, st.chunks);
  std::printf("  build: %.1f s (%.0f chunks/s)\n", build_s, static_cast<double>(st.chunks) / build_s);
  std::printf("  memory: RSS %.0f MB before build, %.0f MB after (+%.0f MB; includes the source's copy of the texts)\n",
              rss0, rss1, rss1 - rss0);
  std::printf("  candidates per retriever: %d\n", options.candidates);
  std::printf("  search top-5 over %zu queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, mean %.2f ms\n", us.size(),
              p.p50 / 1000, p.p95 / 1000, p.p99 / 1000, p.mean / 1000);
  return 0;
}

int bench_hnsw(std::size_t n, std::size_t dim, std::size_t n_queries) {
  // Clustered data (real sentence embeddings are clustered by topic; uniform random vectors in high
  // dimension are an unrealistically hard case for any ANN index).
  std::mt19937 rng(11);
  std::normal_distribution<float> g;
  const std::size_t clusters = std::max<std::size_t>(1, n / 100);
  std::vector<std::vector<float>> centers(clusters, std::vector<float>(dim));
  for (auto& c : centers) {
    for (auto& x : c) x = g(rng);
    normalize(c);
  }
  std::uniform_int_distribution<std::size_t> pick(0, clusters - 1);
  auto sample = [&] {
    const auto& c = centers[pick(rng)];
    std::vector<float> v(dim);
    for (std::size_t i = 0; i < dim; ++i) v[i] = c[i] + 0.6f * g(rng) / std::sqrt(static_cast<float>(dim)) * 3.0f;
    normalize(v);
    return v;
  };
  std::vector<std::vector<float>> data(n);
  for (auto& v : data) v = sample();
  double rss0 = rss_mb();
  VectorIndex idx;
  auto t0 = Clock::now();
  for (std::size_t i = 0; i < n; ++i) idx.upsert(1, std::to_string(i), data[i]);
  double build_s = seconds_since(t0);
  double rss1 = rss_mb();
  std::vector<double> us;
  double recall = 0;
  for (std::size_t qi = 0; qi < n_queries; ++qi) {
    auto q = sample();
    auto t = Clock::now();
    auto hits = idx.search(1, q, 10);
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    // Exact top-10 by brute force.
    std::vector<std::pair<float, std::size_t>> all(n);
    for (std::size_t i = 0; i < n; ++i) {
      float dot = 0;
      for (std::size_t k = 0; k < dim; ++k) dot += q[k] * data[i][k];
      all[i] = {-dot, i};
    }
    std::partial_sort(all.begin(), all.begin() + 10, all.end());
    int found = 0;
    for (int k = 0; k < 10; ++k)
      for (const auto& h : hits) found += h.chunk_id == std::to_string(all[static_cast<std::size_t>(k)].second);
    recall += found / 10.0;
  }
  auto p = percentiles(us);
  const VectorIndexOptions io;
  std::printf("HNSW (hnswlib, M=%zu, ef_construction=%zu, ef_search=%zu), one thread\n", io.m, io.ef_construction,
              io.ef_search);
  std::printf("  %zu clustered unit vectors, %zu dimensions\n", n, dim);
  std::printf("  build: %.1f s; memory +%.0f MB\n", build_s, rss1 - rss0);
  std::printf("  search top-10 over %zu queries: p50 %.3f ms, p95 %.3f ms; recall@10 vs exact %.3f\n", us.size(),
              p.p50 / 1000, p.p95 / 1000, recall / static_cast<double>(n_queries));
  return 0;
}

}  // namespace

namespace {

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Embeds `texts` in batches of `batch` on `threads` threads (each takes the next batch).
std::vector<std::vector<float>> embed_parallel(const UseLiteModel& model, const std::vector<std::string>& texts,
                                               std::size_t threads, std::size_t batch) {
  std::vector<std::vector<float>> out(texts.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (;;) {
      std::size_t i = next.fetch_add(batch);
      if (i >= texts.size()) return;
      std::size_t end = std::min(texts.size(), i + batch);
      auto v = model.embed(std::vector<std::string>(texts.begin() + static_cast<std::ptrdiff_t>(i),
                                                    texts.begin() + static_cast<std::ptrdiff_t>(end)));
      for (std::size_t k = i; k < end; ++k) out[k] = std::move(v[k - i]);
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  return out;
}

float dot(const std::vector<float>& a, const std::vector<float>& b) {
  float s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Chunk texts come from a table (vectors embedded earlier by the same model); anything else (queries) is
// embedded by the model and remembered, so a timed retrieve measures the index, not the encoder.
class TableEmbedder final : public Embedder {
 public:
  TableEmbedder(std::shared_ptr<const UseLiteModel> model, std::unordered_map<std::string, std::vector<float>> table)
      : model_(std::move(model)), table_(std::move(table)) {}
  std::string name() const override { return "builtin:use-lite"; }
  std::vector<std::vector<float>> embed(const std::vector<std::string>& texts) override {
    std::vector<std::vector<float>> out;
    for (const auto& t : texts) {
      std::lock_guard lock(mutex_);
      auto it = table_.find(t);
      if (it == table_.end()) it = table_.emplace(t, model_->embed({t}).at(0)).first;
      out.push_back(it->second);
    }
    return out;
  }

 private:
  std::shared_ptr<const UseLiteModel> model_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::vector<float>> table_;
};

struct VectorBenchOptions {
  std::size_t n = 100'000;     // vectors in the HNSW graph
  std::size_t real = 10'000;   // real chunk embeddings to start from when no cache is given
  std::size_t sample = 2'000;  // chunks embedded to measure the embedding rate
  std::size_t queries = 200;   // recall / latency queries (real MedQuAD questions)
  std::size_t threads = 2;     // embedding threads
  double jitter = 0.5;         // norm of the Gaussian noise added to a real vector to make a copy
  std::string cache;           // saved MedQuAD vector index (rag_eval --vector-cache .../builtin_use-lite-medquad)
  VectorIndexOptions index;
  bool e2e = true;        // also the full hybrid retrieve over 100k chunks (needs the cache)
  bool e2e_only = false;  // skip the embedding sample and the one-graph measurements
};

// The builtin model from the source tree, or null (with a message) when it is not installed.
static std::shared_ptr<const UseLiteModel> load_bench_model(DenseIsa isa = best_dense_isa()) {
  auto dir = find_use_lite_model({(std::filesystem::path(AURIXA_SOURCE_DIR) / "models" / "use-lite").string()});
  if (dir.empty()) {
    std::fprintf(stderr, "rag_bench: USE Lite model not installed (scripts/install-deps.sh)\n");
    return nullptr;
  }
  return UseLiteModel::load(dir, isa);
}

int bench_vectors(const VectorBenchOptions& o) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows while the long steps run
  auto model = load_bench_model();
  if (!model) return 2;
  auto mq = bench::load_medquad(bench::shared_dir() / "data" / "medquad_beir");
  std::vector<Chunk> chunks;
  for (const auto& a : mq.articles)
    for (auto& c : chunk_article(a, {})) chunks.push_back(std::move(c));
  auto text_of = [](const Chunk& c) { return c.title + "\n" + c.text; };
  std::printf("Builtin vectors at scale: MedQuAD %zu passages -> %zu chunks; %zu threads\n", mq.articles.size(),
              chunks.size(), o.threads);

  // 1. Embedding rate on a sample of real chunks, batched over the threads.
  std::vector<std::string> sample;
  for (std::size_t i = 0; i < chunks.size() && sample.size() < o.sample && !o.e2e_only; ++i)
    sample.push_back(text_of(chunks[i]));
  double cpu0 = cpu_seconds();
  auto t0 = Clock::now();
  auto sample_vecs = embed_parallel(*model, sample, o.threads, 32);
  double wall = seconds_since(t0), cpu = cpu_seconds() - cpu0;
  double rate = static_cast<double>(sample.size()) / wall;
  if (!sample.empty())
    std::printf(
        "  embedding: %zu chunks in %.1f s wall, %.1f s CPU: %.1f chunks/s (%.1f per CPU-second); "
        "%zu chunks would take %.1f min\n",
        sample.size(), wall, cpu, rate, static_cast<double>(sample.size()) / cpu, o.n,
        static_cast<double>(o.n) / rate / 60.0);

  // 2. Real vectors: the saved index of every MedQuAD chunk, or embed o.real chunks now.
  std::vector<std::vector<float>> real;
  std::unordered_map<std::string, std::vector<float>> table;  // chunk text -> vector
  if (!o.cache.empty()) {
    VectorIndex saved;
    if (!saved.load(o.cache)) {
      std::fprintf(stderr, "rag_bench: no saved index at %s\n", o.cache.c_str());
      return 2;
    }
    for (const auto& c : chunks) {
      auto v = saved.vector_of(1, c.id);
      if (v.empty()) continue;
      table.emplace(text_of(c), v);
      real.push_back(std::move(v));
    }
    float worst = 1;
    for (std::size_t i = 0; i < sample.size(); ++i) worst = std::min(worst, dot(sample_vecs[i], table.at(sample[i])));
    std::printf("  real vectors: %zu from %s (fresh embeddings of the %zu sample chunks agree: min cosine %.6f)\n",
                real.size(), o.cache.c_str(), sample.size(), static_cast<double>(worst));
  } else {
    std::vector<std::string> more;
    for (std::size_t i = sample.size(); i < chunks.size() && sample.size() + more.size() < o.real; ++i)
      more.push_back(text_of(chunks[i]));
    t0 = Clock::now();
    auto v = embed_parallel(*model, more, o.threads, 32);
    real = std::move(sample_vecs);
    for (auto& x : v) real.push_back(std::move(x));
    std::printf("  real vectors: %zu embedded now (%.1f s more)\n", real.size(), seconds_since(t0));
  }

  std::vector<std::vector<float>> data;
  if (!o.e2e_only) {
    // 3. Up to n: jittered copies of the real vectors (Gaussian noise of norm ~jitter, re-normalised).
    std::mt19937 rng(20261126);
    std::normal_distribution<float> g;
    const std::size_t dim = real.at(0).size();
    const float sigma = static_cast<float>(o.jitter / std::sqrt(static_cast<double>(dim)));
    data = real;
    if (data.size() > o.n) data.resize(o.n);
    double copy_cos = 0;
    while (data.size() < o.n) {
      const auto& src = real[data.size() % real.size()];
      std::vector<float> v(src);
      for (auto& x : v) x += sigma * g(rng);
      normalize(v);
      copy_cos += dot(v, src);
      data.push_back(std::move(v));
    }
    const std::size_t copies = data.size() - std::min(real.size(), data.size());
    std::printf(
        "  graph data: %zu vectors = %zu real + %zu jittered copies (noise norm %.2f, mean cosine copy vs "
        "original %.3f)\n",
        data.size(), data.size() - copies, copies, o.jitter, copies ? copy_cos / double(copies) : 1.0);

    // 4. Build one graph of n vectors (one tenant: the hardest case for search).
    double rss0 = rss_mb();
    VectorIndex idx(o.index);
    t0 = Clock::now();
    for (std::size_t i = 0; i < data.size(); ++i) idx.upsert(1, std::to_string(i), data[i]);
    double build_s = seconds_since(t0);
    double rss1 = rss_mb();
    std::printf(
        "  HNSW build (M=%zu, ef_construction=%zu, one thread): %.1f s (%.0f vectors/s); RSS +%.0f MB "
        "(raw vectors %.0f MB)\n",
        o.index.m, o.index.ef_construction, build_s, double(data.size()) / build_s, rss1 - rss0,
        double(data.size() * dim * 4) / 1e6);

    // 5. Queries: real MedQuAD questions through the model.
    std::vector<std::string> qtexts;
    for (std::size_t i = 0; i < mq.queries.size() && qtexts.size() < o.queries; ++i)
      qtexts.push_back(mq.queries[i].text);
    std::vector<double> embed_us;
    std::vector<std::vector<float>> qv;
    for (const auto& q : qtexts) {
      auto t = Clock::now();
      qv.push_back(model->embed({q}).at(0));
      embed_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    }
    auto pe = percentiles(embed_us);
    std::printf("  query embedding (one question, one thread): p50 %.2f ms, p95 %.2f ms\n", pe.p50 / 1000,
                pe.p95 / 1000);
    // Exact top-10 by brute force.
    std::vector<std::vector<std::size_t>> exact;
    t0 = Clock::now();
    for (const auto& q : qv) {
      std::vector<std::pair<float, std::size_t>> all(data.size());
      for (std::size_t i = 0; i < data.size(); ++i) all[i] = {-dot(q, data[i]), i};
      std::partial_sort(all.begin(), all.begin() + 10, all.end());
      std::vector<std::size_t> top;
      for (int k = 0; k < 10; ++k) top.push_back(all[static_cast<std::size_t>(k)].second);
      exact.push_back(std::move(top));
    }
    std::printf("  exact search (brute force): %.1f ms per query\n", 1000 * seconds_since(t0) / double(qv.size()));
    std::printf("\n| ef_search | k | recall@10 vs exact | search p50 ms | p95 ms |\n|---|---|---|---|---|\n");
    for (std::size_t ef : {16, 32, 64, 128, 256}) {
      idx.set_ef_search(ef);
      for (int k : {10, 40}) {
        std::vector<double> us;
        double recall = 0;
        for (int rep = 0; rep < 2; ++rep)  // first pass warms caches
          for (std::size_t qi = 0; qi < qv.size(); ++qi) {
            auto t = Clock::now();
            auto hits = idx.search(1, qv[qi], k);
            double e = std::chrono::duration<double, std::micro>(Clock::now() - t).count();
            if (rep == 0) continue;
            us.push_back(e);
            std::set<std::string> got;
            for (std::size_t h = 0; h < hits.size() && h < 10; ++h) got.insert(hits[h].chunk_id);
            int found = 0;
            for (auto id : exact[qi]) found += got.count(std::to_string(id)) ? 1 : 0;
            recall += found / 10.0;
          }
        auto p = percentiles(us);
        std::printf("| %zu | %d | %.3f | %.3f | %.3f |\n", ef, k, recall / double(qv.size()), p.p50 / 1000,
                    p.p95 / 1000);
      }
    }
    std::fflush(stdout);
  }
  if (!o.e2e || table.empty()) return 0;

  // 6. The whole hybrid retrieve over ~100k chunks with vectors: MedQuAD copied under tenants (as in the
  // BM25 benchmark), every chunk's vector from the table, queries embedded once up front.
  data.clear();
  data.shrink_to_fit();
  auto source = std::make_shared<MemoryArticleSource>();
  std::size_t total = 0;
  std::int64_t tenants = 0;
  while (total < o.n) {
    ++tenants;
    for (const auto& a : mq.articles) {
      if (total >= o.n) break;
      Article copy = a;
      copy.tenant_id = tenants;
      copy.id = tenants * 1'000'000 + a.id;
      total += chunk_article(copy, {}).size();
      source->put(std::move(copy));
    }
  }
  auto embedder = std::make_shared<TableEmbedder>(model, std::move(table));
  RagOptions options;
  options.vectors = o.index;
  const double rss_before = rss_mb();
  RagService svc(options, source, embedder);
  t0 = Clock::now();
  svc.sync();
  const double sync_s = seconds_since(t0);
  const double rss_after = rss_mb();
  auto st = svc.stats();
  std::printf("\nHybrid retrieve over %zu chunks (%lld tenants, %zu vectors; chunk vectors looked up, not embedded):\n",
              st.chunks, static_cast<long long>(tenants), st.vectors);
  std::printf("  sync (chunk + BM25 + HNSW insert, ef_search %zu): %.1f s; RSS +%.0f MB\n", o.index.ef_search, sync_s,
              rss_after - rss_before);
  std::vector<const bench::Query*> qs;
  for (const auto& q : mq.queries) qs.push_back(&q);
  for (const auto* q : qs) embedder->embed({q->text});  // query vectors up front
  std::mt19937 pick_rng(7);
  std::uniform_int_distribution<std::int64_t> pick_tenant(1, tenants);
  for (auto m : {Method::bm25, Method::hybrid}) {
    std::vector<double> us;
    for (std::size_t i = 0; i < qs.size() + 100; ++i) {
      auto t = Clock::now();
      svc.search(pick_tenant(pick_rng), qs[i % qs.size()]->text, 5, m);
      double e = std::chrono::duration<double, std::micro>(Clock::now() - t).count();
      if (i >= 100) us.push_back(e);
    }
    auto p = percentiles(us);
    std::printf("  %s retrieve top-5 (query vector cached), %zu queries: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
                m == Method::bm25 ? "BM25  " : "hybrid", us.size(), p.p50 / 1000, p.p95 / 1000, p.p99 / 1000);
  }
  return 0;
}

}  // namespace

static int bench_embed(std::size_t n) {
  auto t0 = Clock::now();
  auto model = load_bench_model();
  if (!model) return 2;
  std::printf("model load: %.2f s, RSS %.0f MB\n", seconds_since(t0), rss_mb());
  auto mq = bench::load_medquad(bench::shared_dir() / "data" / "medquad_beir");
  std::vector<std::string> questions, chunks;
  for (const auto& q : mq.queries)
    if (questions.size() < n) questions.push_back(q.text);
  for (const auto& a : mq.articles) {
    if (chunks.size() >= n) break;
    for (auto& c : chunk_article(a, {}))
      if (chunks.size() < n) chunks.push_back(c.title + "\n" + c.text);
  }
  auto run = [&](const char* label, const std::vector<std::string>& texts, std::size_t batch) {
    std::size_t pieces = 0;
    for (const auto& t : texts) pieces += std::min(model->tokenizer().encode(t).size(), UseLiteModel::kMaxTokens);
    auto start = Clock::now();
    for (std::size_t i = 0; i < texts.size(); i += batch) {
      std::vector<std::string> b(texts.begin() + static_cast<std::ptrdiff_t>(i),
                                 texts.begin() + static_cast<std::ptrdiff_t>(std::min(texts.size(), i + batch)));
      model->embed(b);
    }
    double s = seconds_since(start);
    std::printf("| %s | %zu | %zu | %.1f | %.0f | %.0f | %.2f |\n", label, texts.size(), batch,
                double(pieces) / double(texts.size()), double(texts.size()) / s, double(pieces) / s,
                1000.0 * s / double(texts.size()));
  };
  std::printf("| texts | n | batch | pieces/text | texts/s | pieces/s | ms/text |\n|---|---|---|---|---|---|---|\n");
  run("MedQuAD questions", questions, 1);
  run("MedQuAD questions", questions, 32);
  run("MedQuAD chunks (title + 60-200 words)", chunks, 32);
  return 0;
}

// Issue #9: the cost of embedding ONE short question (the uncached pipeline turn) and of a 32-text batch,
// as CPU time per call (thread CPU clock, so other load on the machine affects it less than wall time).
// Compare two binaries back to back (old vs new) in one session.
static double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

static int bench_embed_one(double seconds) {
  auto model = load_bench_model();
  if (!model) return 2;
  auto mq = bench::load_medquad(bench::shared_dir() / "data" / "medquad_beir");
  // ~10-piece questions: the typical patient question of a pipeline turn.
  std::vector<std::string> short_q;
  for (const auto& q : mq.queries) {
    auto n = model->tokenizer().encode(q.text).size();
    if (n >= 8 && n <= 12) short_q.push_back(q.text);
    if (short_q.size() >= 64) break;
  }
  if (short_q.size() < 32) {
    std::fprintf(stderr, "rag_bench: too few short questions\n");
    return 2;
  }
  std::size_t pieces = 0;
  for (const auto& q : short_q) pieces += model->tokenizer().encode(q).size();
  auto time_it = [&](const UseLiteModel& m, const char* label, std::size_t batch) {
    std::size_t calls = 0, i = 0;
    for (int w = 0; w < 5; ++w) m.embed({short_q[0]});  // warm
    double best = 1e9, total = 0;
    const double c0 = thread_cpu_seconds();
    while (thread_cpu_seconds() - c0 < seconds) {
      std::vector<std::string> b;
      for (std::size_t k = 0; k < batch; ++k) b.push_back(short_q[(i++) % short_q.size()]);
      const double t = thread_cpu_seconds();
      m.embed(b);
      const double dt = thread_cpu_seconds() - t;
      best = std::min(best, dt);
      total += dt;
      ++calls;
    }
    std::printf("| %s | %s | %zu | %.3f | %.3f | %zu |\n", dense_isa_name(m.isa()), label, batch,
                1000.0 * total / double(calls), 1000.0 * best, calls);
  };
  std::printf("%zu questions of 8-12 pieces (mean %.1f); CPU ms per embed() call, load %.2f\n", short_q.size(),
              double(pieces) / double(short_q.size()), [] {
                double l[1] = {0};
                return getloadavg(l, 1) == 1 ? l[0] : -1.0;
              }());
  // Every kernel this CPU runs, in one process and two alternating rounds (the default one is marked).
  std::printf("default dense kernel: %s\n", dense_isa_name(best_dense_isa()));
  std::printf("| kernel | case | texts/call | mean ms | best ms | calls |\n|---|---|---|---|---|---|\n");
  std::vector<std::shared_ptr<const UseLiteModel>> models;
  for (DenseIsa isa : kDenseIsas)
    if (isa != DenseIsa::baseline && dense_isa_supported(isa))
      models.push_back(isa == best_dense_isa() ? model : load_bench_model(isa));
  for (int round = 0; round < 2; ++round)
    for (const auto& m : models) {
      time_it(*m, "one question", 1);
      time_it(*m, "32 questions", 32);
    }
  return 0;
}

int main(int argc, char** argv) {
  std::size_t chunks = 100'000, queries = 2000, hnsw_n = 0, hnsw_dim = 0, embed_n = 0;
  std::string bm25_path;
  double embed_one_s = 0;
  int candidates = 0;
  bool vectors = false, queries_set = false;
  VectorBenchOptions vo;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--queries" && i + 1 < argc) {
      queries = std::stoul(argv[++i]);
      queries_set = true;
    } else if (a == "--chunks" && i + 1 < argc)
      chunks = std::stoul(argv[++i]);
    else if (a == "--bm25-path" && i + 1 < argc)
      bm25_path = argv[++i];
    else if (a == "--candidates" && i + 1 < argc)
      candidates = std::stoi(argv[++i]);
    else if (a == "--embed" && i + 1 < argc)
      embed_n = std::stoul(argv[++i]);
    else if (a == "--embed-one" && i + 1 < argc)
      embed_one_s = std::stod(argv[++i]);
    else if (a == "--vectors" && i + 1 < argc) {
      vectors = true;
      vo.n = std::stoul(argv[++i]);
    } else if (a == "--vector-cache" && i + 1 < argc)
      vo.cache = argv[++i];
    else if (a == "--real" && i + 1 < argc)
      vo.real = std::stoul(argv[++i]);
    else if (a == "--sample" && i + 1 < argc)
      vo.sample = std::stoul(argv[++i]);
    else if (a == "--threads" && i + 1 < argc)
      vo.threads = std::max<std::size_t>(1, std::stoul(argv[++i]));
    else if (a == "--jitter" && i + 1 < argc)
      vo.jitter = std::stod(argv[++i]);
    else if (a == "--m" && i + 1 < argc)
      vo.index.m = std::stoul(argv[++i]);
    else if (a == "--ef-construction" && i + 1 < argc)
      vo.index.ef_construction = std::stoul(argv[++i]);
    else if (a == "--no-e2e")
      vo.e2e = false;
    else if (a == "--e2e-only")
      vo.e2e_only = true;
    else if (a == "--hnsw" && i + 2 < argc) {
      hnsw_n = std::stoul(argv[++i]);
      hnsw_dim = std::stoul(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: rag_bench [--chunks N] [--queries N] [--bm25-path DIR] [--candidates N] | --hnsw N DIM "
                   "[--queries N] | --embed N | --embed-one SECONDS | --vectors N [--vector-cache DIR] [--real N] "
                   "[--sample N] "
                   "[--threads N] [--jitter X] [--m M] [--ef-construction N] [--queries N] [--no-e2e]\n");
      return 2;
    }
  }
  if (embed_one_s > 0) return bench_embed_one(embed_one_s);
  if (embed_n) return bench_embed(embed_n);
  if (vectors) {
    vo.queries = queries_set ? std::min<std::size_t>(queries, 2000) : 200;
    return bench_vectors(vo);
  }
  if (hnsw_n) return bench_hnsw(hnsw_n, hnsw_dim, std::min<std::size_t>(queries, 500));
  return bench_bm25(chunks, queries, bm25_path, candidates);
}
