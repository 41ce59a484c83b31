#include "roles/rag/vector_index.hpp"
#include "core/json.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#include <hnswlib/hnswlib.h>
#pragma GCC diagnostic pop

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace aurixa::rag {

struct VectorIndex::Tenant {
  std::unique_ptr<hnswlib::InnerProductSpace> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
  std::unordered_map<std::string, hnswlib::labeltype> labels;  // chunk id -> label (deleted ones too)
  std::vector<std::string> chunk_ids;                          // label -> chunk id
  std::vector<bool> live;
  std::vector<std::uint64_t> stamps;
  std::size_t live_count = 0;
};

namespace {
namespace fs = std::filesystem;
constexpr int kFormat = 1;
}  // namespace

VectorIndex::VectorIndex(VectorIndexOptions options) : options_(options) {}
VectorIndex::~VectorIndex() = default;

void VectorIndex::upsert(std::int64_t tenant_id, const std::string& chunk_id, const std::vector<float>& v,
                         std::uint64_t stamp) {
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
    t.stamps.push_back(0);
    if (t.graph->cur_element_count >= t.graph->max_elements_) t.graph->resizeIndex(t.graph->max_elements_ * 2);
  } else if (t.live[label]) {
    --t.live_count;
  }
  // addPoint on an existing label updates its vector and links (and undoes a markDelete).
  t.graph->addPoint(v.data(), label);
  t.live[label] = true;
  t.stamps[label] = stamp;
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

void VectorIndex::clear() {
  std::lock_guard lock(mutex_);
  tenants_.clear();
  dim_ = 0;
}

void VectorIndex::set_ef_search(std::size_t ef) {
  std::lock_guard lock(mutex_);
  options_.ef_search = ef;
  for (auto& [_, t] : tenants_) t->graph->setEf(ef);
}

bool VectorIndex::contains(std::int64_t tenant_id, const std::string& chunk_id, std::uint64_t stamp) const {
  std::lock_guard lock(mutex_);
  auto tit = tenants_.find(tenant_id);
  if (tit == tenants_.end()) return false;
  const auto& t = *tit->second;
  auto it = t.labels.find(chunk_id);
  return it != t.labels.end() && t.live[it->second] && t.stamps[it->second] == stamp;
}

std::vector<float> VectorIndex::vector_of(std::int64_t tenant_id, const std::string& chunk_id) const {
  std::lock_guard lock(mutex_);
  auto tit = tenants_.find(tenant_id);
  if (tit == tenants_.end()) return {};
  const auto& t = *tit->second;
  auto it = t.labels.find(chunk_id);
  if (it == t.labels.end() || !t.live[it->second]) return {};
  return t.graph->getDataByLabel<float>(it->second);
}

std::vector<std::pair<std::int64_t, std::string>> VectorIndex::live_chunks() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& [tenant, t] : tenants_)
    for (std::size_t label = 0; label < t->chunk_ids.size(); ++label)
      if (t->live[label]) out.emplace_back(tenant, t->chunk_ids[label]);
  return out;
}

void VectorIndex::save(const std::string& dir_s) const {
  const fs::path dir(dir_s), next(dir_s + ".next"), old(dir_s + ".old");
  std::error_code ec;
  fs::remove_all(next, ec);
  fs::create_directories(next, ec);
  if (ec) throw std::runtime_error("cannot create " + next.string() + ": " + ec.message());
  boost::json::object manifest;
  {
    std::lock_guard lock(mutex_);
    manifest["format"] = kFormat;
    manifest["dimension"] = static_cast<std::int64_t>(dim_);
    boost::json::array tenants;
    for (const auto& [tenant, t] : tenants_) {
      const std::string file = "tenant-" + std::to_string(tenant) + ".hnsw";
      t->graph->saveIndex((next / file).string());
      boost::json::array ids, live, stamps;
      for (std::size_t label = 0; label < t->chunk_ids.size(); ++label) {
        ids.emplace_back(t->chunk_ids[label]);
        live.emplace_back(static_cast<bool>(t->live[label]));
        stamps.emplace_back(std::to_string(t->stamps[label]));  // JSON numbers lose 64-bit precision
      }
      tenants.emplace_back(boost::json::object{{"tenant_id", tenant},
                                               {"file", file},
                                               {"chunk_ids", std::move(ids)},
                                               {"live", std::move(live)},
                                               {"stamps", std::move(stamps)}});
    }
    manifest["tenants"] = std::move(tenants);
  }
  {
    std::ofstream out(next / "manifest.json", std::ios::binary | std::ios::trunc);
    out << aurixa::json::serialize(manifest);
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + (next / "manifest.json").string());
  }
  fs::remove_all(old, ec);
  if (fs::exists(dir)) fs::rename(dir, old);
  fs::rename(next, dir);
  fs::remove_all(old, ec);
}

bool VectorIndex::load(const std::string& dir_s, std::size_t expected_dim) {
  fs::path dir(dir_s);
  std::error_code ec;
  // A crash between the two renames of save() leaves only the previous copy, as <dir>.old.
  if (!fs::exists(dir / "manifest.json", ec)) dir = fs::path(dir_s + ".old");
  if (!fs::exists(dir / "manifest.json", ec)) return false;
  std::ifstream in(dir / "manifest.json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::json::value root;
  try {
    root = boost::json::parse(ss.str());
  } catch (const std::exception& e) {
    throw std::runtime_error((dir / "manifest.json").string() + ": " + e.what());
  }
  const auto& m = root.as_object();
  if (m.at("format").to_number<int>() != kFormat)
    throw std::runtime_error((dir / "manifest.json").string() + ": unknown format");
  const auto dim = m.at("dimension").to_number<std::size_t>();
  if (expected_dim && dim && dim != expected_dim)
    throw std::runtime_error((dir / "manifest.json").string() + ": dimension " + std::to_string(dim) + ", expected " +
                             std::to_string(expected_dim));
  std::map<std::int64_t, std::unique_ptr<Tenant>> loaded;
  for (const auto& tv : m.at("tenants").as_array()) {
    const auto& to = tv.as_object();
    auto t = std::make_unique<Tenant>();
    const auto& ids = to.at("chunk_ids").as_array();
    const auto& live = to.at("live").as_array();
    const auto& stamps = to.at("stamps").as_array();
    if (live.size() != ids.size() || stamps.size() != ids.size())
      throw std::runtime_error((dir / "manifest.json").string() + ": inconsistent tenant entry");
    for (std::size_t label = 0; label < ids.size(); ++label) {
      t->chunk_ids.emplace_back(ids[label].as_string());
      t->labels[t->chunk_ids.back()] = label;
      t->live.push_back(live[label].as_bool());
      t->stamps.push_back(std::stoull(std::string(stamps[label].as_string())));
      if (t->live.back()) ++t->live_count;
    }
    const fs::path file = dir / std::string(to.at("file").as_string());
    if (!fs::exists(file, ec)) throw std::runtime_error(file.string() + ": missing");
    t->space = std::make_unique<hnswlib::InnerProductSpace>(dim);
    try {
      t->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(t->space.get(), file.string(), false,
                                                                   std::max(options_.initial_capacity, ids.size()));
    } catch (const std::exception& e) {
      throw std::runtime_error(file.string() + ": " + e.what());
    }
    if (t->graph->cur_element_count != ids.size())
      throw std::runtime_error(file.string() + ": does not match the manifest");
    t->graph->setEf(options_.ef_search);
    loaded[to.at("tenant_id").to_number<std::int64_t>()] = std::move(t);
  }
  std::lock_guard lock(mutex_);
  dim_ = dim;
  tenants_ = std::move(loaded);
  return true;
}

std::size_t VectorIndex::dimension() const {
  std::lock_guard lock(mutex_);
  return dim_;
}

}  // namespace aurixa::rag
