#pragma once
// The writer's Transaction on the SQLite engine. Lives on the writer thread for one batch;
// keeps the audit chain head in memory between jobs (restored when a job is rolled back).
#include <vector>

#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace shaobing::sqlite {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Db& db) : db_(db) {}

  // Reads the chain head inside the open transaction (other processes may have appended).
  Status LoadAuditHead();
  struct Head {
    std::int64_t seq;
    std::string hash;
  };
  Head head() const { return head_; }
  void restore(Head h) { head_ = std::move(h); }
  void set_now(TimePoint t) { now_ = t; }
  // The changes published so far in this batch (Publish), in seq order; a rolled-back job's
  // are dropped with DropChangesFrom(the count before it).
  size_t change_count() const { return changes_.size(); }
  void DropChangesFrom(size_t n) { changes_.resize(n); }
  std::vector<ChangeRecord> TakeChanges() { return std::move(changes_); }

  // The seq of the record that opened anchoring of this database (store/audit_anchor.h).
  Result<std::optional<std::int64_t>> AnchoringSince();
  // Appends the record `audit.anchor_start` naming `public_key` and notes its seq as where
  // anchoring began. kConflict when anchoring already began.
  Status StartAnchoring(std::string_view public_key);

  TimePoint Now() const override { return now_; }
  Result<std::optional<EventRow>> GetEvent(EventId id) override;
  Result<std::vector<Report>> ReportsOfEvent(EventId id) override;
  Result<std::vector<std::string>> UnitsOfEvent(EventId id) override;
  Result<EventId> InsertEvent(const EventRow& row) override;
  Status UpdateEvent(const EventRow& row) override;
  Result<std::vector<EventRow>> FilingsOf(EventId id) override;
  Status InsertLink(const LinkRecord& record) override;
  Result<std::optional<LinkRecord>> GetLink(ReportId report_id) override;
  Result<std::optional<LinkRecord>> LinkOfFiling(EventId filing) override;
  Status UpdateLinkTask(const LinkRecord& record) override;
  Result<std::int64_t> InsertOperation(const EventOperation& op) override;
  Result<std::optional<EventOperation>> GetOperation(std::int64_t id) override;
  Status MarkOperationUndone(const EventOperation& op) override;
  Result<std::int64_t> InsertResolution(const FigureResolution& resolution) override;
  Result<std::vector<FigureResolution>> ResolutionsOfEvent(EventId id) override;
  Result<ReportId> InsertReport(const Report& report, std::string_view body) override;
  Status InsertEvaluation(const EvaluationRecord& record) override;
  Result<std::int64_t> InsertSensitiveAdjustment(const SensitiveAdjustment& adjustment) override;
  Result<std::vector<SensitiveAdjustment>> SensitiveAdjustmentsOfEvent(EventId id) override;
  Status InsertCatalogue(const CatalogueRecord& record) override;
  Status UpsertRegion(const Region& region) override;
  Status UpsertUnit(const Unit& unit) override;
  Result<std::optional<Unit>> GetUnit(std::string_view id) override;
  Result<std::int64_t> InsertUser(const User& user) override;
  Status InsertSession(const Session& session) override;
  Status DeleteSession(std::string_view token_hash) override;
  // Accounts, sessions, settings and report requests: sqlite_accounts.cc.
  Status UpdateUserPassword(std::int64_t user_id, std::string_view password_hash, bool must_change) override;
  Status SetUserDisabled(std::int64_t user_id, bool disabled) override;
  Result<std::vector<std::string>> DeleteSessionsOfUser(std::int64_t user_id,
                                                        std::string_view keep_token_hash) override;
  Status TouchSession(std::string_view token_hash, TimePoint at) override;
  Result<std::vector<std::string>> PurgeSessions(TimePoint now, TimePoint idle_before) override;
  Status SetSetting(std::string_view key, std::string_view value) override;
  Result<std::int64_t> InsertReportRequest(const ReportRequest& request) override;
  Result<std::vector<ReportRequest>> RequestsOfEvent(EventId id) override;
  Result<std::int64_t> InsertDeskReport(const DeskReport& report) override;
  // Closures and clocks: sqlite_clocks.cc.
  Result<std::int64_t> InsertClosure(const EventClosure& closure) override;
  Result<std::vector<EventClosure>> ClosuresOfEvent(EventId id) override;
  Result<std::vector<StoredClock>> ClocksOfEvent(EventId id) override;
  Status PutClock(const StoredClock& clock) override;
  Status DeleteClock(EventId id, std::string_view key) override;
  Status InsertClockTransition(const ClockTransition& transition) override;
  Status Audit(std::string_view actor, std::string_view action, std::string_view target,
               const boost::json::object& detail) override;
  // Change log: sqlite_change_log.cc.
  Status Publish(const ChangeRecord& change) override;
  Result<int> PurgeChanges(TimePoint before) override;
  // Notifications (outbox): sqlite_notifications.cc.
  Result<std::optional<std::int64_t>> EnqueueNotification(const OutboxEntry& entry) override;
  Status RecordDeliveryAttempt(const DeliveryAttempt& attempt) override;
  Result<std::optional<OutboxEntry>> GetNotification(std::int64_t id) override;
  Status RetryNotification(std::int64_t id, TimePoint at) override;
  // Consultations: sqlite_consultations.cc.
  Result<std::int64_t> InsertConsultation(const Consultation& consultation) override;
  Result<std::optional<Consultation>> GetConsultation(std::int64_t id) override;
  Result<std::int64_t> InsertConsultationAnswer(const ConsultationAnswer& answer) override;
  Status DecideConsultation(std::int64_t id, const ConsultationDecision& decision) override;
  Result<std::vector<Consultation>> ConsultationsOfEvent(EventId id) override;
  // Attachments: sqlite_attachments.cc.
  Result<std::optional<AttachmentRecord>> GetAttachment(std::string_view sha256) override;
  Status InsertAttachment(const AttachmentRecord& record) override;
  Result<std::int64_t> InsertAttachmentUpload(const AttachmentUpload& upload) override;
  Result<std::optional<AttachmentUpload>> LatestUploadBy(std::string_view account, std::string_view sha256) override;
  Result<UploadTally> UploadsSince(std::string_view account, TimePoint since) override;
  Status InsertAttachmentLink(const AttachmentLink& link) override;
  Result<std::vector<AttachmentLink>> LinksOfOwner(std::string_view owner_kind, std::int64_t owner_id) override;
  // Duty: sqlite_duty.cc.
  Result<std::vector<DutyShift>> ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) override;
  Result<std::optional<DutyShift>> GetShift(std::int64_t id) override;
  Result<std::int64_t> InsertShift(const DutyShift& shift) override;
  Status UpdateShift(const DutyShift& shift) override;
  Status DeleteShift(std::int64_t id) override;
  Result<std::vector<EscalationStep>> EscalationStepsOfEvent(EventId id) override;
  Result<std::optional<EscalationStep>> GetEscalationStep(std::int64_t id) override;
  Result<std::int64_t> InsertEscalationStep(const EscalationStep& step) override;
  Result<std::vector<EscalationAck>> EscalationAcksOfEvent(EventId id) override;
  Result<std::int64_t> InsertEscalationAck(const EscalationAck& ack) override;
  Result<std::int64_t> InsertDutyLog(const DutyLogEntry& entry) override;
  // Handover: sqlite_handovers.cc.
  Result<std::vector<HandoverItem>> HandoverItemsOf(const HandoverItemsQuery& query) override;
  Result<std::optional<Handover>> GetHandover(std::int64_t id) override;
  Result<std::int64_t> InsertHandover(const Handover& handover) override;
  Status AcknowledgeHandover(std::int64_t id, std::string_view by, TimePoint at) override;

 private:
  Db& db_;
  TimePoint now_{};
  Head head_{0, ""};
  std::vector<ChangeRecord> changes_;
};

// Shared by the writer and the readers.
Result<std::optional<EventRow>> QueryEvent(Db& db, EventId id);
Result<std::vector<Report>> QueryReportsOfEvent(Db& db, EventId id);
Result<std::vector<std::string>> QueryUnitsOfEvent(Db& db, EventId id);
Result<std::optional<Unit>> QueryUnit(Db& db, std::string_view id);
Result<std::vector<SensitiveAdjustment>> QueryAdjustments(Db& db, EventId id);
Result<std::vector<ReportRequest>> QueryRequests(Db& db, EventId id);
Result<std::vector<DeskReport>> QueryDeskReports(Db& db, EventId id);
Result<std::optional<std::string>> QuerySetting(Db& db, std::string_view key);
Result<std::vector<EventClosure>> QueryClosures(Db& db, EventId id);
Result<std::vector<StoredClock>> QueryClocks(Db& db, EventId id);
Result<std::vector<EventId>> QueryEventsWithOpenClocks(Db& db);
Result<std::vector<EventId>> QueryEventsUpdatedSince(Db& db, TimePoint since);
Result<std::map<EventId, ClockSummary>> QueryClockSummaries(Db& db, const std::vector<EventId>& ids);
Result<std::vector<ClockTransition>> QueryClockTransitions(Db& db, EventId id);
Result<std::vector<Consultation>> QueryConsultationsOfEvent(Db& db, EventId id);
Result<std::optional<Consultation>> QueryConsultation(Db& db, std::int64_t id);
Result<std::vector<Consultation>> QueryConsultationsInviting(Db& db, const Invitee& invitee, int limit);
Result<std::optional<AttachmentRecord>> QueryAttachment(Db& db, std::string_view sha256);
Result<std::vector<AttachmentLink>> QueryLinksOfAttachment(Db& db, std::string_view sha256);
Result<std::vector<LinkedAttachment>> QueryAttachmentsOfOwners(Db& db, std::string_view owner_kind,
                                                               const std::vector<std::int64_t>& owner_ids);
Result<std::optional<AttachmentUpload>> QueryLatestUploadBy(Db& db, std::string_view account, std::string_view sha256);
Result<UploadTally> QueryUploadsSince(Db& db, std::string_view account, TimePoint since);
Result<FirstClockSlice> QueryFirstClocksInWindow(Db& db, const FirstClockWindow& window);  // sqlite_timeliness.cc
Result<std::vector<DutyShift>> QueryShifts(Db& db, std::string_view desk, TimePoint from, TimePoint to);
Result<std::vector<EscalationStep>> QueryEscalationSteps(Db& db, EventId id);
Result<std::vector<EscalationAck>> QueryEscalationAcks(Db& db, EventId id);
Result<std::vector<DutyLogEntry>> QueryDutyLog(Db& db, std::string_view desk, TimePoint from, TimePoint to, int limit);
Result<std::vector<HandoverItem>> QueryHandoverItems(Db& db, const HandoverItemsQuery& query);
Result<std::optional<Handover>> QueryHandover(Db& db, std::int64_t id);
Result<std::vector<Handover>> QueryHandovers(Db& db, std::string_view desk, TimePoint from, TimePoint to, int limit);

}  // namespace shaobing::sqlite
