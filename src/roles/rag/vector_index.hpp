#pragma once
// Approximate nearest-neighbour search over chunk embeddings with hnswlib (cosine = inner product of
// unit vectors). One HNSW graph per tenant, so a search can never return another tenant's chunk and
// one tenant's growth does not slow the others. Removal marks the element deleted (hnswlib skips it in
// searches); its slot is reused when the same chunk id comes back.
//
// Persistence: save() writes every tenant's graph (hnswlib saveIndex) plus a manifest (dimension, chunk
// id, liveness and content stamp per label) to a directory, replacing the previous copy atomically
// (write <dir>.next, then swap); load() restores it. Each vector carries a caller-chosen stamp (the
// service uses a hash of the embedded text), so after a restart unchanged chunks keep their vectors
// instead of being embedded again.
//
// Thread-safety: all methods may be called concurrently (one mutex; HNSW searches take microseconds).
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace aurixa::rag {

struct VectorHit {
  std::string chunk_id;
  float similarity = 0;  // cosine similarity
};

struct VectorIndexOptions {
  std::size_t m = 16;
  std::size_t ef_construction = 200;
  // 128: recall@10 0.95 vs exact search on 100k USE Lite vectors (64 gave 0.89; docs/PERFORMANCE.md "RAG").
  std::size_t ef_search = 128;
  std::size_t initial_capacity = 1024;  // per tenant; grows by doubling
};

class VectorIndex {
 public:
  explicit VectorIndex(VectorIndexOptions options = {});
  ~VectorIndex();
  VectorIndex(const VectorIndex&) = delete;
  VectorIndex& operator=(const VectorIndex&) = delete;

  // Adds or replaces the vector of a chunk. The first vector fixes the dimension; a different one
  // later throws std::invalid_argument.
  void upsert(std::int64_t tenant_id, const std::string& chunk_id, const std::vector<float>& unit_vector,
              std::uint64_t stamp = 0);
  void remove(std::int64_t tenant_id, const std::string& chunk_id);
  std::vector<VectorHit> search(std::int64_t tenant_id, const std::vector<float>& unit_query, int k) const;
  std::size_t size() const;  // live vectors over all tenants
  std::size_t dimension() const;
  void clear();  // drops every vector and the dimension
  // Changes the search beam (hnswlib ef) of every existing and future tenant graph.
  void set_ef_search(std::size_t ef);
  // True when the chunk has a live vector with this stamp.
  bool contains(std::int64_t tenant_id, const std::string& chunk_id, std::uint64_t stamp) const;
  // The stored vector of a live chunk; empty when there is none (benchmarks reuse saved embeddings).
  std::vector<float> vector_of(std::int64_t tenant_id, const std::string& chunk_id) const;
  // (tenant, chunk id) of every live vector.
  std::vector<std::pair<std::int64_t, std::string>> live_chunks() const;

  // Writes the index under `dir` (created if needed). Throws std::runtime_error on I/O failure.
  void save(const std::string& dir) const;
  // Replaces the contents with the copy saved under `dir`; returns false (contents unchanged) when
  // there is none. Throws std::runtime_error when the copy is unreadable or its dimension is not
  // `expected_dim` (when non-zero).
  bool load(const std::string& dir, std::size_t expected_dim = 0);

 private:
  struct Tenant;
  VectorIndexOptions options_;
  mutable std::mutex mutex_;
  std::size_t dim_ = 0;
  std::map<std::int64_t, std::unique_ptr<Tenant>> tenants_;
};

}  // namespace aurixa::rag
