#include "core/consultation.h"

#include <algorithm>

namespace shaobing {

const char* RecommendationCode(Recommendation r) {
  switch (r) {
    case Recommendation::kReport:
      return "report";
    case Recommendation::kDoNotReport:
      return "do_not_report";
    case Recommendation::kEscalate:
      return "escalate";
    case Recommendation::kWatch:
      return "watch";
  }
  return "watch";
}

std::optional<Recommendation> ParseRecommendation(std::string_view code) {
  for (Recommendation r :
       {Recommendation::kReport, Recommendation::kDoNotReport, Recommendation::kEscalate, Recommendation::kWatch}) {
    if (code == RecommendationCode(r)) return r;
  }
  return std::nullopt;
}

const char* InviteeKindCode(InviteeKind k) { return k == InviteeKind::kUser ? "user" : "unit"; }

std::optional<InviteeKind> ParseInviteeKind(std::string_view code) {
  if (code == "user") return InviteeKind::kUser;
  if (code == "unit") return InviteeKind::kUnit;
  return std::nullopt;
}

bool MayInvite(std::string_view desk_region, std::string_view invitee_region, const RegionTree& regions) {
  if (desk_region.empty() || invitee_region.empty()) return false;
  if (regions.Find(desk_region) == nullptr || regions.Find(invitee_region) == nullptr) return false;
  return regions.Contains(desk_region, invitee_region) || regions.Contains(invitee_region, desk_region);
}

std::optional<Invitee> InviteeOf(const Principal& who, const std::vector<Invitee>& invitees) {
  auto has = [&](const Invitee& i) { return std::find(invitees.begin(), invitees.end(), i) != invitees.end(); };
  if (who.role == Role::kExpert && has({InviteeKind::kUser, who.name})) return Invitee{InviteeKind::kUser, who.name};
  if (who.role == Role::kReporter && !who.unit.empty() && has({InviteeKind::kUnit, who.unit})) {
    return Invitee{InviteeKind::kUnit, who.unit};
  }
  return std::nullopt;
}

bool SeesConsultation(const Principal& who, const Consultation& c, EventAccess access_to_event) {
  return access_to_event == EventAccess::kFull || InviteeOf(who, c.invitees).has_value();
}

}  // namespace shaobing
