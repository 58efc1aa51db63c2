#pragma once
// Who may do what (accounts and permissions). Pure policy over values; the API asks it for
// every route. Roles: reporter (one unit), desk (duty officer of a region), leader (reads a
// region), expert (reads a region, for consultation), admin (accounts, units, audit).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.h"
#include "core/region.h"
#include "core/unit.h"

namespace shaobing {

enum class Role { kReporter, kDesk, kLeader, kExpert, kAdmin };
const char* RoleCode(Role r);
std::optional<Role> ParseRole(std::string_view code);

struct Principal {
  std::int64_t user_id = 0;
  std::string name;
  Role role = Role::kReporter;
  std::string unit;                   // reporter: its unit
  std::string unit_kind;              // reporter: its unit's kind
  std::string region;                 // the region whose subtree it sees (reporter: its unit's region)
  bool must_change_password = false;  // only the password may be changed until it is
};

// Checks an account's role/unit/region combination: a reporter needs a unit, a desk officer,
// leader or expert a region; admin needs neither.
std::vector<FieldError> ValidateAccount(Role role, const std::optional<Unit>& unit, std::string_view region,
                                        const RegionTree& regions);

// How much of an event a principal sees.
enum class EventAccess {
  kNone,    // answered like an event that does not exist
  kShared,  // what the desk shares: title, category, place, grade, status, the caller's own
            // unit's reports and what is asked of it — not other units' reports or figures
  kFull,    // every report, the figures, the fusion and the judgement
};

// The visibility rule. `involved_units` are the units that reported on the event or that a
// desk asked to report on it.
// - admin: full;
// - desk, leader, expert: full when the event lies in their region's subtree (C1: a direct
//   report reaches the region desk at once, no approval in between), else none;
// - reporter of a Party office of a region whose subtree holds the event: full (the local
//   leadership is copied on every report there, and never a gate);
// - any other reporter: shared when its unit is involved, else none.
EventAccess AccessToEvent(const Principal& who, const EventRow& event, const std::vector<std::string>& involved_units,
                          const RegionTree& regions);
inline bool CanSeeEvent(const Principal& who, const EventRow& event, const std::vector<std::string>& involved_units,
                        const RegionTree& regions) {
  return AccessToEvent(who, event, involved_units, regions) != EventAccess::kNone;
}

// Submitting a report for `unit`: a reporter for its own unit (written), a desk officer for
// any unit of its subtree (a phone report logged on the unit's behalf). Returns the error.
Status CanSubmitReport(const Principal& who, const Unit& unit, Channel channel, const RegionTree& regions);

// The Party offices copied on an event in `region`: the party_office units of the region
// and of its ancestors below the root desk.
std::vector<const Unit*> CopiedOffices(std::string_view region, const std::vector<Unit>& units,
                                       const RegionTree& regions);

inline bool IsAdmin(const Principal& who) { return who.role == Role::kAdmin; }

}  // namespace shaobing
