#include "roles/orchestration/cache.hpp"

#include <cctype>

namespace aurixa::orchestration {

std::string cache_key(std::string_view prompt, std::int64_t tenant_id, std::optional<std::int64_t> patient_id,
                      std::string_view intent) {
  std::string norm;
  norm.reserve(prompt.size());
  bool space = false;
  for (const char ch : prompt) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || std::isalnum(u) || ch == '\'') {  // keep words (and contractions like "can't") intact
      if (space && !norm.empty()) norm += ' ';
      space = false;
      norm += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
    } else {
      space = true;
    }
  }
  return std::to_string(tenant_id) + "|" + (patient_id ? std::to_string(*patient_id) : "-") + "|" +
         std::string(intent) + "|" + norm;
}

std::optional<std::string> LocalResponseCache::get(const std::string& key) {
  std::lock_guard lock(mu_);
  const auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  if (it->second->expires <= now()) {
    lru_.erase(it->second);
    index_.erase(it);
    ++misses_;
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second);
  ++hits_;
  return it->second->value;
}

void LocalResponseCache::put(const std::string& key, std::string value) {
  if (!enabled()) return;
  std::lock_guard lock(mu_);
  const auto expires = now() + ttl_;
  if (const auto it = index_.find(key); it != index_.end()) {
    it->second->value = std::move(value);
    it->second->expires = expires;
    lru_.splice(lru_.begin(), lru_, it->second);
    return;
  }
  // Full: drop the least recently used entries (expired ones are dropped when next looked up).
  while (lru_.size() >= capacity_) {
    index_.erase(lru_.back().key);
    lru_.pop_back();
  }
  lru_.push_front({key, std::move(value), expires});
  index_[key] = lru_.begin();
}

std::uint64_t LocalResponseCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}
std::uint64_t LocalResponseCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}
std::size_t LocalResponseCache::size() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}
void LocalResponseCache::advance_clock(std::chrono::seconds by) {
  std::lock_guard lock(mu_);
  skew_ += by;
}

}  // namespace aurixa::orchestration
