#pragma once
// Immutable word -> flag-bits table for the per-word lookups of the detectors: open addressing with
// linear probing and stored FNV-1a hashes (one probe for most words, no pointer chasing, no allocation).
// Keys are string_views: the caller keeps the strings alive (string literals or static text).
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aurixa::safety {

struct Fnv1a {
  std::size_t operator()(std::string_view s) const noexcept {
    std::uint64_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

class WordTable {
 public:
  template <typename Map>
  explicit WordTable(const Map& m) {
    std::size_t cap = 16;
    while (cap < m.size() * 2) cap <<= 1;
    slots_.resize(cap);
    mask_ = cap - 1;
    for (const auto& [k, f] : m) {
      const std::uint64_t h = Fnv1a{}(k);
      std::size_t i = h & mask_;
      while (slots_[i].key.data()) i = (i + 1) & mask_;
      slots_[i] = {h, std::string_view(k), static_cast<unsigned>(f)};
    }
  }
  // Flag bits of `k`, 0 when absent.
  unsigned find(std::string_view k) const noexcept {
    const std::uint64_t h = Fnv1a{}(k);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.key.data()) return 0;
      if (s.hash == h && s.key == k) return s.flags;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::string_view key;
    unsigned flags = 0;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace aurixa::safety
