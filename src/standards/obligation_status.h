#pragma once
// Whether an obligation (standards/obligations.h) is met, and how late (DOMAIN.md §6): pure,
// the fulfilments and the time come in.
//
// A unit's obligation is fulfilled by its first report on the event (any channel: a phone
// report the desk logged counts). A desk's obligation to level L is fulfilled by that desk's
// own report to L (services/desk_report_service.h): a written report fulfils a phone
// obligation too, a phone call never a written one. A report on the platform by the desk's own
// office (the Party office of its region) reaches every level at once: it fulfils the desk's
// obligations, every channel. The earliest fulfilment counts, even one made before the
// obligation arose (a desk that reported before the event escalated).
//
//   met      fulfilled by the deadline        late     fulfilled after it
//   open     not yet, deadline ahead          overdue  not yet, deadline passed
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/region.h"
#include "core/report.h"
#include "core/time.h"
#include "standards/obligations.h"

namespace shaobing {

// A desk's report upward as the clocks see it.
struct DeskReportFact {
  std::string from_region;  // the reporting desk's region code
  Level to = Level::kCity;
  Channel channel = Channel::kWritten;
  TimePoint at{};  // when the call was made or the text sent
};

struct Fulfilments {
  std::vector<std::pair<std::string, TimePoint>> unit_reports;    // unit id, a report's receipt
  std::vector<std::pair<std::string, TimePoint>> office_reports;  // the reporting office's region, a receipt
  std::vector<DeskReportFact> desk_reports;
};

enum class ObligationStatus { kOpen, kOverdue, kMet, kLate };

const char* ObligationStatusCode(ObligationStatus s);  // "open" | "overdue" | "met" | "late"

struct ObligationState {
  ObligationStatus status = ObligationStatus::kOpen;
  std::optional<TimePoint> fulfilled_at;
  // How far past the deadline: at the fulfilment (late) or now (overdue); zero otherwise.
  std::chrono::minutes late_by{0};
};

ObligationState StateOf(const Obligation& obligation, const Fulfilments& fulfilments, TimePoint now);

// When `from` reported to level `to`, earliest first: a unit's reports (any recipient); a
// desk's reports to that level — by `channel` when given (a written one fits a phone obligation
// too), any channel otherwise — and its office's reports on the platform.
std::vector<TimePoint> ReportTimes(const Party& from, Level to, std::optional<Channel> channel,
                                   const Fulfilments& fulfilments);

// How far `at` is past `due`; zero when not past.
std::chrono::minutes MinutesPast(TimePoint due, TimePoint at);

}  // namespace shaobing
