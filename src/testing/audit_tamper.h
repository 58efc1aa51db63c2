#pragma once
// What someone with write access to the database file can do to the audit log, done the way
// they would: through the SQLite C API, with the append-only triggers dropped. For tests of
// the chain's anchor (store/audit_anchor.h). Header-only: only binaries that link the store
// include it. The database must not be open for writing elsewhere meanwhile.
#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/audit_chain.h"

namespace shaobing::testing {

class TamperedDb {
 public:
  explicit TamperedDb(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    Exec("DROP TRIGGER IF EXISTS audit_is_append_only; DROP TRIGGER IF EXISTS audit_is_kept");
  }
  ~TamperedDb() { sqlite3_close(db_); }
  TamperedDb(const TamperedDb&) = delete;
  TamperedDb& operator=(const TamperedDb&) = delete;

  void Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error(sql + ": " + text);
    }
  }

  // Deletes every record after `keep`.
  void Truncate(std::int64_t keep) { Exec("DELETE FROM audit WHERE seq > " + std::to_string(keep)); }

  // Replaces the detail of record `seq` and recomputes its hash and every later one, so that
  // the chain itself is consistent again.
  void Rewrite(std::int64_t seq, const std::string& detail) {
    std::string prev = kGenesisHash;
    if (seq > 1) prev = Text("SELECT hash FROM audit WHERE seq = " + std::to_string(seq - 1));
    sqlite3_stmt* rows = nullptr;
    Prepare("SELECT seq, at, actor, action, target, detail FROM audit WHERE seq >= " + std::to_string(seq) +
                " ORDER BY seq",
            &rows);
    std::vector<AuditRecord> records;
    while (sqlite3_step(rows) == SQLITE_ROW) {
      AuditRecord r;
      r.seq = sqlite3_column_int64(rows, 0);
      r.at = FromUnixMillis(sqlite3_column_int64(rows, 1));
      r.actor = Column(rows, 2);
      r.action = Column(rows, 3);
      r.target = Column(rows, 4);
      r.detail = r.seq == seq ? detail : Column(rows, 5);
      records.push_back(std::move(r));
    }
    sqlite3_finalize(rows);
    for (auto& r : records) {
      Seal(r, prev);
      prev = r.hash;
      sqlite3_stmt* update = nullptr;
      Prepare("UPDATE audit SET detail = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4", &update);
      sqlite3_bind_text(update, 1, r.detail.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(update, 2, r.prev_hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(update, 3, r.hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(update, 4, r.seq);
      const int rc = sqlite3_step(update);
      sqlite3_finalize(update);
      if (rc != SQLITE_DONE) throw std::runtime_error("update failed");
    }
  }

  std::string Text(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    Prepare(sql, &s);
    std::string out = sqlite3_step(s) == SQLITE_ROW ? Column(s, 0) : "";
    sqlite3_finalize(s);
    return out;
  }

 private:
  void Prepare(const std::string& sql, sqlite3_stmt** s) {
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, s, nullptr) != SQLITE_OK) throw std::runtime_error(sql);
  }
  static std::string Column(sqlite3_stmt* s, int col) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
    return p ? std::string(p) : std::string();
  }
  sqlite3* db_ = nullptr;
};

}  // namespace shaobing::testing
