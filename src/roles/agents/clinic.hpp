#pragma once
// The planner's view of one tenant and patient: what the clinic offers (providers, free slots), the patient's
// records (upcoming visits, prescriptions), and the execution engine for writes. An interface so the planner's
// dialogue logic is unit-tested with an in-memory clinic; StoreClinic (store_clinic.cpp) is the real one.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "roles/agents/nlu/nlu.hpp"
#include "roles/execution/api.hpp"

namespace aurixa::agents {

struct Slot {
  std::string date;      // YYYY-MM-DD
  std::string time;      // HH:MM
  std::string provider;  // e.g. Dr. Adams
  bool operator==(const Slot&) const = default;
};

struct Visit {
  std::int64_t id = 0;
  std::string date;  // YYYY-MM-DD
  std::string time;  // HH:MM
  std::string provider;
  std::string reason;
};

struct Medication {
  std::int64_t id = 0;
  std::string name;
  std::int64_t refills_remaining = 0;
};

class Clinic {
 public:
  virtual ~Clinic() = default;
  virtual nlu::Now now() = 0;  // the tenant's local date and time
  virtual std::vector<std::string> providers() = 0;
  // Free (bookable, not taken) slots between two dates inclusive, by date, time, provider.
  virtual std::vector<Slot> free_slots(const std::string& first, const std::string& last) = 0;
  virtual std::vector<Visit> upcoming_visits(std::int64_t patient_id) = 0;  // soonest first
  virtual std::vector<Medication> prescriptions(std::int64_t patient_id) = 0;
  virtual execution::ExecuteResult execute(const std::string& action, const std::map<std::string, std::string>& params,
                                           const std::string& idempotency_key) = 0;
};

}  // namespace aurixa::agents
