#include "store/sqlite/sqlite_store.h"

#include <pthread.h>

#include <chrono>

#include "store/migrations.h"
#include "store/sqlite/sqlite_change_log.h"
#include "store/sqlite/sqlite_fusion.h"
#include "store/sqlite/sqlite_notifications.h"
#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing {
using sqlite::All;
using sqlite::Db;
using sqlite::One;
using sqlite::Stmt;

// A reader connection borrowed from the pool for the duration of one read.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore& store, std::unique_ptr<Db> db) : store_(store), db_(std::move(db)) {}
  Lease(Lease&& other) noexcept : store_(other.store_), db_(std::move(other.db_)) {}
  ~Lease() {
    if (!db_) return;
    MutexLock lock(store_.readers_mu_);
    store_.idle_readers_.push_back(std::move(db_));
    store_.readers_cv_.notify_one();
  }
  Db& operator*() { return *db_; }
  Db* operator->() { return db_.get(); }

 private:
  SqliteStore& store_;
  std::unique_ptr<Db> db_;
};

namespace {

Result<int> ApplyMigrations(Db& db, int up_to) {
  if (auto s = db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      !s) {
    return Fail(s.error());
  }
  auto current = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!current) return Fail(current.error());
  auto row = (*current)->Step();
  if (!row) return Fail(row.error());
  int version = static_cast<int>((*current)->Int(0));
  (*current)->Reset();
  // A database written by a newer release: this one does not know its tables.
  if (version > LatestSchemaVersion()) {
    return Fail(
        Error::Make(ErrorCode::kConflict, "schema_newer", "",
                    {{"found", std::to_string(version)}, {"supported", std::to_string(LatestSchemaVersion())}}));
  }
  for (const auto& m : Migrations()) {
    if (m.version <= version || m.version > up_to) continue;
    if (auto s = db.Exec("BEGIN IMMEDIATE"); !s) return Fail(s.error());
    auto applied = db.Exec(m.sql);
    if (applied) {
      auto rec = db.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
      if (!rec) return Fail(rec.error());
      (*rec)->Bind(1, m.version).Bind(2, m.name).Bind(3, ToUnixMillis(SystemClock().Now()));
      applied = (*rec)->Run();
    }
    if (!applied) {
      (void)db.Exec("ROLLBACK");
      return Fail(applied.error());
    }
    if (auto s = db.Exec("COMMIT"); !s) return Fail(s.error());
    version = m.version;
  }
  return version;
}

Result<std::unique_ptr<Db>> OpenWriter(const std::string& path, bool durable) {
  auto db = Db::Open(path, /*create=*/true, /*read_only=*/false);
  if (!db) return Fail(db.error());
  if (auto s = (*db)->Exec("PRAGMA journal_mode = WAL"); !s) return Fail(s.error());
  if (auto s = (*db)->Exec(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF"); !s) {
    return Fail(s.error());
  }
  // 64 MiB of page cache for the writer: indexes stay hot under sustained intake.
  if (auto s = (*db)->Exec("PRAGMA cache_size = -65536"); !s) return Fail(s.error());
  return db;
}

}  // namespace

Result<int> SqliteStore::Migrate(const std::string& path, int up_to) {
  auto db = OpenWriter(path, true);
  if (!db) return Fail(db.error());
  return ApplyMigrations(**db, up_to);
}

Result<int> SqliteStore::SchemaVersion(const std::string& path) {
  auto db = Db::Open(path, /*create=*/false, /*read_only=*/true);
  if (!db) return Fail(db.error());
  auto table = (*db)->Prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  if (!table) return Fail(table.error());
  if (auto row = (*table)->Step(); !row) return Fail(row.error());
  if ((*table)->Int(0) == 0) return 0;
  auto current = (*db)->Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!current) return Fail(current.error());
  if (auto row = (*current)->Step(); !row) return Fail(row.error());
  return static_cast<int>((*current)->Int(0));
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& options) {
  if (!options.clock) return Fail(Error::Internal("SqliteOptions.clock is required"));
  std::unique_ptr<SqliteStore> store(new SqliteStore(options));
  auto writer = OpenWriter(options.path, options.durable);
  if (!writer) return Fail(writer.error());
  if (auto v = ApplyMigrations(**writer, LatestSchemaVersion()); !v) return Fail(v.error());
  store->audit_anchor_ = ResolveAnchorOptions(options.audit_anchor, options.path);
  bool start_due = false;
  if (store->audit_anchor_.enabled) {
    auto anchor = sqlite::SqliteAnchor::Open(store->audit_anchor_, options.durable);
    if (!anchor) return Fail(anchor.error());
    auto due = (*anchor)->Recover(**writer, options.clock->Now());
    if (!due) return Fail(due.error());
    store->anchor_ = std::move(*anchor);
    store->anchor_start_due_ = start_due = *due;
  }
  store->writer_db_ = std::move(*writer);
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    auto r = Db::Open(options.path, false, false);
    if (!r) return Fail(r.error());
    if (auto s = (*r)->Exec("PRAGMA query_only = ON"); !s) return Fail(s.error());
    MutexLock lock(store->readers_mu_);  // no reader thread yet; the analysis wants it held
    store->idle_readers_.push_back(std::move(*r));
  }
  store->writer_ = std::thread([s = store.get()] {
    pthread_setname_np(pthread_self(), "sb-writer");
    s->WriterLoop();
  });
  if (store->anchor_) {
    store->anchorer_ = std::thread([s = store.get()] {
      pthread_setname_np(pthread_self(), "sb-anchor");
      s->AnchorLoop();
    });
  }
  // A database from before anchoring: its history is anchored now, not at the first write.
  if (start_due) {
    if (auto s = store->Write([](Transaction&) -> Status { return {}; }); !s) return Fail(s.error());
  }
  return store;
}

SqliteStore::~SqliteStore() { Close(); }

void SqliteStore::Close() {
  {
    MutexLock lock(mu_);
    if (closing_ && !writer_.joinable()) return;
    closing_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  {
    MutexLock lock(anchor_mu_);
    writer_done_ = true;
  }
  anchor_cv_.notify_all();
  if (anchorer_.joinable()) anchorer_.join();
}

void SqliteStore::Submit(WriteJob job, WriteDone done) {
  {
    MutexLock lock(mu_);
    if (!closing_) {
      queue_.push_back({std::move(job), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Fail(Error::Make(ErrorCode::kUnavailable, "unavailable", "", {{"detail", "store closed"}})));
}

void SqliteStore::WriterLoop() {
  std::vector<Pending> batch;
  for (;;) {
    {
      MutexLock lock(mu_);
      lock.Wait(cv_, [this]() REQUIRES(mu_) { return closing_ || !queue_.empty(); });
      if (queue_.empty()) return;  // closing and drained
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    busy_since_ = std::chrono::steady_clock::now();
    CommitBatch(batch);  // answered too, when the anchor is off
    batch.clear();
    MutexLock lock(stats_mu_);
    CountBusyTime(std::chrono::steady_clock::now());
  }
}

void SqliteStore::CountBusyTime(std::chrono::steady_clock::time_point now) {
  stats_.writer_busy_seconds += std::chrono::duration<double>(now - busy_since_).count();
  busy_since_ = now;
}

StoreStats SqliteStore::Stats() const {
  StoreStats out;
  {
    MutexLock lock(stats_mu_);
    out = stats_;
  }
  {
    MutexLock lock(mu_);
    out.queue_depth = queue_.size();
  }
  MutexLock lock(anchor_mu_);
  out.anchor_waiting = committed_.size();
  return out;
}

void SqliteStore::CommitBatch(std::vector<Pending>& batch) {
  const auto started = std::chrono::steady_clock::now();
  Db& db = *writer_db_;
  std::vector<Status> results(batch.size());
  auto fail_all = [&](const Error& e) {
    for (auto& r : results) r = Fail(e);
    Finish(batch, results, std::nullopt);
  };
  if (auto s = db.Exec("BEGIN IMMEDIATE"); !s) return fail_all(s.error());
  sqlite::SqliteTransaction tx(db);
  if (auto s = tx.LoadAuditHead(); !s) {
    (void)db.Exec("ROLLBACK");
    return fail_all(s.error());
  }
  const auto head_before = tx.head();
  // Prepared once per connection: a savepoint per job costs no SQL parsing.
  auto run = [&db](const char* sql) -> Status {
    auto s = db.Prepare(sql);
    if (!s) return Fail(s.error());
    return (*s)->Run();
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    const auto head = tx.head();
    const size_t changes = tx.change_count();
    tx.set_now(options_.clock->Now());
    if (auto s = run("SAVEPOINT job"); !s) {
      results[i] = Fail(s.error());
      continue;
    }
    results[i] = batch[i].job(tx);
    if (!results[i]) {
      (void)run("ROLLBACK TO job");
      tx.restore(head);
      tx.DropChangesFrom(changes);  // a refused job announces nothing
    }
    (void)run("RELEASE job");
  }
  const bool appended = tx.head().seq != head_before.seq;
  if (anchor_ && (appended || anchor_start_due_)) {
    if (auto s = anchor_->BeforeCommit(tx); !s) {
      (void)db.Exec("ROLLBACK");
      return fail_all(s.error());
    }
  }
  if (auto s = db.Exec("COMMIT"); !s) {
    (void)db.Exec("ROLLBACK");
    return fail_all(s.error());
  }
  {
    // Under one lock, so that a reader sees the counters and histograms agree.
    const auto now = std::chrono::steady_clock::now();
    MutexLock lock(stats_mu_);
    ++stats_.commits;
    stats_.jobs += batch.size();
    stats_.batch_size.Observe(static_cast<double>(batch.size()));
    stats_.commit_seconds.Observe(std::chrono::duration<double>(now - started).count());
    CountBusyTime(now);  // so that the busy time always holds the commit times
  }
  anchor_start_due_ = false;
  using Head = sqlite::SqliteTransaction::Head;
  // Not `appended`: BeforeCommit may have appended the anchoring's start record.
  const bool head_moved = tx.head().seq != head_before.seq;
  Finish(batch, results, head_moved ? std::optional<Head>(tx.head()) : std::nullopt, tx.TakeChanges());
}

void SqliteStore::Announce(const std::vector<ChangeRecord>& changes) const {
  if (!options_.on_change) return;
  for (const auto& c : changes) options_.on_change(c);
}

void SqliteStore::Finish(std::vector<Pending>& batch, std::vector<Status>& results,
                         std::optional<sqlite::SqliteTransaction::Head> head, std::vector<ChangeRecord> changes) {
  if (!anchor_) {
    Announce(changes);
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
    return;
  }
  Committed c{{}, std::move(results), std::move(head), std::move(changes)};
  c.done.reserve(batch.size());
  for (auto& p : batch) c.done.push_back(std::move(p.done));
  {
    MutexLock lock(anchor_mu_);
    committed_.push_back(std::move(c));
  }
  anchor_cv_.notify_one();
}

void SqliteStore::AnchorLoop() {
  for (;;) {
    std::deque<Committed> taken;
    {
      MutexLock lock(anchor_mu_);
      lock.Wait(anchor_cv_, [this]() REQUIRES(anchor_mu_) { return writer_done_ || !committed_.empty(); });
      if (committed_.empty()) return;  // the writer has stopped and everything is answered
      taken.swap(committed_);
    }
    // One checkpoint for every batch committed meanwhile: each hash covers the earlier ones.
    std::optional<sqlite::SqliteTransaction::Head> head;
    for (const auto& c : taken) {
      if (c.head) head = c.head;
    }
    Status anchored;
    if (head) anchored = anchor_->AfterCommit(*head, options_.clock->Now());
    for (auto& c : taken) {
      // Committed either way: even when the anchor failed, the changes are in the log.
      Announce(c.changes);
      for (size_t i = 0; i < c.done.size(); ++i) {
        c.done[i](anchored || !c.head ? std::move(c.results[i]) : Fail(anchored.error()));
      }
    }
  }
}

SqliteStore::Lease SqliteStore::Borrow() {
  MutexLock lock(readers_mu_);
  lock.Wait(readers_cv_, [this]() REQUIRES(readers_mu_) { return !idle_readers_.empty(); });
  auto db = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  return Lease(*this, std::move(db));
}

Result<std::vector<Region>> SqliteStore::ListRegions() {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_REGION_COLUMNS " FROM regions ORDER BY code");
  if (!s) return Fail(s.error());
  return All<Region>(**s, sqlite::ReadRegion);
}

Result<std::vector<Unit>> SqliteStore::ListUnits() {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_UNIT_COLUMNS " FROM units ORDER BY region, id");
  if (!s) return Fail(s.error());
  return All<Unit>(**s, sqlite::ReadUnit);
}

Result<std::optional<Unit>> SqliteStore::GetUnit(std::string_view id) {
  auto db = Borrow();
  return sqlite::QueryUnit(*db, id);
}

Result<std::optional<EventRow>> SqliteStore::GetEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryEvent(*db, id);
}

Result<std::vector<EventRow>> SqliteStore::ListEvents(const EventFilter& q) {
  auto db = Borrow();
  // One statement for every combination of restrictions (the prepared plan is cached).
  // A region subtree is the key range [prefix, prefix || '0'): '/' sorts below every digit.
  auto s =
      db->Prepare("SELECT " SB_EVENT_COLUMNS
                  " FROM events WHERE merged_into IS NULL AND (?1 IS NULL OR id < ?1) AND (?2 = 1 "
                  "OR (?3 IS NOT NULL AND region_path >= ?3 AND region_path < ?3 || '0') "
                  "OR (?4 IS NOT NULL AND id IN (SELECT COALESCE(e.merged_into, e.id) FROM reports r "
                  "JOIN events e ON e.id = r.event_id WHERE r.unit = ?4 UNION SELECT COALESCE(e.merged_into, e.id) "
                  "FROM report_requests q JOIN events e ON e.id = q.event_id WHERE q.unit = ?4))) "
                  "ORDER BY id DESC LIMIT ?5");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, q.before_id).Bind(2, q.unrestricted ? 1 : 0).Bind(3, q.region_path_prefix);
  (*s)->Bind(4, q.involving_unit).Bind(5, q.limit);
  return All<EventRow>(**s, sqlite::ReadEvent);
}

Result<std::vector<Report>> SqliteStore::ReportsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryReportsOfEvent(*db, id);
}

Result<std::optional<Report>> SqliteStore::GetReport(ReportId id) {
  auto db = Borrow();
  auto s = db->Prepare(SB_REPORT_SELECT "WHERE r.id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  auto row = (*s)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Report>();
  auto r = sqlite::ReadReport(**s);
  (*s)->Reset();
  if (!r) return Fail(r.error());
  return std::optional<Report>(std::move(*r));
}

Result<std::vector<Report>> SqliteStore::ReportsReceivedSince(TimePoint since) {
  auto db = Borrow();
  return sqlite::QueryReportsSince(*db, since);
}

Result<std::vector<LinkRecord>> SqliteStore::LinksOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryLinksOfEvent(*db, id);
}

Result<std::vector<LinkRecord>> SqliteStore::PendingLinkTasks() {
  auto db = Borrow();
  return sqlite::QueryPendingLinkTasks(*db);
}

Result<std::vector<EventOperation>> SqliteStore::OperationsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryOperationsOfEvent(*db, id);
}

Result<std::vector<FigureResolution>> SqliteStore::ResolutionsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryResolutions(*db, id);
}

Result<std::vector<std::string>> SqliteStore::UnitsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryUnitsOfEvent(*db, id);
}

Result<std::vector<EvaluationRecord>> SqliteStore::EvaluationsOfEvent(EventId id) {
  auto db = Borrow();
  auto s = db->Prepare(
      "SELECT report_id, event_id, at, catalogue_version, COALESCE(grade, ''), COALESCE(report_to, '') "
      "FROM evaluations WHERE report_id IN (SELECT id FROM reports WHERE event_id IN " SB_EVENT_GROUP(
          "?1") ") ORDER BY report_id");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return All<EvaluationRecord>(**s, [](const Stmt& st) {
    return EvaluationRecord{st.Int(0), st.Int(1), FromUnixMillis(st.Int(2)), st.Text(3), st.Text(4), st.Text(5)};
  });
}

Result<std::vector<SensitiveAdjustment>> SqliteStore::SensitiveAdjustmentsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryAdjustments(*db, id);
}

Result<std::vector<CatalogueRecord>> SqliteStore::ListCatalogues() {
  auto db = Borrow();
  auto s = db->Prepare("SELECT version, yaml, created_at, created_by FROM catalogues ORDER BY created_at, rowid");
  if (!s) return Fail(s.error());
  return All<CatalogueRecord>(**s, [](const Stmt& st) {
    return CatalogueRecord{st.Text(0), st.Text(1), FromUnixMillis(st.Int(2)), st.Text(3)};
  });
}

Result<std::optional<User>> SqliteStore::FindUser(std::string_view name) {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_USER_COLUMNS " FROM users WHERE name = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, name);
  return One<User>(**s, sqlite::ReadUser);
}

Result<std::optional<User>> SqliteStore::GetUser(std::int64_t id) {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_USER_COLUMNS " FROM users WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, id);
  return One<User>(**s, sqlite::ReadUser);
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_USER_COLUMNS " FROM users ORDER BY id");
  if (!s) return Fail(s.error());
  return All<User>(**s, sqlite::ReadUser);
}

Result<std::optional<Session>> SqliteStore::FindSession(std::string_view token_hash) {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_SESSION_COLUMNS " FROM sessions WHERE token_hash = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, token_hash);
  return One<Session>(**s, sqlite::ReadSession);
}

Result<std::optional<std::string>> SqliteStore::GetSetting(std::string_view key) {
  auto db = Borrow();
  return sqlite::QuerySetting(*db, key);
}

Result<std::vector<ReportRequest>> SqliteStore::RequestsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryRequests(*db, id);
}

Result<std::vector<DeskReport>> SqliteStore::DeskReportsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryDeskReports(*db, id);
}

Result<std::vector<EventClosure>> SqliteStore::ClosuresOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryClosures(*db, id);
}

Result<std::vector<StoredClock>> SqliteStore::ClocksOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryClocks(*db, id);
}

Result<std::vector<EventId>> SqliteStore::EventsWithOpenClocks() {
  auto db = Borrow();
  return sqlite::QueryEventsWithOpenClocks(*db);
}

Result<std::vector<EventId>> SqliteStore::EventsUpdatedSince(TimePoint since) {
  auto db = Borrow();
  return sqlite::QueryEventsUpdatedSince(*db, since);
}

Result<std::map<EventId, ClockSummary>> SqliteStore::ClockSummaries(const std::vector<EventId>& ids) {
  auto db = Borrow();
  return sqlite::QueryClockSummaries(*db, ids);
}

Result<std::vector<ClockTransition>> SqliteStore::ClockTransitionsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryClockTransitions(*db, id);
}

Result<FirstClockSlice> SqliteStore::FirstClocksInWindow(const FirstClockWindow& window) {
  auto db = Borrow();
  return sqlite::QueryFirstClocksInWindow(*db, window);
}

Result<std::vector<DutyShift>> SqliteStore::ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) {
  auto db = Borrow();
  return sqlite::QueryShifts(*db, desk, from, to);
}

Result<std::vector<EscalationStep>> SqliteStore::EscalationStepsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryEscalationSteps(*db, id);
}

Result<std::vector<EscalationAck>> SqliteStore::EscalationAcksOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryEscalationAcks(*db, id);
}

Result<std::vector<DutyLogEntry>> SqliteStore::DutyLogOf(std::string_view desk, TimePoint from, TimePoint to,
                                                         int limit) {
  auto db = Borrow();
  return sqlite::QueryDutyLog(*db, desk, from, to, limit);
}

Result<std::vector<HandoverItem>> SqliteStore::HandoverItemsOf(const HandoverItemsQuery& query) {
  auto db = Borrow();
  return sqlite::QueryHandoverItems(*db, query);
}

Result<std::optional<Handover>> SqliteStore::GetHandover(std::int64_t id) {
  auto db = Borrow();
  return sqlite::QueryHandover(*db, id);
}

Result<std::vector<Handover>> SqliteStore::HandoversOf(std::string_view desk, TimePoint from, TimePoint to, int limit) {
  auto db = Borrow();
  return sqlite::QueryHandovers(*db, desk, from, to, limit);
}

Result<std::vector<OutboxEntry>> SqliteStore::DueNotifications(TimePoint now, int limit) {
  auto db = Borrow();
  return sqlite::QueryDueNotifications(*db, now, limit);
}

Result<std::optional<TimePoint>> SqliteStore::NextNotificationDue() {
  auto db = Borrow();
  return sqlite::QueryNextNotificationDue(*db);
}

Result<std::vector<OutboxEntry>> SqliteStore::ListNotifications(const NotificationFilter& filter) {
  auto db = Borrow();
  return sqlite::QueryNotifications(*db, filter);
}

Result<std::optional<OutboxEntry>> SqliteStore::GetNotification(std::int64_t id) {
  auto db = Borrow();
  return sqlite::QueryNotification(*db, id);
}

Result<std::vector<DeliveryAttempt>> SqliteStore::AttemptsOfNotification(std::int64_t id) {
  auto db = Borrow();
  return sqlite::QueryAttempts(*db, id);
}

Result<std::vector<Consultation>> SqliteStore::ConsultationsOfEvent(EventId id) {
  auto db = Borrow();
  return sqlite::QueryConsultationsOfEvent(*db, id);
}

Result<std::optional<Consultation>> SqliteStore::GetConsultation(std::int64_t id) {
  auto db = Borrow();
  return sqlite::QueryConsultation(*db, id);
}

Result<std::vector<Consultation>> SqliteStore::ConsultationsInviting(const Invitee& invitee, int limit) {
  auto db = Borrow();
  return sqlite::QueryConsultationsInviting(*db, invitee, limit);
}

Result<std::optional<std::int64_t>> SqliteStore::ConsultationOfAnswer(std::int64_t answer_id) {
  auto db = Borrow();
  auto s = db->Prepare("SELECT consultation_id FROM consultation_answers WHERE id = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, answer_id);
  return sqlite::One<std::int64_t>(**s, [](const sqlite::Stmt& st) { return st.Int(0); });
}

Result<std::vector<AuditRecord>> SqliteStore::ReadAudit(std::int64_t after_seq, int limit) {
  auto db = Borrow();
  auto s = db->Prepare("SELECT " SB_AUDIT_COLUMNS " FROM audit WHERE seq > ?1 ORDER BY seq LIMIT ?2");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, after_seq).Bind(2, limit);
  return All<AuditRecord>(**s, sqlite::ReadAudit);
}

Result<ChangePage> SqliteStore::ChangesAfter(std::int64_t after_seq, int limit) {
  auto db = Borrow();
  return sqlite::QueryChangesAfter(*db, after_seq, limit);
}

// Attachments (migration 0012; sqlite_attachments.cc).
Result<std::optional<AttachmentRecord>> SqliteStore::GetAttachment(std::string_view sha256) {
  auto db = Borrow();
  return sqlite::QueryAttachment(*db, sha256);
}

Result<std::vector<AttachmentLink>> SqliteStore::LinksOfAttachment(std::string_view sha256) {
  auto db = Borrow();
  return sqlite::QueryLinksOfAttachment(*db, sha256);
}

Result<std::vector<LinkedAttachment>> SqliteStore::AttachmentsOfOwners(std::string_view owner_kind,
                                                                       const std::vector<std::int64_t>& owner_ids) {
  auto db = Borrow();
  return sqlite::QueryAttachmentsOfOwners(*db, owner_kind, owner_ids);
}

Result<std::optional<AttachmentUpload>> SqliteStore::LatestUploadBy(std::string_view account, std::string_view sha256) {
  auto db = Borrow();
  return sqlite::QueryLatestUploadBy(*db, account, sha256);
}

Result<UploadTally> SqliteStore::UploadsSince(std::string_view account, TimePoint since) {
  auto db = Borrow();
  return sqlite::QueryUploadsSince(*db, account, since);
}

}  // namespace shaobing
