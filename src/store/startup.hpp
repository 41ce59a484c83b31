#pragma once
// How the binary brings the store up: `aurixa serve` (open, migrate, seed an empty store), `aurixa
// migrate` and `aurixa seed`. Kept here so main.cpp only calls these.
#include <memory>

#include "store/database.hpp"
#include "store/seed.hpp"

namespace aurixa {
struct Config;
class Log;
}  // namespace aurixa

namespace aurixa::store {

DatabaseOptions database_options(const Config& cfg);
SeedOptions seed_options(const Config& cfg);

// Opens the configured store, applies pending migrations and, when cfg.seed_demo_data, seeds it if empty.
// Throws std::runtime_error with a readable message.
std::unique_ptr<Database> open_for_serve(const Config& cfg, Log& log);

// The subcommands; return the process exit code and print a short report to stdout (errors to stderr).
int migrate_command(const Config& cfg);
int seed_command(const Config& cfg);

}  // namespace aurixa::store
