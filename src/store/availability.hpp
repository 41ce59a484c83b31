#pragma once
// Bookable slots per tenant, date and provider. free_slots() leaves out slots that an active
// appointment already occupies, so booking consumes availability (the original never did: D13).
#include <optional>
#include <string>
#include <vector>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

class AvailabilityRepository {
 public:
  explicit AvailabilityRepository(Tx& tx) : tx_(tx) {}

  // Slots of one date (YYYY-MM-DD), ordered by start time then provider.
  std::vector<AvailabilitySlot> slots(const Scope& scope, const std::string& date,
                                      const std::optional<std::string>& provider = std::nullopt);
  // The same, without slots already taken by a non-cancelled appointment.
  std::vector<AvailabilitySlot> free_slots(const Scope& scope, const std::string& date,
                                           const std::optional<std::string>& provider = std::nullopt);
  // Providers with a slot between two dates (inclusive), in the order slots() of each date would first show
  // them (earliest date, then earliest start, then name): one query instead of one slots() per date.
  std::vector<std::string> provider_names(const Scope& scope, const std::string& first_date, const std::string& last_date);
  // Adds a slot for a tenant visible in scope; a duplicate (tenant, date, start, provider) -> ApiError 409.
  AvailabilitySlot add(const Scope& scope, const AvailabilitySlot& slot);
  std::int64_t count(const Scope& scope);

 private:
  Tx& tx_;
};

}  // namespace aurixa::store
