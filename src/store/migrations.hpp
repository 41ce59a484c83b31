#pragma once
// Versioned schema migrations. The numbered .sql files in src/store/migrations/ are compiled into the
// binary (embed_migrations.cmake). A file is NNNN_name.sql (both back-ends) or NNNN_name.sqlite.sql /
// NNNN_name.postgresql.sql (one back-end; a version then needs both). Each migration runs in its own
// transaction and is recorded in schema_migrations with a checksum, so re-running is a no-op and an
// applied migration that was edited afterwards is refused instead of silently diverging.
#include <string>
#include <vector>

namespace aurixa::store {

class Database;

struct EmbeddedMigration {
  const char* file;  // e.g. "0001_core_schema.sql"
  const char* sql;
};
// Generated at build time.
const std::vector<EmbeddedMigration>& embedded_migrations();

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call, in order
  int version = 0;                   // schema version afterwards
};

// Applies every pending migration. Safe to call from several processes at once (PostgreSQL: an
// advisory lock; SQLite: the write lock). Throws std::runtime_error naming the failing migration.
MigrationReport migrate(Database& db);
// Highest applied version, 0 for an empty store.
int schema_version(Database& db);

}  // namespace aurixa::store
