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

// Thread-safe. A failing shared back-end (Redis) behaves as a miss, never as an error of the turn.
class ResponseCache {
 public:
  virtual ~ResponseCache() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  virtual void put(const std::string& key, std::string value) = 0;
  virtual bool enabled() const = 0;
  virtual std::uint64_t hits() const = 0;    // this process's lookups
  virtual std::uint64_t misses() const = 0;
  virtual std::size_t size() const = 0;      // entries held (for a shared cache: as far as known)
  virtual std::string backend() const = 0;   // memory | redis
};

// In-process LRU + TTL (all-in-one, or one replica).
class LocalResponseCache final : public ResponseCache {
 public:
  using Clock = std::chrono::steady_clock;
  LocalResponseCache(std::size_t capacity, std::chrono::seconds ttl) : capacity_(capacity), ttl_(ttl) {}

  std::optional<std::string> get(const std::string& key) override;
  void put(const std::string& key, std::string value) override;
  bool enabled() const override { return capacity_ > 0 && ttl_.count() > 0; }
  std::uint64_t hits() const override;
  std::uint64_t misses() const override;
  std::size_t size() const override;
  std::string backend() const override { return "memory"; }
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
