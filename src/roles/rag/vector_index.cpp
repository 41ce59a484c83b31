#include "roles/rag/vector_index.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#include <hnswlib/hnswlib.h>
#pragma GCC diagnostic pop

#include <stdexcept>

namespace aurixa::rag {

struct VectorIndex::Tenant {
  std::unique_ptr<hnswlib::InnerProductSpace> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
  std::unordered_map<std::string, hnswlib::labeltype> labels;  // chunk id -> label (deleted ones too)
  std::vector<std::string> chunk_ids;                          // label -> chunk id
  std::vector<bool> live;
  std::size_t live_count = 0;
};

VectorIndex::VectorIndex(VectorIndexOptions options) : options_(options) {}
VectorIndex::~VectorIndex() = default;

void VectorIndex::upsert(std::int64_t tenant_id, const std::string& chunk_id, const std::vector<float>& v) {
  std::lock_guard lock(mutex_);
  if (v.empty()) throw std::invalid_argument("empty embedding");
  if (dim_ == 0) dim_ = v.size();
  if (v.size() != dim_) throw std::invalid_argument("embedding dimension changed");
  auto& slot = tenants_[tenant_id];
  if (!slot) {
    slot = std::make_unique<Tenant>();
    slot->space = std::make_unique<hnswlib::InnerProductSpace>(dim_);
    slot->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(slot->space.get(), options_.initial_capacity,
                                                                    options_.m, options_.ef_construction);
    slot->graph->setEf(options_.ef_search);
  }
  auto& t = *slot;
  auto [it, inserted] = t.labels.try_emplace(chunk_id, t.chunk_ids.size());
  hnswlib::labeltype label = it->second;
  if (inserted) {
    t.chunk_ids.push_back(chunk_id);
    t.live.push_back(false);
    if (t.graph->cur_element_count >= t.graph->max_elements_) t.graph->resizeIndex(t.graph->max_elements_ * 2);
  } else if (t.live[label]) {
    --t.live_count;
  }
  // addPoint on an existing label updates its vector and links (and undoes a markDelete).
  t.graph->addPoint(v.data(), label);
  t.live[label] = true;
  ++t.live_count;
}

void VectorIndex::remove(std::int64_t tenant_id, const std::string& chunk_id) {
  std::lock_guard lock(mutex_);
  auto tit = tenants_.find(tenant_id);
  if (tit == tenants_.end()) return;
  auto& t = *tit->second;
  auto it = t.labels.find(chunk_id);
  if (it == t.labels.end() || !t.live[it->second]) return;
  t.graph->markDelete(it->second);
  t.live[it->second] = false;
  --t.live_count;
}

std::vector<VectorHit> VectorIndex::search(std::int64_t tenant_id, const std::vector<float>& q, int k) const {
  std::lock_guard lock(mutex_);
  auto tit = tenants_.find(tenant_id);
  if (tit == tenants_.end() || q.size() != dim_ || k <= 0) return {};
  auto& t = *tit->second;
  if (t.live_count == 0) return {};
  auto n = std::min<std::size_t>(static_cast<std::size_t>(k), t.live_count);
  auto result = t.graph->searchKnnCloserFirst(q.data(), n);
  std::vector<VectorHit> out;
  out.reserve(result.size());
  for (const auto& [distance, label] : result) out.push_back({t.chunk_ids[label], 1.0f - distance});
  return out;
}

std::size_t VectorIndex::size() const {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [_, t] : tenants_) n += t->live_count;
  return n;
}

std::size_t VectorIndex::dimension() const {
  std::lock_guard lock(mutex_);
  return dim_;
}

}  // namespace aurixa::rag
