// RAG index benchmark (docs/PERFORMANCE.md "RAG").
//
//   rag_bench [--chunks N] [--queries N] [--bm25-path DIR] [--candidates N]
//                                            BM25 (in memory, or on disk in DIR; N = list length per retriever): index
//                                            N chunks (default 100000) synthesised from the MedQuAD corpus, report
//                                            build time, memory, search p50/p95/p99
//   rag_bench --hnsw N DIM [--queries N]     HNSW alone: N clustered random unit vectors of DIM dimensions,
//                                            build time, search p50/p95, recall@10 against exact search
//   rag_bench --embed N                      builtin embedder (USE Lite) speed on one thread: N MedQuAD
//                                            questions one at a time and in batches of 32, N MedQuAD chunks
//                                            in batches of 32; texts/s and pieces/s
//
// Synthesis: MedQuAD's 15,809 passages are chunked (60-200 words) and the whole corpus is repeated
// under new tenants (new article ids) until N chunks exist, the shape of many clinics with similar
// knowledge bases in one process. Queries are MedQuAD's questions, each sent to a random tenant.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "rag_data.hpp"
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
  std::printf("HNSW (hnswlib, M=16, ef_construction=200, ef_search=64), one thread\n");
  std::printf("  %zu clustered unit vectors, %zu dimensions\n", n, dim);
  std::printf("  build: %.1f s; memory +%.0f MB\n", build_s, rss1 - rss0);
  std::printf("  search top-10 over %zu queries: p50 %.3f ms, p95 %.3f ms; recall@10 vs exact %.3f\n", us.size(),
              p.p50 / 1000, p.p95 / 1000, recall / static_cast<double>(n_queries));
  return 0;
}

}  // namespace

static int bench_embed(std::size_t n) {
  auto dir = find_use_lite_model({(std::filesystem::path(AURIXA_SOURCE_DIR) / "models" / "use-lite").string()});
  if (dir.empty()) {
    std::fprintf(stderr, "rag_bench: USE Lite model not installed (scripts/install-deps.sh)\n");
    return 2;
  }
  auto t0 = Clock::now();
  auto model = UseLiteModel::load(dir);
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

int main(int argc, char** argv) {
  std::size_t chunks = 100'000, queries = 2000, hnsw_n = 0, hnsw_dim = 0, embed_n = 0;
  std::string bm25_path;
  int candidates = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--chunks" && i + 1 < argc)
      chunks = std::stoul(argv[++i]);
    else if (a == "--queries" && i + 1 < argc)
      queries = std::stoul(argv[++i]);
    else if (a == "--bm25-path" && i + 1 < argc)
      bm25_path = argv[++i];
    else if (a == "--candidates" && i + 1 < argc)
      candidates = std::stoi(argv[++i]);
    else if (a == "--embed" && i + 1 < argc)
      embed_n = std::stoul(argv[++i]);
    else if (a == "--hnsw" && i + 2 < argc) {
      hnsw_n = std::stoul(argv[++i]);
      hnsw_dim = std::stoul(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: rag_bench [--chunks N] [--queries N] [--bm25-path DIR] [--candidates N] | --hnsw N DIM "
                   "[--queries N]\n");
      return 2;
    }
  }
  if (embed_n) return bench_embed(embed_n);
  if (hnsw_n) return bench_hnsw(hnsw_n, hnsw_dim, std::min<std::size_t>(queries, 500));
  return bench_bm25(chunks, queries, bm25_path, candidates);
}
