#pragma once
// Stored results of writes that carried an Idempotency-Key. The lookup, the write itself and save()
// belong to one transaction (see the admin API's with_idempotency), so a retry either finds the first
// result or performs the write for the first time; it can never write twice.
#include <optional>
#include <string>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

class IdempotencyRepository {
 public:
  explicit IdempotencyRepository(Tx& tx) : tx_(tx) {}

  // Serialises requests carrying the same key (call first in the transaction), then looks it up.
  std::optional<StoredResponse> claim(const Scope& scope, const std::string& route, const std::string& key);
  void save(const Scope& scope, const std::string& route, const std::string& key, const StoredResponse& response);
  // Forgets keys created before `before` (YYYY-MM-DD HH:MM:SS); returns how many.
  std::int64_t purge(const std::string& before);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
