#pragma once
// Consultations (会商, A4): a desk asks expert accounts or units for a risk assessment and a
// recommendation on an event by a deadline, then decides with a reason. Pure values and the
// rules of who may be invited and who answers for which invitee; the clocks and the waiver a
// decision makes are in standards/consultation_clocks.h.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/region.h"
#include "core/time.h"

namespace shaobing {

// What an invitee recommends and what the desk decides: 报送 | 不报送 | 升级 | 持续关注.
enum class Recommendation { kReport, kDoNotReport, kEscalate, kWatch };
const char* RecommendationCode(Recommendation r);  // "report" | "do_not_report" | "escalate" | "watch"
std::optional<Recommendation> ParseRecommendation(std::string_view code);

enum class InviteeKind { kUser, kUnit };
// An invited expert account (its name) or unit (its id).
struct Invitee {
  InviteeKind kind = InviteeKind::kUser;
  std::string id;
  bool operator==(const Invitee&) const = default;
};
const char* InviteeKindCode(InviteeKind k);  // "user" | "unit"
std::optional<InviteeKind> ParseInviteeKind(std::string_view code);

// An invitee's answer: immutable once given; `late` when given after the deadline.
struct ConsultationAnswer {
  std::int64_t id = 0;
  std::int64_t consultation_id = 0;
  Invitee invitee;
  std::string risk_level;  // "" | "low" | "medium" | "high"
  std::string assessment;  // the risk assessment (text)
  Recommendation recommendation = Recommendation::kWatch;
  std::string answered_by;  // the account
  TimePoint answered_at{};
  bool late = false;
};

struct ConsultationDecision {
  Recommendation decision = Recommendation::kWatch;
  std::string reason;
  std::string decided_by;  // the account
  TimePoint at{};
};

struct Consultation {
  std::int64_t id = 0;
  EventId event_id = 0;  // the root when opened
  std::string question;
  TimePoint deadline{};
  std::string opened_by;      // the account
  std::string opened_region;  // the desk that opened it
  TimePoint opened_at{};
  std::vector<Invitee> invitees;
  std::vector<ConsultationAnswer> answers;       // in the order given
  std::optional<ConsultationDecision> decision;  // once made, never changed
};

// Whom the desk of `desk_region` may invite: an account or unit of its own region, of a
// region above it (on its lineage) or of one below it. Experts of a sibling region are not
// the desk's to call on; its superiors are, and so are its subordinates.
bool MayInvite(std::string_view desk_region, std::string_view invitee_region, const RegionTree& regions);

// The invitee `who` answers for: its own account (an expert), else its unit (a reporter of an
// invited unit). nullopt when it is neither.
std::optional<Invitee> InviteeOf(const Principal& who, const std::vector<Invitee>& invitees);

// Whether `who` sees the consultation: the desks whose region holds the event (as
// AccessToEvent), and its invitees, even when the event lies outside their region.
bool SeesConsultation(const Principal& who, const Consultation& c, EventAccess access_to_event);

}  // namespace shaobing
