#include "store/sql.hpp"

#include <soci/sqlite3/soci-sqlite3.h>  // declares the sqlite3 C API in namespace sqlite_api

#include <ctime>
#include <stdexcept>

#include "store/dialect.hpp"

namespace aurixa::store {
namespace {

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace

Tx::Tx(soci::session& session, Backend backend, bool writable, StatementCache* cache)
    : session_(session), backend_(backend), writable_(writable), now_(utc_now()), cache_(cache ? cache : &local_) {}

void Tx::run(soci::statement& st) {
  auto reset = [&] {
    if (backend_ != Backend::sqlite) return;
    auto* be = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
    if (be && be->stmt_) sqlite_api::sqlite3_reset(be->stmt_);
  };
  try {
    st.execute(true);
  } catch (...) {
    reset();
    throw;
  }
  reset();
}

Id Tx::last_insert_id() {
  long long id = 0;
  if (!session_.get_last_insert_id("", id)) throw std::logic_error("store: no last insert id on this backend");
  return id;
}

void Tx::require_write() const {
  if (!writable_) throw std::logic_error("store: write attempted inside Database::read");
}

void Tx::lock(std::string_view key) {
  require_write();
  dialect::lock(session_, backend_, key);
}

void Tx::exec_script(const std::string& script) {
  require_write();
  dialect::exec_script(session_, backend_, script);
}

Query& Query::scope(const Scope& scope, std::string_view column) {
  if (scope.tenant_id()) where(std::string(column) + " = ?", *scope.tenant_id());
  return *this;
}

Query& Query::page(const Page& p) {
  sql_ += " LIMIT ";
  append_with_values("? OFFSET ?",
                     {to_value(static_cast<long long>(p.limit)), to_value(static_cast<long long>(p.offset))});
  return *this;
}

void Query::append_with_values(std::string_view text, std::initializer_list<Value> values) {
  auto it = values.begin();
  for (char c : text) {
    if (c != '?') {
      sql_ += c;
      continue;
    }
    if (it == values.end()) throw std::logic_error("Query: more '?' than values in: " + std::string(text));
    std::string name = "p" + std::to_string(values_.size());
    sql_ += ":" + name;
    names_.push_back(name);
    values_.push_back(*it++);
  }
  if (it != values.end()) throw std::logic_error("Query: more values than '?' in: " + std::string(text));
}

void Query::bind(soci::statement& st) {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (values_[i].is_int)
      st.exchange(soci::use(values_[i].i, names_[i]));
    else
      st.exchange(soci::use(values_[i].s, names_[i]));
  }
}

std::int64_t Query::count(Tx& tx) {
  long long n = 0;
  auto st = prepare(tx, soci::into(n));
  st.fetch();
  return n;
}

std::int64_t count_in_scope(Tx& tx, const char* table, const Scope& scope, const char* tenant_column) {
  Query q(std::string("SELECT COUNT(*) FROM ") + table);
  q.scope(scope, tenant_column);
  return q.count(tx);
}

}  // namespace aurixa::store
