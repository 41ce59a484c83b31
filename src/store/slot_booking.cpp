#include "store/slot_booking.hpp"

#include "store/availability.hpp"
#include "store/sql.hpp"

namespace aurixa::store {

std::optional<AvailabilitySlot> lock_free_slot(Tx& tx, Id tenant, const std::string& date, const std::string& time,
                                               const std::string& provider) {
  // Same key as AppointmentRepository::ensure_free (advisory locks are re-entrant within a transaction).
  tx.lock("appointments:" + std::to_string(tenant) + ":" + provider);
  for (auto& s : AvailabilityRepository(tx).free_slots(Scope::tenant(tenant), date, provider))
    if (s.start_time == time) return s;
  return std::nullopt;
}

void lock_key(Tx& tx, std::string_view key) { tx.lock(key); }

}  // namespace aurixa::store
