#include "store/availability.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

std::vector<AvailabilitySlot> fetch(Tx& tx, Query& q) {
  AvailabilitySlot s;
  auto st = q.prepare(tx, soci::into(s.id), soci::into(s.tenant_id), soci::into(s.slot_date), soci::into(s.start_time),
                      soci::into(s.end_time), soci::into(s.provider_name));
  std::vector<AvailabilitySlot> out;
  while (st.fetch()) out.push_back(s);
  return out;
}

Query slot_query(const Scope& scope, const std::string& date, const std::optional<std::string>& provider) {
  Query q("SELECT s.id, s.tenant_id, s.slot_date, s.start_time, s.end_time, s.provider_name FROM availability_slots s");
  q.where("s.slot_date = ?", date).scope(scope, "s.tenant_id");
  if (provider) q.where("s.provider_name = ?", *provider);
  return q;
}

}  // namespace

std::vector<AvailabilitySlot> AvailabilityRepository::slots(const Scope& scope, const std::string& date,
                                                            const std::optional<std::string>& provider) {
  Query q = slot_query(scope, date, provider);
  q.order_by("s.start_time, s.provider_name, s.id");
  return fetch(tx_, q);
}

std::vector<std::string> AvailabilityRepository::provider_names(const Scope& scope, const std::string& first_date,
                                                               const std::string& last_date) {
  Query q("SELECT s.provider_name FROM availability_slots s");
  q.where("s.slot_date >= ?", first_date).where("s.slot_date <= ?", last_date).scope(scope, "s.tenant_id");
  q.raw(" GROUP BY s.slot_date, s.provider_name").order_by("s.slot_date, MIN(s.start_time), s.provider_name");
  std::string name;
  auto st = q.prepare(tx_, soci::into(name));
  std::vector<std::string> out;
  while (st.fetch())
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  return out;
}

std::vector<AvailabilitySlot> AvailabilityRepository::free_slots(const Scope& scope, const std::string& date,
                                                                 const std::optional<std::string>& provider) {
  auto all = slots(scope, date, provider);
  // Active visits of that day, compared in C++: a slot's start is "<date> <HH:MM>:00", and mixing a DATE
  // column with text into a timestamp has no spelling shared by SQLite and PostgreSQL.
  Query q("SELECT tenant_id, provider_name, start_time, end_time FROM appointments");
  q.where("status <> ?", "cancelled")
      .where("start_time <= ?", date + " 23:59:59")
      .where("end_time > ?", date + " 00:00:00")
      .scope(scope, "tenant_id");
  struct Busy {
    Id tenant;
    std::string provider, start, end;
  };
  std::vector<Busy> busy;
  Busy b;
  auto st = q.prepare(tx_, soci::into(b.tenant), soci::into(b.provider), soci::into(b.start), soci::into(b.end));
  while (st.fetch()) busy.push_back(b);
  std::vector<AvailabilitySlot> out;
  for (const auto& s : all) {
    const std::string start = date + " " + s.start_time + ":00", end = date + " " + s.end_time + ":00";
    bool taken = false;
    for (const auto& v : busy)
      taken |= v.tenant == s.tenant_id && v.provider == s.provider_name && v.start < end && v.end > start;
    if (!taken) out.push_back(s);
  }
  return out;
}

AvailabilitySlot AvailabilityRepository::add(const Scope& scope, const AvailabilitySlot& in) {
  tx_.require_write();
  if (!scope.allows(in.tenant_id))
    throw ApiError::validation("tenant_id", "Tenant id " + std::to_string(in.tenant_id) + " not found");
  AvailabilitySlot s = in;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO availability_slots (tenant_id, slot_date, start_time, end_time, provider_name, "
               "created_at, updated_at) VALUES (:t, :d, :s, :e, :p, :c, :u) RETURNING id",
      soci::use(s.tenant_id), soci::use(s.slot_date), soci::use(s.start_time), soci::use(s.end_time),
      soci::use(s.provider_name), soci::use(now), soci::use(now), soci::into(s.id);
  return s;
}

std::int64_t AvailabilityRepository::count(const Scope& scope) {
  return count_in_scope(tx_, "availability_slots", scope);
}

}  // namespace aurixa::store
