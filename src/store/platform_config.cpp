#include "store/platform_config.hpp"

#include "store/sql.hpp"

namespace aurixa::store {
namespace {

std::vector<ConfigEntry> fetch(Tx& tx, Query& q) {
  ConfigEntry e;
  auto st = q.prepare(tx, soci::into(e.id), soci::into(e.key), soci::into(e.value), soci::into(e.category));
  std::vector<ConfigEntry> out;
  while (st.fetch()) out.push_back(e);
  return out;
}

}  // namespace

std::vector<ConfigEntry> PlatformConfigRepository::list() {
  Query q("SELECT id, \"key\", value, category FROM platform_config");
  q.order_by("category, \"key\"");
  return fetch(tx_, q);
}

std::optional<ConfigEntry> PlatformConfigRepository::get(const std::string& key) {
  Query q("SELECT id, \"key\", value, category FROM platform_config");
  q.where("\"key\" = ?", key);
  return first_row(fetch(tx_, q));
}

std::optional<ConfigEntry> PlatformConfigRepository::set(const std::string& key, const std::string& value) {
  tx_.require_write();
  auto e = get(key);
  if (!e) return std::nullopt;
  e->value = value;
  std::string now = tx_.now();
  tx_.sql() << "UPDATE platform_config SET value = :v, updated_at = :u WHERE id = :id", soci::use(value),
      soci::use(now), soci::use(e->id);
  return e;
}

ConfigEntry PlatformConfigRepository::add(const ConfigEntry& in) {
  tx_.require_write();
  ConfigEntry e = in;
  std::string now = tx_.now();
  tx_.sql() << "INSERT INTO platform_config (\"key\", value, category, created_at, updated_at) "
               "VALUES (:k, :v, :c, :ca, :ua) RETURNING id",
      soci::use(e.key), soci::use(e.value), soci::use(e.category), soci::use(now), soci::use(now), soci::into(e.id);
  return e;
}

}  // namespace aurixa::store
