#include "raw_sqlite.h"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>

#include "store/audit_chain.h"
#include "store/sqlite/sqlite_store.h"

namespace shaobing::bench {

namespace {
void Check(int rc, sqlite3* db) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db));
}
sqlite3_stmt* Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  Check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db);
  return s;
}
void Run(sqlite3_stmt* s, sqlite3* db) {
  Check(sqlite3_step(s), db);
  sqlite3_reset(s);
}
}  // namespace

RawResult RawSqliteInserts(const std::string& path, const std::string& body, int batch, double seconds) {
  // The same schema, through the store's own migrations, then plain C API calls.
  if (!SqliteStore::Migrate(path)) throw std::runtime_error("migrate");
  sqlite3* db = nullptr;
  Check(sqlite3_open(path.c_str(), &db), db);
  Check(sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", nullptr, nullptr,
                     nullptr),
        db);
  Check(sqlite3_exec(
            db,
            "INSERT OR IGNORE INTO regions(code,name,level) VALUES('640000','宁夏','region');"
            "INSERT OR IGNORE INTO units(id,name,kind,region,level) VALUES('u','u','party_office','640000','county');",
            nullptr, nullptr, nullptr),
        db);
  auto* ins_event = Prepare(db,
                            "INSERT INTO events(category,title,region,region_path,opened_at,updated_at) "
                            "VALUES('fire','t','640000','640000',?1,?1)");
  auto* ins_report = Prepare(db,
                             "INSERT INTO reports(event_id,unit,kind,sequence,channel,logged_by,received_at,body) "
                             "VALUES(?1,'u','first',0,'written','u',?2,?3)");
  auto* upd_event = Prepare(db, "UPDATE events SET report_count=1, figures=?2 WHERE id=?1");
  auto* ins_audit = Prepare(db,
                            "INSERT INTO audit(seq,at,actor,action,target,detail,prev_hash,hash) "
                            "VALUES(?1,?2,'user:u','report.create',?3,?4,?5,?6)");
  std::string prev = kGenesisHash;
  std::int64_t seq = 0;
  RawResult out;
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    Check(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), db);
    for (int i = 0; i < batch; ++i) {
      const std::int64_t now = std::chrono::system_clock::now().time_since_epoch().count();
      sqlite3_bind_int64(ins_event, 1, now);
      Run(ins_event, db);
      const std::int64_t event_id = sqlite3_last_insert_rowid(db);
      sqlite3_bind_int64(ins_report, 1, event_id);
      sqlite3_bind_int64(ins_report, 2, now);
      sqlite3_bind_text(ins_report, 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
      Run(ins_report, db);
      const std::int64_t report_id = sqlite3_last_insert_rowid(db);
      sqlite3_bind_int64(upd_event, 1, event_id);
      sqlite3_bind_text(upd_event, 2, "{\"deaths\":1}", -1, SQLITE_STATIC);
      Run(upd_event, db);
      AuditRecord rec{++seq,
                      TimePoint(Millis(now)),
                      "user:u",
                      "report.create",
                      "report:" + std::to_string(report_id),
                      "{\"event_id\":" + std::to_string(event_id) + "}",
                      "",
                      ""};
      Seal(rec, prev);
      prev = rec.hash;
      sqlite3_bind_int64(ins_audit, 1, rec.seq);
      sqlite3_bind_int64(ins_audit, 2, now);
      sqlite3_bind_text(ins_audit, 3, rec.target.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_audit, 4, rec.detail.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_audit, 5, rec.prev_hash.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_audit, 6, rec.hash.c_str(), -1, SQLITE_TRANSIENT);
      Run(ins_audit, db);
      ++out.reports;
    }
    Check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db);
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.reports_per_second = out.reports / elapsed;
  for (auto* s : {ins_event, ins_report, upd_event, ins_audit}) sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

}  // namespace shaobing::bench
