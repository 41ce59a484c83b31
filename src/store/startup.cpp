#include "store/startup.hpp"

#include <cstdio>
#include <string>

#include "core/config.hpp"
#include "core/log.hpp"
#include "store/migrations.hpp"

namespace aurixa::store {

DatabaseOptions database_options(const Config& cfg) {
  DatabaseOptions o;
  o.url = cfg.database_url;
  o.data_dir = cfg.data_dir;
  o.pool_size = cfg.db_pool_size;
  o.sqlite_synchronous = cfg.sqlite_synchronous;
  return o;
}

SeedOptions seed_options(const Config& cfg) {
  SeedOptions s;
  s.demo_password = cfg.demo_password;
  s.github_repository = cfg.github_repository;
  return s;
}

std::unique_ptr<Database> open_for_serve(const Config& cfg, Log& log) {
  auto db = std::make_unique<Database>(database_options(cfg));
  auto report = migrate(*db);
  std::string applied;
  for (const auto& m : report.applied) applied += (applied.empty() ? "" : ",") + m;
  bool seeded = cfg.seed_demo_data && seed_if_empty(*db, seed_options(cfg));
  log.info("store ready", {{"location", db->location()},
                           {"schema_version", static_cast<std::int64_t>(report.version)},
                           {"migrations_applied", applied},
                           {"seeded", seeded}});
  return db;
}

int migrate_command(const Config& cfg) {
  try {
    Database db(database_options(cfg));
    auto report = migrate(db);
    for (const auto& m : report.applied) std::printf("applied %s\n", m.c_str());
    std::printf("%s: schema version %d (%zu migration%s applied)\n", db.location().c_str(), report.version,
                report.applied.size(), report.applied.size() == 1 ? "" : "s");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aurixa migrate: %s\n", e.what());
    return 1;
  }
}

int seed_command(const Config& cfg) {
  try {
    Database db(database_options(cfg));
    migrate(db);
    bool seeded = seed_if_empty(db, seed_options(cfg));
    std::printf("%s: %s\n", db.location().c_str(),
                seeded ? "demo data loaded" : "the store already has data; nothing changed");
    for (const auto& [table, n] : table_counts(db))
      if (n > 0) std::printf("  %-26s %lld\n", table.c_str(), static_cast<long long>(n));
    if (seeded) {
      std::printf("demo accounts (password from AURIXA_DEMO_PASSWORD%s):\n",
                  cfg.demo_password == Config{}.demo_password ? ", default \"aurixa-demo\"" : "");
      for (const auto& a : demo_accounts())
        std::printf("  %-34s %-15s %s\n", a.email.c_str(), a.role.c_str(), a.tenant.c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aurixa seed: %s\n", e.what());
    return 1;
  }
}

}  // namespace aurixa::store
