#pragma once
// The Store port: everything Shaobing keeps. Engines: SQLite (embedded default, WAL) now,
// PostgreSQL later; the same tests run on both.
//
// Writes are units of work (WriteJob) run inside the engine's transaction on its writer.
// Concurrent jobs are group-committed: many jobs share one durable commit, and `done` is
// called only after that commit reached stable storage and the audit chain's head it left
// was anchored outside the database (store/audit_anchor.h). A job that fails is rolled back
// alone (savepoint) and its error goes to its `done`; the others still commit.
// Every job appends to the hash-chained audit log through Transaction::Audit, in the same
// transaction as its data.
//
// Reads are thread-safe and may run concurrently with the writer (snapshot per call).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/consultation.h"
#include "core/error.h"
#include "core/event.h"
#include "core/region.h"
#include "core/report.h"
#include "core/unit.h"
#include "fusion/desk_records.h"
#include "store/attachment_records.h"
#include "store/store_stats.h"

namespace shaobing {

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string display_name;
  Role role = Role::kReporter;
  std::string unit;           // reporter only
  std::string region;         // desk/leader/expert: the subtree it works on
  std::string password_hash;  // argon2id string (libsodium)
  TimePoint created_at{};
  bool disabled = false;
  bool must_change_password = false;  // after an administrator's reset: nothing else until changed
  std::string origin;                 // "demo" for accounts `serve --demo` made; "" otherwise
};

struct Session {
  std::string token_hash;  // BLAKE2b of the bearer token, hex; the token itself is never stored
  std::int64_t user_id = 0;
  TimePoint created_at{};
  TimePoint expires_at{};
  std::optional<TimePoint> last_seen_at;  // last request as last written (lazily); none: created_at
};

// A desk's request that a unit report on an event (the unit may then join it and sees what
// the desk shares of it).
struct ReportRequest {
  std::int64_t id = 0;
  EventId event_id = 0;  // the root when requested
  std::string unit;
  std::string message;
  std::string requested_by;
  TimePoint at{};
};

// A desk's own report upward (上报) on an event: immutable once recorded.
struct DeskReport {
  std::int64_t id = 0;
  EventId event_id = 0;     // the root when recorded
  std::string from_region;  // the reporting desk's region
  Level to = Level::kCity;  // the level it reported to (越级 allowed)
  Channel channel = Channel::kPhone;
  TimePoint reported_at{};  // when the call was made or the text sent, as the officer states
  std::string told;         // phone: whom it told (name, post); written: to whom it was sent
  std::string text;         // written: the text sent; phone: what was said (may be empty)
  std::string recorded_by;  // the account
  TimePoint recorded_at{};
};

// The desk's closure of an event (处置完毕): its follow-up clocks close (report_clocks.h).
struct EventClosure {
  std::int64_t id = 0;
  EventId event_id = 0;  // the root when closed
  std::string reason;
  std::string closed_by;  // the account
  TimePoint at{};
};

// A reporting clock's state as the timer service last recorded it (codes of ClockStateCode).
struct StoredClock {
  EventId event_id = 0;  // a root event
  std::string key;       // ReportClock::key
  std::string state;
  TimePoint due_at{}, changed_at{};
};

struct ClockTransition {
  std::int64_t id = 0;
  EventId event_id = 0;
  std::string key;
  std::string from_state;  // "" for a new clock
  std::string to_state;
  TimePoint at{};  // when it happened: the deadline, the fulfilment, the waiver
  TimePoint recorded_at{};
};

// An event's clocks in short, for lists: how many are overdue or due soon, the next deadline.
struct ClockSummary {
  int overdue = 0, due_soon = 0, open = 0;
  std::optional<TimePoint> next_due;  // the earliest deadline of a pending or due-soon clock
};

// Which events' first-report clocks the timeliness figures read (services/timeliness_service.h):
// root events whose occurrence (the first report's receipt when unknown) lies in [from, to).
struct FirstClockWindow {
  TimePoint from{}, to{};
  std::optional<std::string> region_path_prefix;  // only events of that subtree
  std::optional<std::string> unit;                // only events on which that unit owes a first report
  int max_events = 5000;                          // the latest by occurrence; `truncated` beyond
};

// The stored first-report clocks of the events of a window, by event and key.
struct FirstClockSlice {
  struct Row {
    EventId event_id = 0;
    std::optional<TimePoint> occurred_at;
    TimePoint opened_at{};
    StoredClock clock;
    // When it entered its state (ReportClock::since: the fulfilment for on_time and late): the
    // `at` of its latest transition into it; clock.changed_at when none was recorded.
    TimePoint since{};
  };
  std::vector<Row> rows;
  int events = 0;          // events in the window (at most max_events), with or without clocks
  bool truncated = false;  // more than max_events: the oldest were left out
};

// A catalogue version of the reporting standard, as its administrator wrote it.
struct CatalogueRecord {
  std::string version;
  std::string yaml;
  TimePoint created_at{};
  std::string created_by;
};

// The judgement made on an event right after a report.
struct EvaluationRecord {
  ReportId report_id = 0;
  EventId event_id = 0;
  TimePoint at{};
  std::string catalogue_version;
  std::string grade, report_to;  // "" when none
};

// The desk's confirmation or dismissal of a sensitive factor of an event.
struct SensitiveAdjustment {
  std::int64_t id = 0;
  EventId event_id = 0;
  TimePoint at{};
  std::string actor;
  std::string action;  // "confirm" | "dismiss"
  std::string kind;    // persons | places | behaviours | times | thresholds
  std::string code;
  std::string reason;
};

// The desk's records of the domain (fusion/desk_records.h), kept here.
using fusion::FigureResolution;
using fusion::LinkRecord;

// One filing's pointer before and after a desk operation (nullopt: the filing is a root).
struct FilingMove {
  EventId filing = 0;
  std::optional<EventId> before, after;
};

// [{"filing","before","after"}] (null for a root): how moves are stored and audited.
boost::json::array FilingMovesJson(const std::vector<FilingMove>& moves);

// The desk's merge of two events or split of one, reversible while nothing moved since.
struct EventOperation {
  std::int64_t id = 0;
  fusion::OperationKind kind = fusion::OperationKind::kMerge;
  EventId event_id = 0;        // merge: the event kept; split: the event split
  EventId other_event_id = 0;  // merge: the event absorbed; split: the event the chosen units form
  std::vector<FilingMove> moves;
  std::vector<std::string> units;  // split: the units chosen
  std::string reason, actor;
  TimePoint at{};
  std::optional<TimePoint> undone_at;
  std::string undone_by, undo_reason;
};

struct AuditRecord {
  std::int64_t seq = 0;
  TimePoint at{};
  std::string actor;            // "user:desk", "system", "cli"
  std::string action;           // "report.create", "user.create", ...
  std::string target;           // "report:12"
  std::string detail;           // canonical JSON of the record's detail object
  std::string prev_hash, hash;  // hex BLAKE2b-256
};

// Events a caller may list: newest first, below `before_id` when given.
struct EventFilter {
  int limit = 50;
  std::optional<EventId> before_id;
  // Restrictions (an empty optional means no restriction from that side); an event passes
  // when it matches either the region subtree or the unit.
  std::optional<std::string> region_path_prefix;  // "640000/640100"
  std::optional<std::string> involving_unit;      // events this unit reported on or was asked to
  bool unrestricted = false;                      // admin
};

// ---- Change log (live push) ----------------------------------------------------------
// A change a write job announces for live push (GET /api/v1/stream). Transaction::Publish
// appends it to the change log inside the job's savepoint (a refused job leaves none) and
// gives it the next `seq`; the engine hands the job's changes to its change listener only
// after the durable commit (and anchor), in commit order, so that the live order is the
// log's order and nothing uncommitted is pushed. `seq` is the SSE event id; a reconnecting
// client's missed changes are read back with Store::ChangesAfter.
struct ChangeRecord {
  std::int64_t seq = 0;  // set by the log (ignored by Publish)
  std::string type;      // "report" | "request" | "desk_report" | "event" | "clock" | "closure"
  EventId event_id = 0;
  ReportId report_id = 0;  // 0 when the change is not a report
  std::string kind;        // report kind, channel or operation
  std::string unit;        // the unit that reported or was asked; "" when none
  std::string region;      // the event's region (for scoping)
  TimePoint at{};          // set by the log: the job's time
};
// Changes after a seq, with where the log stands, so that a reader can tell a complete
// answer from one whose start was purged (retention) or that comes from another log.
struct ChangePage {
  std::vector<ChangeRecord> changes;  // seq > after, by seq, at most the limit asked
  std::int64_t first_kept = 1;        // the smallest seq still held (newest + 1 when none is)
  std::int64_t newest = 0;            // the last seq ever given (0: none yet)
};
// Called with each committed change, in commit order, on one of the engine's threads; it
// must be quick (EventBus::Publish queues).
using ChangeListener = std::function<void(const ChangeRecord&)>;
// ---- end of change log ------------------------------------------------------------------
// Notifications (outbox, migration 0010): one row per message to one destination, written in
// the same write job as the change it tells of; the dispatcher (services/notification_dispatcher.h)
// delivers it.
enum class NotifyChannel { kWebhook, kEmail, kSms };
std::string_view NotifyChannelCode(NotifyChannel c);  // "webhook" | "email" | "sms"
std::optional<NotifyChannel> ParseNotifyChannel(std::string_view code);
enum class OutboxState { kPending, kSent, kDead };
std::string_view OutboxStateCode(OutboxState s);  // "pending" | "sent" | "dead"
std::optional<OutboxState> ParseOutboxState(std::string_view code);

struct OutboxEntry {
  std::int64_t id = 0;
  std::string kind;  // "desk_report.recorded", "event.reportable", ...
  NotifyChannel channel = NotifyChannel::kWebhook;
  std::string destination;      // webhook name, e-mail address or phone number
  std::string region;           // the desk region it is addressed to
  std::string subject;          // e-mail subject; the short text elsewhere
  std::string payload;          // JSON object: what a webhook receives; e-mail and SMS take "text"
  std::string idempotency_key;  // UNIQUE: the same change never enqueues the same message twice
  std::optional<EventId> event_id;
  std::string event_region_path;  // the event's root-first region path, for who may read the row
  TimePoint created_at{};
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  TimePoint next_attempt_at{};
  std::string last_error;
  std::optional<TimePoint> sent_at;
};

// One delivery attempt and what it leaves the outbox row as.
struct DeliveryAttempt {
  std::int64_t notification_id = 0;
  int attempt = 0;  // 1, 2, ...: the row's attempts after this one
  TimePoint at{};
  bool ok = false;
  int status = 0;     // HTTP status or SMTP reply code; 0 when there was none
  std::string error;  // "" when ok
  OutboxState state_after = OutboxState::kPending;
  TimePoint next_attempt_at{};  // pending only
};

// The delivery log: newest first, below `before_id` when given.
struct NotificationFilter {
  int limit = 50;
  std::optional<std::int64_t> before_id;
  std::optional<OutboxState> state;
  // Restriction (nullopt: every row): rows about events in this subtree, or addressed to the
  // desk of `addressed_to`.
  std::optional<std::string> region_path_prefix;
  std::optional<std::string> addressed_to;
};

// ---- Duty (migration 0014): roster, escalation of overdue clocks, duty log ----------------
// One shift of a desk's roster (值班表): [starts_at, ends_at).
struct DutyShift {
  std::int64_t id = 0;
  std::string desk_region;
  TimePoint starts_at{}, ends_at{};
  std::string officer_account;  // an account of that desk, or "" when named only
  std::string officer_name, officer_phone;
  std::string leader_account;  // "" when named only
  std::string leader_name, leader_phone;
  std::string updated_by;
  TimePoint updated_at{};
};
// One step taken of an overdue clock's escalation (standards/escalation.h); immutable, unique
// per (event, clock, step).
struct EscalationStep {
  std::int64_t id = 0;
  EventId event_id = 0;  // the root
  std::string clock_key;
  int step = 1;              // 1 the owing party, 2 the upper desk's officer, 3 its leader
  std::string alerted_kind;  // "unit" | "desk" | "leader"
  std::string alerted;       // the unit id or the desk's region code
  std::string alerted_name;  // the contact, officer or leader ("" when none was known)
  std::string alerted_phone;
  TimePoint at{};  // when the step fell due
  TimePoint recorded_at{};
};
// 已知悉，正在处理: holds the clock's chain until held_until.
struct EscalationAck {
  std::int64_t id = 0;
  std::int64_t step_id = 0;
  std::string acknowledged_by;  // the account
  TimePoint at{}, held_until{};
  std::string note;
};
// One entry of a desk's duty log (值班日志); immutable.
struct DutyLogEntry {
  std::int64_t id = 0;
  std::string desk_region;
  std::string kind;  // call | decision | note | desk_report | closure | acknowledgement
  std::optional<EventId> event_id;
  std::string text;
  TimePoint at{};
  std::string recorded_by;
  TimePoint recorded_at{};
};
// The handover (交接班, migrations 0014-0015): the off-going officer's note with the desk's open
// items at that moment, which another officer of the desk acknowledges once.
// An open item of a desk: a reporting clock overdue or due soon on a root event of the desk's
// subtree, a consultation the desk opened and has not decided, an escalation step alerting the
// desk (its officer or leader on duty) that no acknowledgement holds now and whose clock is
// still overdue.
struct HandoverItem {
  std::string kind;  // "clock" | "consultation" | "escalation"
  EventId event_id = 0;
  std::string event_title;
  std::string ref;        // the clock's key, the consultation's id, the step's id
  std::string state;      // clock: overdue | due_soon; consultation: open | overdue; escalation: unacknowledged
  TimePoint due_at{};     // the clock's or consultation's deadline; when the step fell due
  std::string clock_key;  // clock, escalation: the clock's key (ReportClock::key); consultation: ""
  std::string text;       // consultation: the question; escalation: whom it alerted; clock: ""
};
struct HandoverItemsQuery {
  std::string desk;         // the desk's region code
  std::string path_prefix;  // its region path (events of the subtree)
  TimePoint now{};
  int limit = 200;  // per kind
};
struct Handover {
  std::int64_t id = 0;
  std::string desk_region;
  std::string from_account;
  std::string note;
  std::string open_items;  // a JSON array of the items (views::HandoverItemJson)
  TimePoint at{};
  std::string acknowledged_by;  // "" until acknowledged
  std::optional<TimePoint> acknowledged_at;
};
// ---- end of duty ---------------------------------------------------------------------------

// The writer's view: reads see this transaction's own earlier writes.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual TimePoint Now() const = 0;  // the commit-time clock reading for this job

  virtual Result<std::optional<EventRow>> GetEvent(EventId id) = 0;
  // Reports of a root event and every filing pointing at it, in order of receipt.
  virtual Result<std::vector<Report>> ReportsOfEvent(EventId id) = 0;
  // The units that reported on a root event or its filings (no report body is read).
  virtual Result<std::vector<std::string>> UnitsOfEvent(EventId id) = 0;
  virtual Result<EventId> InsertEvent(const EventRow& row) = 0;  // row.id is ignored
  virtual Status UpdateEvent(const EventRow& row) = 0;           // every column, merged_into too
  // The root `id` and the filings pointing at it, by id.
  virtual Result<std::vector<EventRow>> FilingsOf(EventId id) = 0;

  virtual Status InsertLink(const LinkRecord& record) = 0;
  virtual Result<std::optional<LinkRecord>> GetLink(ReportId report_id) = 0;
  // The decision on the first report a filing was opened by, if any.
  virtual Result<std::optional<LinkRecord>> LinkOfFiling(EventId filing) = 0;
  virtual Status UpdateLinkTask(const LinkRecord& record) = 0;  // task_* columns only
  virtual Result<std::int64_t> InsertOperation(const EventOperation& op) = 0;
  virtual Result<std::optional<EventOperation>> GetOperation(std::int64_t id) = 0;
  virtual Status MarkOperationUndone(const EventOperation& op) = 0;  // undone_* columns only
  virtual Result<std::int64_t> InsertResolution(const FigureResolution& resolution) = 0;
  // Resolutions on the root `id` or any of its filings, oldest first.
  virtual Result<std::vector<FigureResolution>> ResolutionsOfEvent(EventId id) = 0;
  // Stores `report` (its id is ignored) with `body`, the canonical JSON of its draft
  // (DraftToJson, event_id set), which the caller also hashes into the audit record.
  virtual Result<ReportId> InsertReport(const Report& report, std::string_view body) = 0;

  virtual Status UpsertRegion(const Region& region) = 0;
  virtual Status UpsertUnit(const Unit& unit) = 0;
  virtual Result<std::optional<Unit>> GetUnit(std::string_view id) = 0;

  virtual Status InsertEvaluation(const EvaluationRecord& record) = 0;
  virtual Result<std::int64_t> InsertSensitiveAdjustment(const SensitiveAdjustment& adjustment) = 0;
  virtual Result<std::vector<SensitiveAdjustment>> SensitiveAdjustmentsOfEvent(EventId id) = 0;
  // kConflict "already_exists" when the version exists.
  virtual Status InsertCatalogue(const CatalogueRecord& record) = 0;

  virtual Result<std::int64_t> InsertUser(const User& user) = 0;  // kConflict when the name exists
  virtual Status InsertSession(const Session& session) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // kNotFound "unknown_user" when there is no such account.
  virtual Status UpdateUserPassword(std::int64_t user_id, std::string_view password_hash, bool must_change) = 0;
  virtual Status SetUserDisabled(std::int64_t user_id, bool disabled) = 0;
  // Ends every session of the user but `keep_token_hash` (may be empty); returns the ended ones.
  virtual Result<std::vector<std::string>> DeleteSessionsOfUser(std::int64_t user_id,
                                                                std::string_view keep_token_hash) = 0;
  virtual Status TouchSession(std::string_view token_hash, TimePoint at) = 0;
  // Ends sessions past their lifetime (expires_at <= now) or idle since before `idle_before`;
  // returns the ended ones.
  virtual Result<std::vector<std::string>> PurgeSessions(TimePoint now, TimePoint idle_before) = 0;
  virtual Status SetSetting(std::string_view key, std::string_view value) = 0;

  virtual Result<std::int64_t> InsertReportRequest(const ReportRequest& request) = 0;
  // Requests on the root `id` or any of its filings, oldest first.
  virtual Result<std::vector<ReportRequest>> RequestsOfEvent(EventId id) = 0;
  virtual Result<std::int64_t> InsertDeskReport(const DeskReport& report) = 0;  // report.id is ignored

  // Clocks (services/clock_timer.h).
  virtual Result<std::int64_t> InsertClosure(const EventClosure& closure) = 0;  // closure.id is ignored
  // The closures of the root `id` and the filings pointing at it, oldest first.
  virtual Result<std::vector<EventClosure>> ClosuresOfEvent(EventId id) = 0;
  // The stored clocks of event `id` (exactly that id, root or not).
  virtual Result<std::vector<StoredClock>> ClocksOfEvent(EventId id) = 0;
  virtual Status PutClock(const StoredClock& clock) = 0;  // insert or replace
  virtual Status DeleteClock(EventId id, std::string_view key) = 0;
  virtual Status InsertClockTransition(const ClockTransition& transition) = 0;

  // Appends one record to the audit chain. `detail` is serialised canonically.
  virtual Status Audit(std::string_view actor, std::string_view action, std::string_view target,
                       const boost::json::object& detail) = 0;

  // Change log (live push): appends `change` (its seq and at are set here) to be pushed
  // after the commit; rolled back with a refused job. Deletes changes older than `before`
  // (retention; the only deletion of the log) and returns how many.
  virtual Status Publish(const ChangeRecord& change) = 0;
  virtual Result<int> PurgeChanges(TimePoint before) = 0;
  // Notifications (outbox). Enqueueing a key already present changes nothing and answers
  // nullopt (the change was told of already); else the new row's id. entry.id, state,
  // attempts, last_error and sent_at are ignored (a new row is pending).
  virtual Result<std::optional<std::int64_t>> EnqueueNotification(const OutboxEntry& entry) = 0;
  // Inserts the attempt row and moves the outbox row to attempt.attempt attempts,
  // attempt.state_after, its next attempt time and error (sent_at = attempt.at when sent).
  // kConflict "notification_not_pending" unless the row is pending with attempt.attempt - 1
  // attempts: two dispatchers never record the same attempt.
  virtual Status RecordDeliveryAttempt(const DeliveryAttempt& attempt) = 0;
  virtual Result<std::optional<OutboxEntry>> GetNotification(std::int64_t id) = 0;
  // Consultations (会商, migration 0013; core/consultation.h). Insert stores the
  // consultation with its invitees (its id, answers and decision are ignored); a decision is
  // written once (kConflict "already_decided" the second time) and answers are immutable.
  virtual Result<std::int64_t> InsertConsultation(const Consultation& consultation) = 0;
  virtual Result<std::optional<Consultation>> GetConsultation(std::int64_t id) = 0;  // with invitees, answers
  virtual Result<std::int64_t> InsertConsultationAnswer(const ConsultationAnswer& answer) = 0;
  virtual Status DecideConsultation(std::int64_t id, const ConsultationDecision& decision) = 0;
  // Consultations on the root `id` and the filings pointing at it, oldest first.
  virtual Result<std::vector<Consultation>> ConsultationsOfEvent(EventId id) = 0;
  // A dead row back to pending, due at `at` (its attempts are kept). kConflict
  // "notification_not_dead" for a row that is not dead.
  virtual Status RetryNotification(std::int64_t id, TimePoint at) = 0;

  // Attachments (migration 0012; store/attachment_records.h).
  virtual Result<std::optional<AttachmentRecord>> GetAttachment(std::string_view sha256) = 0;
  // Inserts the content's row unless it exists (the same content again keeps the first row).
  virtual Status InsertAttachment(const AttachmentRecord& record) = 0;
  virtual Result<std::int64_t> InsertAttachmentUpload(const AttachmentUpload& upload) = 0;  // id ignored
  // `account`'s latest upload of `sha256`; nullopt when it never uploaded it.
  virtual Result<std::optional<AttachmentUpload>> LatestUploadBy(std::string_view account, std::string_view sha256) = 0;
  virtual Result<UploadTally> UploadsSince(std::string_view account, TimePoint since) = 0;
  // kConflict "attachment_already_linked" when the owner carries the content already.
  virtual Status InsertAttachmentLink(const AttachmentLink& link) = 0;
  virtual Result<std::vector<AttachmentLink>> LinksOfOwner(std::string_view owner_kind, std::int64_t owner_id) = 0;
  // Duty (migration 0014). Shifts of the desk overlapping [from, to), by start.
  virtual Result<std::vector<DutyShift>> ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) = 0;
  virtual Result<std::optional<DutyShift>> GetShift(std::int64_t id) = 0;
  virtual Result<std::int64_t> InsertShift(const DutyShift& shift) = 0;  // shift.id is ignored
  virtual Status UpdateShift(const DutyShift& shift) = 0;
  virtual Status DeleteShift(std::int64_t id) = 0;
  // The steps taken on the root `id`'s clocks, in the order recorded.
  virtual Result<std::vector<EscalationStep>> EscalationStepsOfEvent(EventId id) = 0;
  virtual Result<std::optional<EscalationStep>> GetEscalationStep(std::int64_t id) = 0;
  // kConflict "escalation_step_taken" when (event, clock, step) exists.
  virtual Result<std::int64_t> InsertEscalationStep(const EscalationStep& step) = 0;
  // The acknowledgements of the steps of the root `id`, in the order recorded.
  virtual Result<std::vector<EscalationAck>> EscalationAcksOfEvent(EventId id) = 0;
  virtual Result<std::int64_t> InsertEscalationAck(const EscalationAck& ack) = 0;
  virtual Result<std::int64_t> InsertDutyLog(const DutyLogEntry& entry) = 0;
  // Handover (migration 0015).
  virtual Result<std::vector<HandoverItem>> HandoverItemsOf(const HandoverItemsQuery& query) = 0;
  virtual Result<std::optional<Handover>> GetHandover(std::int64_t id) = 0;
  virtual Result<std::int64_t> InsertHandover(const Handover& handover) = 0;  // id, acknowledgement ignored
  // kConflict "handover_acknowledged" when it already was.
  virtual Status AcknowledgeHandover(std::int64_t id, std::string_view by, TimePoint at) = 0;
};

using WriteJob = std::function<Status(Transaction&)>;
using WriteDone = std::function<void(Status)>;

class Store {
 public:
  virtual ~Store() = default;

  // Queues `job`; `done` runs on one of the engine's threads, in commit order, after the
  // durable commit (and, where the engine anchors its audit chain, after the anchor), or
  // after the failure.
  // After Close(), done receives kUnavailable at once.
  virtual void Submit(WriteJob job, WriteDone done) = 0;
  // Submit and wait.
  Status Write(WriteJob job);

  virtual Result<std::vector<Region>> ListRegions() = 0;
  virtual Result<std::vector<Unit>> ListUnits() = 0;
  virtual Result<std::optional<Unit>> GetUnit(std::string_view id) = 0;

  virtual Result<std::optional<EventRow>> GetEvent(EventId id) = 0;
  virtual Result<std::vector<EventRow>> ListEvents(const EventFilter& query) = 0;
  // Reports of a root event and every filing pointing at it, in order of receipt.
  virtual Result<std::vector<Report>> ReportsOfEvent(EventId id) = 0;
  virtual Result<std::optional<Report>> GetReport(ReportId id) = 0;
  // Every report received at or after `since`, by id (to rebuild the linker's index).
  virtual Result<std::vector<Report>> ReportsReceivedSince(TimePoint since) = 0;
  // Link decisions on the reports of a root event and its filings, by report id.
  virtual Result<std::vector<LinkRecord>> LinksOfEvent(EventId id) = 0;
  // Link decisions whose task is pending, oldest first.
  virtual Result<std::vector<LinkRecord>> PendingLinkTasks() = 0;
  // Operations naming `id` on either side, oldest first.
  virtual Result<std::vector<EventOperation>> OperationsOfEvent(EventId id) = 0;
  virtual Result<std::vector<FigureResolution>> ResolutionsOfEvent(EventId id) = 0;
  // The next three cover the root `id` and the filings pointing at it.
  virtual Result<std::vector<std::string>> UnitsOfEvent(EventId id) = 0;
  virtual Result<std::vector<EvaluationRecord>> EvaluationsOfEvent(EventId id) = 0;
  virtual Result<std::vector<SensitiveAdjustment>> SensitiveAdjustmentsOfEvent(EventId id) = 0;
  // Every catalogue version, oldest first.
  virtual Result<std::vector<CatalogueRecord>> ListCatalogues() = 0;

  virtual Result<std::optional<User>> FindUser(std::string_view name) = 0;
  virtual Result<std::optional<User>> GetUser(std::int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<std::optional<Session>> FindSession(std::string_view token_hash) = 0;
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  // Requests on the root `id` or any of its filings, oldest first.
  virtual Result<std::vector<ReportRequest>> RequestsOfEvent(EventId id) = 0;
  // The desk reports on the event and every event merged into it, in the order recorded.
  virtual Result<std::vector<DeskReport>> DeskReportsOfEvent(EventId id) = 0;

  // The desk's closures of the root `id` and the filings pointing at it, oldest first.
  virtual Result<std::vector<EventClosure>> ClosuresOfEvent(EventId id) = 0;
  // The stored clocks of event `id` (exactly that id, root or not), by key.
  virtual Result<std::vector<StoredClock>> ClocksOfEvent(EventId id) = 0;
  // Events that have a stored clock pending, due soon or overdue, by id.
  virtual Result<std::vector<EventId>> EventsWithOpenClocks() = 0;
  // Root events whose latest report was received at or after `since`, by id.
  virtual Result<std::vector<EventId>> EventsUpdatedSince(TimePoint since) = 0;
  // The stored clocks of `ids` in short; an id without clocks is left out.
  virtual Result<std::map<EventId, ClockSummary>> ClockSummaries(const std::vector<EventId>& ids) = 0;
  // Transitions of the root `id` (exactly that id), in the order recorded.
  virtual Result<std::vector<ClockTransition>> ClockTransitionsOfEvent(EventId id) = 0;
  // The first-report clocks of the events of a window (FirstClockWindow).
  virtual Result<FirstClockSlice> FirstClocksInWindow(const FirstClockWindow& window) = 0;

  // Audit records with seq > after_seq, oldest first, at most `limit`.
  virtual Result<std::vector<AuditRecord>> ReadAudit(std::int64_t after_seq, int limit) = 0;

  // Change log (live push): changes with seq > after_seq, oldest first, at most `limit`.
  virtual Result<ChangePage> ChangesAfter(std::int64_t after_seq, int limit) = 0;
  // Notifications (outbox). Pending rows due at or before `now`, oldest due first, at most
  // `limit`.
  virtual Result<std::vector<OutboxEntry>> DueNotifications(TimePoint now, int limit) = 0;
  // The earliest next_attempt_at of a pending row; nullopt when none is pending.
  virtual Result<std::optional<TimePoint>> NextNotificationDue() = 0;
  virtual Result<std::vector<OutboxEntry>> ListNotifications(const NotificationFilter& filter) = 0;
  virtual Result<std::optional<OutboxEntry>> GetNotification(std::int64_t id) = 0;
  // The attempts of one row, first first.
  virtual Result<std::vector<DeliveryAttempt>> AttemptsOfNotification(std::int64_t id) = 0;
  // Consultations (core/consultation.h), each with its invitees and answers: of the root `id`
  // and its filings, oldest first; one by id; those inviting `invitee`, newest first, at most `limit`.
  virtual Result<std::vector<Consultation>> ConsultationsOfEvent(EventId id) = 0;
  virtual Result<std::optional<Consultation>> GetConsultation(std::int64_t id) = 0;
  virtual Result<std::vector<Consultation>> ConsultationsInviting(const Invitee& invitee, int limit) = 0;
  // The consultation answer `answer_id` belongs to; nullopt for an unknown answer.
  virtual Result<std::optional<std::int64_t>> ConsultationOfAnswer(std::int64_t answer_id) = 0;

  // Attachments (migration 0012): a content, its links, an account's uploads of it.
  virtual Result<std::optional<AttachmentRecord>> GetAttachment(std::string_view sha256) = 0;
  virtual Result<std::vector<AttachmentLink>> LinksOfAttachment(std::string_view sha256) = 0;
  // The owners' links with their contents, by owner id, each in the order linked.
  virtual Result<std::vector<LinkedAttachment>> AttachmentsOfOwners(std::string_view owner_kind,
                                                                    const std::vector<std::int64_t>& owner_ids) = 0;
  virtual Result<std::optional<AttachmentUpload>> LatestUploadBy(std::string_view account, std::string_view sha256) = 0;
  // What `account` uploaded since `since` (the per-account limits, checked before a file is written).
  virtual Result<UploadTally> UploadsSince(std::string_view account, TimePoint since) = 0;

  // Duty (migration 0014): as the Transaction's; the log of the desk with `at` in [from, to),
  // by time, at most `limit`.
  virtual Result<std::vector<DutyShift>> ShiftsOf(std::string_view desk, TimePoint from, TimePoint to) = 0;
  virtual Result<std::vector<EscalationStep>> EscalationStepsOfEvent(EventId id) = 0;
  virtual Result<std::vector<EscalationAck>> EscalationAcksOfEvent(EventId id) = 0;
  virtual Result<std::vector<DutyLogEntry>> DutyLogOf(std::string_view desk, TimePoint from, TimePoint to,
                                                      int limit) = 0;
  // Handover: as the Transaction's; the desk's handovers made in [from, to), newest first, at
  // most `limit`.
  virtual Result<std::vector<HandoverItem>> HandoverItemsOf(const HandoverItemsQuery& query) = 0;
  virtual Result<std::optional<Handover>> GetHandover(std::int64_t id) = 0;
  virtual Result<std::vector<Handover>> HandoversOf(std::string_view desk, TimePoint from, TimePoint to, int limit) = 0;

  // The writer's queue, batches and commit times (store_stats.h); an engine that keeps none
  // answers zeros.
  virtual StoreStats Stats() const { return {}; }

  // Stops accepting writes, finishes queued ones, closes. Idempotent.
  virtual void Close() = 0;
};

}  // namespace shaobing
