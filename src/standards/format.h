#pragma once
// Chinese rendering of figures, thresholds and comparisons (internal). The Append* functions
// write into `out` without temporary strings, for the evaluator's hot path.
#include <string>

#include "core/figures.h"
#include "standards/catalogue.h"

namespace shaobing::standards_internal {

// "3", "2.5"; yuan in 万/亿 when exact: 10000000 → "1000万", 150000000 → "1.5亿".
void AppendNumber(std::string& out, double value, Figure figure);
// The value with its unit: "3 人", "1000万元", "5.5 级".
void AppendQuantity(std::string& out, double value, Figure figure);
// "≥ 3 且 < 10" (yuan thresholds carry 元).
void AppendBound(std::string& out, const Bound& bound, Figure figure);
// The label of a figure comparison: its own, or the figures' names joined by "+".
void AppendFigureLabel(std::string& out, const Comparison& c);
// A comparison without a value, for messages: "死亡 ≥ 10 且 < 10".
std::string DescribeComparison(const Comparison& c);
// A time as shown to users: "2026-11-29 14:05"（Asia/Shanghai）.
void AppendLocalTime(std::string& out, double unix_millis);

}  // namespace shaobing::standards_internal
