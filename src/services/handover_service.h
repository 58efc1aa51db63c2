#pragma once
// The handover between shifts (交接班, issue 11): the officer going off duty writes a note and
// the service attaches the desk's open items at that moment (store.h HandoverItem: overdue and
// due-soon clocks of the desk's subtree, the desk's undecided consultations, escalations
// alerting the desk that nobody holds); another officer of the same desk acknowledges it once.
// Officers of a desk write and acknowledge their own desk's handovers; desks and leaders read
// those of the desks in their subtree (DutyService::ReadableDesk). A handover outside the
// caller's reach is answered like an unknown one (kNotFound "unknown_handover"). Each write is
// one job with its audit record and its duty log entry.
#include <boost/json/array.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "core/access.h"
#include "services/directory.h"
#include "services/duty_service.h"
#include "store/store.h"

namespace shaobing {

struct HandoverLimits {
  size_t max_note = 4000;                 // bytes
  int max_items = 200;                    // open items of each kind carried
  int max_read = 100;                     // handovers of one read
  std::chrono::hours max_range{24 * 62};  // a read spans at most this
};

// An open item with its clock's owing party (PartyKey; "" for a consultation) and that party's
// name (a unit's, or the desk's region's; "" when unknown).
struct NamedHandoverItem {
  HandoverItem item;
  std::string owner;
  std::string owner_name;
  bool owner_is_desk = false;
};

struct HandoverItems {
  std::string desk;
  std::vector<NamedHandoverItem> items;
  bool truncated = false;  // a kind had more than max_items
};

class HandoverService {
 public:
  HandoverService(Store& store, Directory& directory, DutyService& duty, HandoverLimits limits = {})
      : store_(store), directory_(directory), duty_(duty), limits_(limits) {}

  // What a handover of desk `desk` ("" the caller's) made at `now` would carry.
  Result<HandoverItems> OpenItems(const Principal& who, const std::string& desk, TimePoint now);

  // The caller's desk's handover with `note` (required, at most max_note bytes) and its open
  // items now (audited "duty.handover"; duty log "handover"). Desk officers only.
  Result<Handover> HandOver(const Principal& who, const std::string& note);

  // 接班: an officer of the handover's desk other than its author acknowledges it (audited
  // "duty.handover_ack"; duty log "handover_ack"). kConflict "own_handover" for its author,
  // "handover_acknowledged" when it was already.
  Result<Handover> Acknowledge(const Principal& who, std::int64_t id);

  // The desk's handovers made in [from, to), newest first (at most max_read).
  Result<std::vector<Handover>> List(const Principal& who, const std::string& desk, TimePoint from, TimePoint to);

  // An account's display name: the account itself when it has none or is unknown; "" for "".
  std::string NameOf(const std::string& account) const;

 private:
  HandoverItemsQuery QueryOf(const std::string& desk, TimePoint now) const;
  // Names the owners of `raw` (a query's answer) and keeps max_items of each kind.
  HandoverItems Named(const std::string& desk, std::vector<HandoverItem> raw) const;

  Store& store_;
  Directory& directory_;
  DutyService& duty_;
  HandoverLimits limits_;
};

// The items as a handover stores them (views::HandoverItemsJson renders them), and as text.
boost::json::array HandoverItemsArray(const std::vector<NamedHandoverItem>& items);
std::string HandoverItemsText(const std::vector<NamedHandoverItem>& items);

}  // namespace shaobing
