#pragma once
// Response cache for knowledge answers: LRU with a TTL, thread-safe, with hit/miss counters. Keys are built by
// cache_key(): the prompt normalised only in case, spacing and punctuation — every word is kept, so "can I
// take ibuprofen" and "can I not take ibuprofen" never share an entry — plus tenant, patient and intent.
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aurixa::orchestration {

std::string cache_key(std::string_view prompt, std::int64_t tenant_id, std::optional<std::int64_t> patient_id,
                      std::string_view intent);

class ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  ResponseCache(std::size_t capacity, std::chrono::seconds ttl) : capacity_(capacity), ttl_(ttl) {}

  std::optional<std::string> get(const std::string& key);
  void put(const std::string& key, std::string value);
  bool enabled() const { return capacity_ > 0 && ttl_.count() > 0; }
  std::uint64_t hits() const;
  std::uint64_t misses() const;
  std::size_t size() const;
  // For tests: pretend time moved on.
  void advance_clock(std::chrono::seconds by);

 private:
  struct Entry {
    std::string key, value;
    Clock::time_point expires;
  };
  Clock::time_point now() const { return Clock::now() + skew_; }
  const std::size_t capacity_;
  const std::chrono::seconds ttl_;
  mutable std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::uint64_t hits_ = 0, misses_ = 0;
  Clock::duration skew_{0};
};

}  // namespace aurixa::orchestration
