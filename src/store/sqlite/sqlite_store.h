#pragma once
// The SQLite engine of the Store: one file in WAL mode, one writer thread that
// group-commits queued jobs (synchronous=FULL: a commit is on stable storage before any
// of its jobs is acknowledged), and a small pool of reader connections.
//
// With the audit anchor on (store/audit_anchor.h), a second thread anchors: each committed
// batch is handed to it, and it appends one signed checkpoint of the newest chain head for
// every batch committed since its last one, fdatasyncs it, and only then calls those batches'
// `done`, in commit order. Meanwhile the writer already runs the next batch, so the anchor's
// fsync overlaps the next commit instead of adding to it. Without the anchor, `done` runs on
// the writer right after the commit.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/thread_annotations.h"
#include "store/audit_anchor.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_anchor.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing {

struct SqliteOptions {
  std::string path;                 // database file; created when missing
  const Clock* clock = nullptr;     // time of writes; required
  size_t max_batch = 1024;          // most jobs sharing one commit
  int readers = 4;                  // reader connections
  bool durable = true;              // synchronous=FULL (false only for throwaway data)
  AuditAnchorOptions audit_anchor;  // the key and anchor files; "" = beside the database
  // Change log (live push): called with each committed change, in commit order, after the
  // durable commit and anchor and before the jobs' `done`; none: changes are only logged.
  ChangeListener on_change;
};

class SqliteStore final : public Store {
 public:
  // Opens the file, applies pending migrations, loads (or creates) the audit signing key,
  // starts the writer, and opens anchoring of a database that holds records without it.
  static Result<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& options);
  // Applies pending migrations to `path`, up to `up_to` (tests build older databases), and
  // returns the schema version.
  static Result<int> Migrate(const std::string& path, int up_to = LatestSchemaVersion());
  // The schema version of the database at `path`: 0 when it has none yet (a new file). Opens
  // it read-only and changes nothing; fails when there is no such database file.
  static Result<int> SchemaVersion(const std::string& path);
  ~SqliteStore() override;

  void Submit(WriteJob job, WriteDone done) override;
  Result<std::vector<Region>> ListRegions() override;
  Result<std::vector<Unit>> ListUnits() override;
  Result<std::optional<Unit>> GetUnit(std::string_view id) override;
  Result<std::optional<EventRow>> GetEvent(EventId id) override;
  Result<std::vector<EventRow>> ListEvents(const EventFilter& query) override;
  Result<std::vector<Report>> ReportsOfEvent(EventId id) override;
  Result<std::optional<Report>> GetReport(ReportId id) override;
  Result<std::vector<Report>> ReportsReceivedSince(TimePoint since) override;
  Result<std::vector<LinkRecord>> LinksOfEvent(EventId id) override;
  Result<std::vector<LinkRecord>> PendingLinkTasks() override;
  Result<std::vector<EventOperation>> OperationsOfEvent(EventId id) override;
  Result<std::vector<FigureResolution>> ResolutionsOfEvent(EventId id) override;
  Result<std::vector<std::string>> UnitsOfEvent(EventId id) override;
  Result<std::vector<EvaluationRecord>> EvaluationsOfEvent(EventId id) override;
  Result<std::vector<SensitiveAdjustment>> SensitiveAdjustmentsOfEvent(EventId id) override;
  Result<std::vector<CatalogueRecord>> ListCatalogues() override;
  Result<std::optional<User>> FindUser(std::string_view name) override;
  Result<std::optional<User>> GetUser(std::int64_t id) override;
  Result<std::vector<User>> ListUsers() override;
  Result<std::optional<Session>> FindSession(std::string_view token_hash) override;
  Result<std::optional<std::string>> GetSetting(std::string_view key) override;
  Result<std::vector<ReportRequest>> RequestsOfEvent(EventId id) override;
  Result<std::vector<DeskReport>> DeskReportsOfEvent(EventId id) override;
  Result<std::vector<Consultation>> ConsultationsOfEvent(EventId id) override;
  Result<std::optional<Consultation>> GetConsultation(std::int64_t id) override;
  Result<std::vector<Consultation>> ConsultationsInviting(const Invitee& invitee, int limit) override;
  Result<std::optional<std::int64_t>> ConsultationOfAnswer(std::int64_t answer_id) override;
  Result<std::vector<EventClosure>> ClosuresOfEvent(EventId id) override;
  Result<std::vector<StoredClock>> ClocksOfEvent(EventId id) override;
  Result<std::vector<EventId>> EventsWithOpenClocks() override;
  Result<std::vector<EventId>> EventsUpdatedSince(TimePoint since) override;
  Result<std::map<EventId, ClockSummary>> ClockSummaries(const std::vector<EventId>& ids) override;
  Result<std::vector<ClockTransition>> ClockTransitionsOfEvent(EventId id) override;
  Result<FirstClockSlice> FirstClocksInWindow(const FirstClockWindow& window) override;
  Result<std::vector<AuditRecord>> ReadAudit(std::int64_t after_seq, int limit) override;
  Result<ChangePage> ChangesAfter(std::int64_t after_seq, int limit) override;
  Result<std::vector<OutboxEntry>> DueNotifications(TimePoint now, int limit) override;
  Result<std::optional<TimePoint>> NextNotificationDue() override;
  Result<std::vector<OutboxEntry>> ListNotifications(const NotificationFilter& filter) override;
  Result<std::optional<OutboxEntry>> GetNotification(std::int64_t id) override;
  Result<std::vector<DeliveryAttempt>> AttemptsOfNotification(std::int64_t id) override;
  Result<std::optional<AttachmentRecord>> GetAttachment(std::string_view sha256) override;
  Result<std::vector<AttachmentLink>> LinksOfAttachment(std::string_view sha256) override;
  Result<std::vector<LinkedAttachment>> AttachmentsOfOwners(std::string_view owner_kind,
                                                            const std::vector<std::int64_t>& owner_ids) override;
  Result<std::optional<AttachmentUpload>> LatestUploadBy(std::string_view account, std::string_view sha256) override;
  Result<UploadTally> UploadsSince(std::string_view account, TimePoint since) override;
  Result<std::vector<DutyShift>> ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) override;
  Result<std::vector<EscalationStep>> EscalationStepsOfEvent(EventId id) override;
  Result<std::vector<EscalationAck>> EscalationAcksOfEvent(EventId id) override;
  Result<std::vector<DutyLogEntry>> DutyLogOf(std::string_view desk, TimePoint from, TimePoint to, int limit) override;
  Result<std::vector<HandoverItem>> HandoverItemsOf(const HandoverItemsQuery& query) override;
  Result<std::optional<Handover>> GetHandover(std::int64_t id) override;
  Result<std::vector<Handover>> HandoversOf(std::string_view desk, TimePoint from, TimePoint to, int limit) override;
  void Close() override;
  StoreStats Stats() const override;

  // Commits so far and jobs in them (for metrics and the benchmark).
  std::uint64_t commits() const { return Stats().commits; }
  std::uint64_t committed_jobs() const { return Stats().jobs; }
  // Where the audit chain is anchored, paths resolved (enabled false when it is not).
  const AuditAnchorOptions& audit_anchor() const { return audit_anchor_; }

 private:
  struct Pending {
    WriteJob job;
    WriteDone done;
  };
  class Lease;

  explicit SqliteStore(SqliteOptions options) : options_(std::move(options)) {}
  // A committed (or failed) batch waiting for its anchor before it is answered.
  struct Committed {
    std::vector<WriteDone> done;
    std::vector<Status> results;
    std::optional<sqlite::SqliteTransaction::Head> head;  // where it left the chain; nullopt: unmoved
    std::vector<ChangeRecord> changes;                    // what its jobs published, by seq
  };

  void WriterLoop();
  void CommitBatch(std::vector<Pending>& batch);
  // Adds the writer's busy time since busy_since_ and moves it to `now`.
  void CountBusyTime(std::chrono::steady_clock::time_point now) REQUIRES(stats_mu_);
  // Answers the batch, or hands it to the anchoring thread when the anchor is on.
  void Finish(std::vector<Pending>& batch, std::vector<Status>& results,
              std::optional<sqlite::SqliteTransaction::Head> head, std::vector<ChangeRecord> changes = {});
  // Hands committed changes to options_.on_change, in order.
  void Announce(const std::vector<ChangeRecord>& changes) const;
  void AnchorLoop();
  Lease Borrow();

  SqliteOptions options_;
  AuditAnchorOptions audit_anchor_;
  std::unique_ptr<sqlite::Db> writer_db_;
  std::unique_ptr<sqlite::SqliteAnchor> anchor_;  // nullptr when anchoring is off
  bool anchor_start_due_ = false;                 // writer thread only (set before it starts)

  mutable Mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_ GUARDED_BY(mu_);
  bool closing_ GUARDED_BY(mu_) = false;
  std::thread writer_;

  mutable Mutex anchor_mu_;
  std::condition_variable anchor_cv_;
  std::deque<Committed> committed_ GUARDED_BY(anchor_mu_);
  bool writer_done_ GUARDED_BY(anchor_mu_) = false;
  std::thread anchorer_;  // runs AnchorLoop when the anchor is on

  Mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<sqlite::Db>> idle_readers_ GUARDED_BY(readers_mu_);

  mutable Mutex stats_mu_;
  StoreStats stats_ GUARDED_BY(stats_mu_);            // counters and histograms; the gauges are read live
  std::chrono::steady_clock::time_point busy_since_;  // writer thread: busy time counted up to here
};

}  // namespace shaobing
