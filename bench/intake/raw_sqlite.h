#pragma once
// The baseline of the intake benchmark: the same rows a report produces (event, report,
// event update, audit record), inserted straight through the SQLite C API into the same
// schema with the same durability (WAL, synchronous=FULL), `batch` reports per commit.
#include <string>

namespace shaobing::bench {

struct RawResult {
  double reports_per_second = 0;
  int reports = 0;
};

RawResult RawSqliteInserts(const std::string& path, const std::string& report_body, int batch, double seconds);

}  // namespace shaobing::bench
