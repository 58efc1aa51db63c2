#pragma once
// Consultations (会商, A4) over the store: a desk officer opens one on an event it sees whole,
// inviting expert accounts or units (core/consultation.h MayInvite) with a deadline; each
// invitee answers once (late answers are kept, marked late); the opening desk decides once,
// with a reason. A decided "do not report" waives the report clocks it covers
// (standards/consultation_clocks.h WaiverOf; applied where clocks are computed, EventQuery).
// Every write is one audited write job that publishes a change (type "consultation") for
// live push. Ids a caller may not see answer kNotFound "unknown_consultation" like unknown ones.
#include <optional>
#include <string>
#include <vector>

#include "core/access.h"
#include "core/consultation.h"
#include "services/attachment_service.h"
#include "services/directory.h"
#include "services/event_query.h"
#include "store/store.h"

namespace shaobing {

struct ConsultationDraft {
  std::string question;
  std::optional<TimePoint> deadline;  // required: after now, at most `max_deadline` ahead
  std::vector<Invitee> invitees;      // at least one, at most `max_invitees`, no repeats
};

struct AnswerDraft {
  std::string risk_level;  // "" | "low" | "medium" | "high"
  std::string assessment;  // required
  std::string recommendation;
  // Contents the answerer uploaded (POST /api/v1/attachments), linked to the answer in its
  // write job (AttachmentService::LinkInWrite, owner kind "consultation_answer").
  std::vector<std::string> attachments;
};

struct ConsultationLimits {
  size_t max_question = 2000;     // bytes
  size_t max_assessment = 10000;  // bytes
  size_t max_reason = 2000;       // bytes
  size_t max_invitees = 20;
  size_t max_per_event = 20;  // consultations on one event, decided or not
  std::chrono::minutes min_deadline{5};
  std::chrono::hours max_deadline{24 * 7};
};

// Someone the desk may invite, as the open form lists it.
struct InviteeCandidate {
  Invitee invitee;
  std::string name;    // display name or unit name
  std::string region;  // its region code
};

// A consultation with the event it is about, as one caller sees it.
struct ConsultationView {
  Consultation consultation;
  EventRow event;
  std::optional<Invitee> answering_as;  // the invitee the caller answers for, if any
  bool may_decide = false;              // the caller is an officer of the opening desk and it is undecided
};

class ConsultationService {
 public:
  ConsultationService(Store& store, Directory& directory, ConsultationLimits limits = {})
      : store_(store), directory_(directory), limits_(limits) {}

  // Opens a consultation on event `event_id` (or its root). kNotFound "unknown_event" unless
  // `who` is a desk officer that sees the event whole; kInvalidArgument naming each bad
  // field; kConflict "too_many_consultations" past max_per_event. Audited "consultation.open".
  Result<Consultation> Open(const Principal& who, EventId event_id, const ConsultationDraft& draft);
  // The accounts and units `who`'s desk may invite (expert accounts and units of expert kinds).
  Result<std::vector<InviteeCandidate>> Candidates(const Principal& who);
  // Consultation `id` when `who` sees it (SeesConsultation); kNotFound "unknown_consultation".
  Result<ConsultationView> Get(const Principal& who, std::int64_t id);
  // The consultations inviting `who` (its account or its unit), newest first, at most `limit`.
  Result<std::vector<ConsultationView>> Invitations(const Principal& who, int limit);
  // The invitee's answer; once each (kConflict "already_answered"); after the deadline it is
  // kept and marked late. kNotFound for a caller that is not invited. Audited "consultation.answer".
  Result<ConsultationAnswer> Answer(const Principal& who, std::int64_t id, const AnswerDraft& draft);
  // Whether `who` sees the consultation answer `answer_id` belongs to (its attachments' owner
  // visibility, AttachmentService::AddOwnerKind).
  bool SeesAnswer(const Principal& who, std::int64_t answer_id);
  // Attachments on answers (set by the composition root before serving); without it an answer
  // with attachments is refused ("not_supported_yet"), never silently dropped.
  void UseAttachments(AttachmentService* attachments) { attachments_ = attachments; }
  // The opening desk's decision with its reason, once (kConflict "already_decided"). A desk
  // that sees the consultation but did not open it: kPermissionDenied "not_opening_desk".
  // Audited "consultation.decide".
  Result<Consultation> Decide(const Principal& who, std::int64_t id, const std::string& decision,
                              const std::string& reason);
  // A consultation held off the platform (by phone, in a meeting), recorded with its decision
  // in one job: opened and decided at `at` with no invitees (the replay's `consultation` line).
  Result<Consultation> RecordHeld(const Principal& who, EventId event_id, const std::string& decision,
                                  const std::string& reason);

 private:
  Result<ConsultationView> Visible(const Principal& who, Consultation c);
  Status CheckDecision(const std::string& decision, const std::string& reason) const;

  Store& store_;
  Directory& directory_;
  ConsultationLimits limits_;
  AttachmentService* attachments_ = nullptr;
};

// Unit kinds whose units may be invited as experts.
bool IsExpertUnitKind(std::string_view kind);

}  // namespace shaobing
