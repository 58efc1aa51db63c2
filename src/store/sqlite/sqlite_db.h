#pragma once
// A thin RAII layer over the SQLite C API: one connection, cached prepared statements.
// Not thread-safe: a connection belongs to one thread at a time.
#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"

namespace shaobing::sqlite {

class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binding (1-based, as SQLite). Resets the statement first when `first` is the first slot.
  Stmt& Bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindNull(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
  }
  template <typename T>
  Stmt& Bind(int i, const std::optional<T>& v) {
    return v ? Bind(i, *v) : BindNull(i);
  }

  // Steps once: true with a row, false when done; errors become kUnavailable/kConflict.
  Result<bool> Step();
  // Steps to the end (for statements without rows).
  Status Run();
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

  std::int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  double Double(int col) const { return sqlite3_column_double(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string();
  }
  std::optional<double> OptDouble(int col) const { return IsNull(col) ? std::nullopt : std::optional(Double(col)); }
  std::optional<std::int64_t> OptInt(int col) const { return IsNull(col) ? std::nullopt : std::optional(Int(col)); }

 private:
  sqlite3_stmt* s_;
};

class Db {
 public:
  // Opens (creating when `create`) the database file with WAL, foreign keys and a busy timeout.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  // A cached statement, reset and unbound, ready to bind.
  Result<Stmt*> Prepare(const char* sql);
  sqlite3* raw() { return db_; }
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  Error LastError(std::string_view context) const;

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<const char*, std::unique_ptr<Stmt>> cache_;  // keyed by the SQL literal's address
};

// Every row of a bound statement, read by `read(stmt)` (a T, or a Result<T> whose error ends
// the reading).
template <typename T, typename ReadRow>
Result<std::vector<T>> All(Stmt& s, ReadRow read) {
  std::vector<T> out;
  for (;;) {
    auto row = s.Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    if constexpr (std::is_same_v<std::invoke_result_t<ReadRow&, Stmt&>, T>) {
      out.push_back(read(s));
    } else {
      auto value = read(s);
      if (!value) {
        s.Reset();
        return Fail(value.error());
      }
      out.push_back(std::move(*value));
    }
  }
}

// The first row of a bound statement, if any (`read` as for All).
template <typename T, typename ReadRow>
Result<std::optional<T>> One(Stmt& s, ReadRow read) {
  auto row = s.Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<T>();
  std::optional<T> out;
  if constexpr (std::is_same_v<std::invoke_result_t<ReadRow&, Stmt&>, T>) {
    out = read(s);
  } else {
    auto value = read(s);
    if (!value) {
      s.Reset();
      return Fail(value.error());
    }
    out = std::move(*value);
  }
  s.Reset();
  return out;
}

}  // namespace shaobing::sqlite
