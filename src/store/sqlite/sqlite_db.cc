#include "store/sqlite/sqlite_db.h"

namespace shaobing::sqlite {
namespace {

Error SqlError(sqlite3* db, int rc, std::string_view context) {
  const int primary = rc & 0xff;
  ErrorCode code = ErrorCode::kUnavailable;
  if (primary == SQLITE_CONSTRAINT) code = ErrorCode::kConflict;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_MISUSE) code = ErrorCode::kInternal;
  std::string detail = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  return Error::Make(code, code == ErrorCode::kConflict ? "store_constraint" : "unavailable", "",
                     {{"detail", std::move(detail)}});
}

}  // namespace

Result<bool> Stmt::Step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  auto err = SqlError(sqlite3_db_handle(s_), rc, sqlite3_sql(s_));
  sqlite3_reset(s_);
  return Fail(std::move(err));
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r) return Fail(r.error());
    if (!*r) return {};
  }
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create, bool read_only) {
  // Once per process, before SQLite initialises: no global memory statistics, so that an
  // allocation takes no process-wide mutex (each connection is used by one thread at a time).
  static const int kConfigured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kConfigured;
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    auto err = SqlError(raw, rc, "open " + path);
    sqlite3_close(raw);
    return Fail(std::move(err));
  }
  std::unique_ptr<Db> db(new Db(raw));
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  if (auto s = db->Exec("PRAGMA foreign_keys = ON"); !s) return Fail(s.error());
  return db;
}

Db::~Db() {
  cache_.clear();
  sqlite3_close(db_);
}

Status Db::Exec(std::string_view sql) {
  char* msg = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &msg);
  if (rc != SQLITE_OK) {
    auto err = SqlError(db_, rc, msg ? msg : "exec");
    sqlite3_free(msg);
    return Fail(std::move(err));
  }
  return {};
}

Result<Stmt*> Db::Prepare(const char* sql) {
  if (auto it = cache_.find(sql); it != cache_.end()) {
    it->second->Reset();
    return it->second.get();
  }
  sqlite3_stmt* s = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
  if (rc != SQLITE_OK) return Fail(SqlError(db_, rc, sql));
  auto [it, _] = cache_.emplace(sql, std::make_unique<Stmt>(s));
  return it->second.get();
}

Error Db::LastError(std::string_view context) const { return SqlError(db_, sqlite3_errcode(db_), context); }

}  // namespace shaobing::sqlite
