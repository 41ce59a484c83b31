#pragma once
// Platform-wide key/value settings (platform_config). Platform-level by nature: no tenant scope.
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

class PlatformConfigRepository {
 public:
  explicit PlatformConfigRepository(Tx& tx) : tx_(tx) {}

  // Ordered by category, then key.
  std::vector<ConfigEntry> list();
  std::optional<ConfigEntry> get(const std::string& key);
  // Updates an existing key (keys are never created through the API); nullopt when unknown.
  std::optional<ConfigEntry> set(const std::string& key, const std::string& value);
  // Inserts a key (seed and operators' tools); duplicate -> ApiError 409.
  ConfigEntry add(const ConfigEntry& entry);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
