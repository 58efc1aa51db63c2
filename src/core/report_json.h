#pragma once
// JSON form of reports (CONTRACTS.md §1). Parsing is strict: unknown fields, wrong types,
// invalid codes, times without offset and negative figures are rejected, and every problem
// is reported with its field path — never only the first.
#include <boost/json/value.hpp>
#include <string_view>

#include "core/error.h"
#include "core/region.h"
#include "core/report.h"

namespace shaobing {

struct ReportParseOptions {
  // Evaluation files carry "id", "unit_kind" and a given "reported_at"; the API refuses them
  // ("reported_at" is set by the server and ignored when null).
  bool evaluation_file = false;
  // Reports read back from the store were validated on receipt: region and sensitive codes
  // are not checked again (the tree or the catalogue may have changed since).
  bool trusted = false;
  // A first report must carry the four W (and a follow-up its event and description). Off
  // for dry runs of the reporting standard, which judge whatever facts are given.
  bool require_fields = true;
  // Longest accepted free text, in bytes.
  size_t max_text_bytes = size_t{64} * 1024;
};

// Parses and validates one report. `regions` checks location.region.
Result<ReportDraft> ParseReport(std::string_view json, const RegionTree& regions,
                                const ReportParseOptions& options = {});
Result<ReportDraft> ParseReportValue(const boost::json::value& json, const RegionTree& regions,
                                     const ReportParseOptions& options = {});

// The draft as CONTRACTS.md §1 JSON (times in +08:00).
boost::json::object DraftToJson(const ReportDraft& draft);
boost::json::object FiguresToJson(const Figures& figures);

}  // namespace shaobing
