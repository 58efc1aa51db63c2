#pragma once
// Scenario simulator: seeded generation of events across a region tree's counties and of the
// reports several departments write about each (CONTRACTS.md §1 with the evaluation fields
// "id", "unit_kind" and "reported_at"), with a truth file {"id","event"}. Wording differs by
// department kind; figures evolve over follow-ups; places are sometimes vague (the city only,
// the region only, an alias), names carry typos, reports come late or not at all.
// Deterministic: the same options and tree give the same output (std::mt19937, no globals).
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/region.h"
#include "core/report.h"
#include "core/time.h"

namespace shaobing::simulate {

struct SimulatorOptions {
  std::uint32_t seed = 1;
  int events = 300;
  TimePoint start = FromUnixMillis(1'795'000'000'000);  // 2026-11-18
  int days = 30;                                        // events occur uniformly over this span
  int wording_mix = 0;                                  // 0: the core phrasings; 1: every phrasing, more vagueness
  double vague_place_rate = 0.15;                       // a report gives only the city or the region
  double alias_rate = 0.3;                              // a report names the county by an alias
  double typo_rate = 0.08;                              // a character of a name is mistyped
  double missing_rate = 0.2;                            // a usual department sends nothing
  double late_rate = 0.1;                               // a department reports 12 to 48 hours late
};

struct SimulatedReport {
  std::string event;  // truth: "e0001"
  ReportDraft draft;  // external_id, unit_kind and reported_at set
};

// Reports in order of reported_at.
std::vector<SimulatedReport> Simulate(const RegionTree& regions, const SimulatorOptions& options);

// One JSON object per line: the report (CONTRACTS.md §1) with "id", "unit_kind", "reported_at".
std::string ReportsNdjson(const std::vector<SimulatedReport>& reports);
// One {"id","event"} per line.
std::string TruthNdjson(const std::vector<SimulatedReport>& reports);

// Writes DIR/reports.ndjson and DIR/truth.ndjson (DIR is created).
Status WriteSimulation(const std::vector<SimulatedReport>& reports, const std::string& dir);

}  // namespace shaobing::simulate
