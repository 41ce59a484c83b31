#pragma once
// The original's demo data (spec/SEED.md), loaded into an empty store on first start and by
// `aurixa seed`. Unlike the original (which dropped and recreated every table, D18), seeding never
// touches a store that already has data. Ids come out 1, 2, 3, ... per table, as in SEED.md.
//
// Beyond SEED.md, demo login accounts are created (all with the demo password, argon2id-hashed):
// the two console users of SEED.md §3 (ids 1-2), a platform administrator admin@aurixa.io, one account
// per seeded staff member with an email, and one per seeded patient with an email.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "store/password.hpp"

namespace aurixa::store {

class Database;

struct SeedOptions {
  std::string demo_password = "aurixa-demo";        // AURIXA_DEMO_PASSWORD
  std::string github_repository = "aurixa/aurixa";  // deployment environments' repository (GITHUB_REPOSITORY)
  PasswordCost password_cost;
};

// Seeds when the store has no tenants, in one transaction (all or nothing). Returns whether it seeded.
// The store must be migrated.
bool seed_if_empty(Database& db, const SeedOptions& options);

// Row count of every table of the schema (for `aurixa seed` output and tests).
std::map<std::string, std::int64_t> table_counts(Database& db);

// The demo accounts' emails and roles, for documentation and `make run` output.
struct DemoAccount {
  std::string email, role, tenant;
};
const std::vector<DemoAccount>& demo_accounts();

}  // namespace aurixa::store
