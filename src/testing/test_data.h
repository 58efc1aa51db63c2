#pragma once
// Small fixtures shared by unit tests: a three-level region tree and a valid first report.
#include <boost/json/object.hpp>
#include <string>

#include "core/region.h"

namespace shaobing::testing {

// 640000 宁夏 > 640100 银川市 > {640104 兴庆区, 640181 灵武市}; 640200 石嘴山市 > 640205 惠农区.
RegionTree SmallRegionTree();

// A complete first report (CONTRACTS.md §1) by unit 640104-dw as JSON text.
std::string FirstReportJson();

// FirstReportJson as a fire that occurred at `occurred_at` (ISO 8601) with those deaths and
// serious injuries (none when 0): what the timeliness tests file against their clock.
boost::json::object FireReport(const std::string& occurred_at, int deaths, int serious_injuries = 0);

// A phone report of smoke from a house in 兴庆区 on 2026-11-22 by `unit`, in its own words:
// two of them describe one event vaguely enough that linking them is uncertain.
std::string SmokeReportJson(const std::string& unit, const std::string& description);

// The project's source directory (for data/ and testdata/ files).
std::string SourceDir();

}  // namespace shaobing::testing
