#include "core/access.h"

#include <algorithm>

namespace shaobing {

const char* RoleCode(Role r) {
  switch (r) {
    case Role::kReporter:
      return "reporter";
    case Role::kDesk:
      return "desk";
    case Role::kLeader:
      return "leader";
    case Role::kExpert:
      return "expert";
    case Role::kAdmin:
      return "admin";
  }
  return "reporter";
}

std::optional<Role> ParseRole(std::string_view code) {
  for (Role r : {Role::kReporter, Role::kDesk, Role::kLeader, Role::kExpert, Role::kAdmin}) {
    if (code == RoleCode(r)) return r;
  }
  return std::nullopt;
}

std::vector<FieldError> ValidateAccount(Role role, const std::optional<Unit>& unit, std::string_view region,
                                        const RegionTree& regions) {
  std::vector<FieldError> out;
  if (role == Role::kReporter && !unit) out.push_back({"missing_field", "unit", {}});
  if (role != Role::kReporter && role != Role::kAdmin && region.empty()) {
    out.push_back({"missing_field", "region", {}});
  }
  if (!region.empty() && !regions.Find(region)) {
    out.push_back({"unknown_region", "region", {{"value", std::string(region)}}});
  }
  return out;
}

EventAccess AccessToEvent(const Principal& who, const EventRow& event, const std::vector<std::string>& involved_units,
                          const RegionTree& regions) {
  const bool in_region = !who.region.empty() && regions.Contains(who.region, event.region);
  switch (who.role) {
    case Role::kAdmin:
      return EventAccess::kFull;
    case Role::kDesk:
    case Role::kLeader:
    case Role::kExpert:
      return in_region ? EventAccess::kFull : EventAccess::kNone;
    case Role::kReporter:
      if (who.unit_kind == "party_office" && in_region) return EventAccess::kFull;
      if (std::find(involved_units.begin(), involved_units.end(), who.unit) != involved_units.end()) {
        return EventAccess::kShared;
      }
      return EventAccess::kNone;
  }
  return EventAccess::kNone;
}

Status CanSubmitReport(const Principal& who, const Unit& unit, Channel channel, const RegionTree& regions) {
  if (who.role == Role::kReporter) {
    if (who.unit != unit.id) {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "foreign_unit", "unit", {{"value", unit.id}}));
    }
    if (channel == Channel::kPhone) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "phone_by_desk_only", "channel"));
    }
    return {};
  }
  if (who.role == Role::kDesk) {
    if (!regions.Contains(who.region, unit.region)) {
      return Fail(Error::Make(ErrorCode::kPermissionDenied, "unit_outside_region", "unit", {{"value", unit.id}}));
    }
    if (channel != Channel::kPhone) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "desk_logs_phone_only", "channel"));
    }
    return {};
  }
  return Fail(Error::Make(ErrorCode::kPermissionDenied, "role_cannot_report", "", {{"role", RoleCode(who.role)}}));
}

std::vector<const Unit*> CopiedOffices(std::string_view region, const std::vector<Unit>& units,
                                       const RegionTree& regions) {
  std::vector<const Unit*> out;
  for (const Region* r : regions.Lineage(region)) {
    if (r->parent.empty()) break;  // the root is the desk itself
    for (const auto& u : units) {
      if (u.kind == "party_office" && u.region == r->code) out.push_back(&u);
    }
  }
  return out;
}

}  // namespace shaobing
