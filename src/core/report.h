#pragma once
// Reports as values (CONTRACTS.md §1). A report is immutable once accepted: follow-ups,
// finals and corrections are new reports in the unit's series on the event.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/figures.h"
#include "core/time.h"

namespace shaobing {

using EventId = std::int64_t;
using ReportId = std::int64_t;

enum class ReportKind { kFirst, kFollowup, kFinal, kCorrection };
enum class Channel { kWritten, kPhone };

const char* ReportKindCode(ReportKind k);  // "first", ...
std::optional<ReportKind> ParseReportKind(std::string_view code);
const char* ChannelCode(Channel c);  // "written" | "phone"
std::optional<Channel> ParseChannel(std::string_view code);

struct Location {
  std::string region;   // GB/T 2260 code
  std::string address;  // free text
  std::optional<double> lat, lon;
};

// Qualitative sensitive factors (DOMAIN.md §4), as codes.
struct Sensitive {
  std::vector<std::string> persons, places, behaviours, times;
  bool empty() const { return persons.empty() && places.empty() && behaviours.empty() && times.empty(); }
  bool operator==(const Sensitive&) const = default;
};

// What a unit submits. Optional fields of a follow-up inherit from the event.
struct ReportDraft {
  ReportKind kind = ReportKind::kFirst;
  std::optional<EventId> event_id;
  std::string unit;
  Channel channel = Channel::kWritten;
  std::optional<TimePoint> reported_at;  // set by the server on receipt; given in eval files
  std::string category;
  std::string title;
  std::optional<TimePoint> occurred_at;
  Location location;
  std::string parties;
  std::string description;
  std::optional<std::string> cause;
  std::optional<std::string> measures;
  Figures figures;
  Sensitive sensitive;
  std::optional<ReportId> supersedes;  // a correction names the report it corrects
  // Only in evaluation files: an external id and the unit's kind.
  std::string external_id;
  std::string unit_kind;
};

// True when `text` holds nothing but spaces, tabs and line breaks (says nothing).
inline bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// An accepted report.
struct Report {
  ReportId id = 0;
  EventId event_id = 0;     // the event it belongs to now (a root event, see EventRow::merged_into)
  EventId filing = 0;       // the events row that holds the unit's series (its own event_id when
                            // it opened the event; never changes)
  int sequence = 0;         // 0 for the first report of the unit on the event, n for 续报n
  TimePoint received_at{};  // when the server committed it
  std::string logged_by;    // the account that submitted it (a desk officer for phone reports)
  ReportDraft draft;
};

}  // namespace shaobing
