#include "store/migrations.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "store/dialect.hpp"
#include "store/password.hpp"
#include "store/sql.hpp"

namespace aurixa::store {
namespace {

struct Migration {
  int version = 0;
  std::string name;  // file name without the back-end suffix and ".sql"
  std::string sql;
};

// The migrations for one back-end, ordered by version.
std::vector<Migration> plan(Backend backend) {
  const std::string mine = backend == Backend::sqlite ? ".sqlite.sql" : ".postgresql.sql";
  const std::string other = backend == Backend::sqlite ? ".postgresql.sql" : ".sqlite.sql";
  std::map<int, Migration> by_version;
  for (const auto& f : embedded_migrations()) {
    std::string file = f.file;
    if (file.ends_with(other)) continue;
    std::size_t digits = 0;
    while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
    if (digits == 0 || digits >= file.size() || file[digits] != '_')
      throw std::logic_error("migration file name must start with NNNN_: " + file);
    Migration m;
    m.version = std::stoi(file.substr(0, digits));
    m.name = file.substr(0, file.size() - (file.ends_with(mine) ? mine.size() : 4));
    m.sql = dialect::expand(f.sql, backend);
    if (!by_version.emplace(m.version, m).second)
      throw std::logic_error("two migrations share version " + std::to_string(m.version));
  }
  std::vector<Migration> out;
  for (auto& [v, m] : by_version) out.push_back(std::move(m));
  return out;
}

void ensure_table(Database& db) {
  db.write([](Tx& tx) {
    tx.lock("aurixa:migrate");
    tx.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name VARCHAR(255) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                "applied_at TIMESTAMP NOT NULL)";
  });
}

}  // namespace

int schema_version(Database& db) {
  ensure_table(db);
  return db.read([](Tx& tx) {
    int v = 0;
    soci::indicator ind = soci::i_ok;
    tx.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    return ind == soci::i_null ? 0 : v;
  });
}

MigrationReport migrate(Database& db) {
  ensure_table(db);
  MigrationReport report;
  for (const auto& m : plan(db.backend())) {
    const std::string checksum = sha256_hex(m.sql);
    bool applied = db.write([&](Tx& tx) {
      tx.lock("aurixa:migrate");  // another process may be migrating the same database right now
      std::string recorded;
      soci::indicator ind = soci::i_null;
      tx.sql() << "SELECT checksum FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(recorded, ind);
      if (tx.sql().got_data() && ind == soci::i_ok) {
        if (recorded != checksum)
          throw std::runtime_error("migration " + m.name +
                                   " was changed after it was applied; add a new migration instead");
        return false;
      }
      try {
        tx.exec_script(m.sql);
      } catch (const std::exception& e) {
        throw std::runtime_error("migration " + m.name + " failed: " + e.what());
      }
      std::string now = tx.now();
      tx.sql() << "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (:v, :n, :c, :t)",
          soci::use(m.version), soci::use(m.name), soci::use(checksum), soci::use(now);
      return true;
    });
    if (applied) report.applied.push_back(m.name);
    report.version = m.version;
  }
  return report;
}

}  // namespace aurixa::store
