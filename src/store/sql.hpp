#pragma once
// Internal to src/store: the SOCI side of a transaction. Only repository .cpp files include this;
// everything else sees Tx as an opaque type.
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"
#include "store/model.hpp"

// std::optional<T> binds as a nullable value (SOCI 4.0 knows only boost::optional).
namespace soci {
template <typename T>
struct type_conversion<std::optional<T>> {
  using base_type = typename type_conversion<T>::base_type;
  static void from_base(const base_type& in, indicator ind, std::optional<T>& out) {
    if (ind == i_null) {
      out.reset();
      return;
    }
    T value{};
    type_conversion<T>::from_base(in, ind, value);
    out = std::move(value);
  }
  static void to_base(const std::optional<T>& in, base_type& out, indicator& ind) {
    if (in) {
      type_conversion<T>::to_base(*in, out, ind);
    } else {
      ind = i_null;
    }
  }
};
}  // namespace soci

namespace aurixa::store {

// Statements prepared once per connection and reused by every later transaction on it, keyed by their SQL
// text (the hot writes: turns, pipeline steps, audit rows, telemetry events), so SQLite does not compile and
// PostgreSQL does not parse/plan the same text again for every row. Owned by the connection's pool slot;
// cleared when the connection is reopened. Not thread-safe (a connection serves one transaction at a time).
class StatementCache {
 public:
  struct Entry {
    virtual ~Entry() = default;
  };
  Entry* find(const std::string& sql) {
    auto it = map_.find(sql);
    return it == map_.end() ? nullptr : it->second.get();
  }
  Entry* put(const std::string& sql, std::unique_ptr<Entry> e) {
    return map_.insert_or_assign(sql, std::move(e)).first->second.get();
  }
  void clear() { map_.clear(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<Entry>> map_;
};

// A cached statement and the values it is bound to (SOCI binds by address): fill `row`, then Tx::run(st).
template <class Row>
struct Prepared : StatementCache::Entry {
  explicit Prepared(soci::session& s) : st(s) {}
  Row row;
  soci::statement st;  // declared after row: destroyed before the values it binds
};

class Tx {
 public:
  Tx(soci::session& session, Backend backend, bool writable, StatementCache* cache = nullptr);

  soci::session& sql() { return session_; }
  Backend backend() const { return backend_; }
  bool writable() const { return writable_; }
  // Throws std::logic_error when a write method is called inside Database::read.
  void require_write() const;
  // Serialises transactions that name the same key until this one ends: a transaction-scoped
  // advisory lock on PostgreSQL; a no-op on SQLite, whose single writer already serialises all writes.
  void lock(std::string_view key);
  // Runs a multi-statement SQL script (migrations) on this transaction's connection.
  void exec_script(const std::string& script);
  // The transaction's timestamp (naive UTC, "YYYY-MM-DD HH:MM:SS"), fixed when it began, so every row a
  // transaction writes carries the same time.
  const std::string& now() const { return now_; }

  // The connection's cached statement for `sql`, prepared on first use with bind(st, row) exchanging
  // soci::use/soci::into of row's members. The same SQL text must always come with the same Row type.
  template <class Row, class Bind>
  Prepared<Row>& prepared(const std::string& sql, Bind&& bind) {
    if (auto* e = cache_->find(sql)) {
      if (auto* p = dynamic_cast<Prepared<Row>*>(e)) return *p;
      throw std::logic_error("store: one SQL text cached with two row types");
    }
    auto p = std::make_unique<Prepared<Row>>(session_);
    bind(p->st, p->row);
    p->st.alloc();
    p->st.prepare(sql);
    p->st.define_and_bind();
    return static_cast<Prepared<Row>&>(*cache_->put(sql, std::move(p)));
  }
  // Executes a cached statement once with its current values (into targets, e.g. RETURNING id, are filled),
  // then resets it so no statement stays active across COMMIT.
  void run(soci::statement& st);
  // A cached single-row INSERT (`sql` without a RETURNING clause) whose run_insert() returns the new row's
  // id: through RETURNING id into row.id on PostgreSQL; on SQLite, where RETURNING materialises an ephemeral
  // table per statement, from the connection's last rowid.
  template <class Row, class Bind>
  Prepared<Row>& prepared_insert(const std::string& sql, Bind&& bind) {
    if (backend_ == Backend::sqlite) return prepared<Row>(sql, std::forward<Bind>(bind));
    return prepared<Row>(sql + " RETURNING id", [&bind](soci::statement& st, Row& row) {
      bind(st, row);
      st.exchange(soci::into(row.id));
    });
  }
  template <class Row>
  Id run_insert(Prepared<Row>& insert) {
    run(insert.st);
    return backend_ == Backend::sqlite ? last_insert_id() : insert.row.id;
  }

 private:
  Id last_insert_id();  // SQLite: the rowid of this connection's last INSERT
  soci::session& session_;
  Backend backend_;
  bool writable_;
  std::string now_;
  StatementCache local_;  // used when the connection has no cache of its own
  StatementCache* cache_;
};

// Builds a SELECT with optional filters whose parameters are bound by name, so a query with N optional
// conditions needs no 2^N spellings. Values are owned by the builder (SOCI binds by reference).
//   Query q("SELECT id, name FROM tenants");
//   q.where("tenant_id = ?", tenant).where("status = ?", status).order_by("id").page(page);
//   auto st = q.prepare(tx, soci::into(t.id), soci::into(t.name));
//   while (st.fetch()) ...
class Query {
 public:
  explicit Query(std::string select) : sql_(std::move(select)) {}

  // Adds "AND <condition>"; each '?' in it takes the next value.
  template <typename... V>
  Query& where(std::string_view condition, const V&... values) {
    sql_ += where_used_ ? " AND " : " WHERE ";
    where_used_ = true;
    append_with_values(condition, {to_value(values)...});
    return *this;
  }
  // Adds the tenant condition of a scope (nothing for platform scope).
  Query& scope(const Scope& scope, std::string_view column);
  Query& raw(std::string_view text) {
    sql_ += text;
    return *this;
  }
  Query& order_by(std::string_view order) {
    sql_ += " ORDER BY ";
    sql_ += order;
    return *this;
  }
  Query& page(const Page& p);

  // Prepares and executes; fetch() then fills the into targets row by row.
  template <typename... Into>
  soci::statement prepare(Tx& tx, Into&&... into) {
    soci::statement st(tx.sql());
    bind(st);
    (st.exchange(std::forward<Into>(into)), ...);
    st.alloc();
    st.prepare(sql_);
    st.define_and_bind();
    st.execute(false);
    return st;
  }
  // For "SELECT COUNT(*) ..." queries.
  std::int64_t count(Tx& tx);
  const std::string& sql() const { return sql_; }

 private:
  struct Value {
    bool is_int = false;
    long long i = 0;
    std::string s;
  };
  static Value to_value(long long v) { return Value{true, v, {}}; }
  static Value to_value(long v) { return Value{true, v, {}}; }
  static Value to_value(int v) { return Value{true, v, {}}; }
  static Value to_value(const std::string& v) { return Value{false, 0, v}; }
  static Value to_value(std::string_view v) { return Value{false, 0, std::string(v)}; }
  static Value to_value(const char* v) { return Value{false, 0, v}; }
  void append_with_values(std::string_view text, std::initializer_list<Value> values);
  void bind(soci::statement& st);

  std::string sql_;
  bool where_used_ = false;
  std::vector<Value> values_;  // reserved up front in bind(); addresses must not move after binding
  std::vector<std::string> names_;
};

// The first row of a result, or nullopt (every get-by-id).
template <typename T>
std::optional<T> first_row(std::vector<T> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

// SELECT COUNT(*) FROM <table> restricted to a scope through <tenant_column> (every count(scope)).
std::int64_t count_in_scope(Tx& tx, const char* table, const Scope& scope, const char* tenant_column = "tenant_id");

// Reads SQL booleans (0/1 on SQLite, t/f on PostgreSQL; SOCI yields an int for both) into bool.
inline bool as_bool(int v) { return v != 0; }

}  // namespace aurixa::store
