#pragma once
// `shaobing eval link` (CONTRACTS.md §3): link every report of an evaluation file in arrival
// order (`reported_at`, ties by file order) with a fresh Linker, and score the events found
// against the truth: pairwise precision/recall/F1 over report pairs, and B-cubed F1.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/region.h"
#include "core/report.h"
#include "fusion/linker.h"

namespace shaobing::simulate {

struct LinkScores {
  size_t reports = 0, events_true = 0, events_found = 0;
  double pairwise_precision = 0, pairwise_recall = 0, pairwise_f1 = 0, bcubed_f1 = 0;
  double reports_per_second = 0;
  boost::json::object ToJson() const;  // exactly the CONTRACTS.md §3 fields
};

// Clustering quality of `found` against `truth` (labels per item, same length).
LinkScores ScoreClustering(const std::vector<std::string>& truth, const std::vector<std::string>& found);

// Links `reports` (evaluation drafts, any order) and scores them against `truth` (event per
// report, same order).
LinkScores EvalLinkDrafts(const std::vector<ReportDraft>& reports, const std::vector<std::string>& truth,
                          const RegionTree& regions, const fusion::LinkerOptions& options = {});

// Reads both files. Errors: unreadable file; a malformed report or truth line (the error names
// the line); a report without an id in the truth file.
Result<boost::json::object> EvalLink(const std::string& reports_ndjson_path, const std::string& truth_path,
                                     const RegionTree& regions);

// The same over the files' contents (lines separated by '\n', blank lines skipped); the names
// are those the errors give for the files.
Result<boost::json::object> EvalLinkText(std::string_view reports_ndjson, const std::string& reports_name,
                                         std::string_view truth_ndjson, const std::string& truth_name,
                                         const RegionTree& regions);

}  // namespace shaobing::simulate
