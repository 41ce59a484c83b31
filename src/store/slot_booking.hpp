#pragma once
// The execution engine's booking step, kept in the store so it shares AppointmentRepository's lock:
// lock_free_slot() takes the provider's booking lock (the same key book()/reschedule() take), then looks
// for the offered, still free slot. Inside one write transaction the check and the following book() are
// therefore atomic on both back-ends; the unique index stays the backstop.
#include <optional>
#include <string>
#include <string_view>

#include "store/model.hpp"

namespace aurixa::store {

class Tx;

// The free slot tenant `tenant` offers for `provider` at date (YYYY-MM-DD) and time (HH:MM), or nullopt.
std::optional<AvailabilitySlot> lock_free_slot(Tx& tx, Id tenant, const std::string& date, const std::string& time,
                                               const std::string& provider);
// Serialises write transactions naming the same key until they end (Tx::lock).
void lock_key(Tx& tx, std::string_view key);

}  // namespace aurixa::store
