#pragma once
// The evaluator: an event's facts → grade, the highest level owed, deadlines per level,
// identity tags with the matched conditions, sensitive factors, consultation flag and a
// Chinese explanation. Pure and thread-safe; the catalogue is only read.
//
// Order of evaluation (each step only reads the results of the steps before it):
//  1. sensitive factors: the report's own codes, the calendar (occurred_at), geofences
//     (lat/lon), the text (lexicons and crowd/duration figures, when detect_text), then the
//     duration and crowd thresholds (the larger of the report's figure and the text's);
//  2. rules of the event's category, in catalogue order, that are effective at occurred_at;
//     then, when none that gives a grade matched, the category's `otherwise` rules;
//  3. grade: the most severe grade of any matched rule ("or", not "and");
//  4. report_to: the highest of the matched rules' report_to and the routing of the grade,
//     and at least the routing minimum when any rule matched; none when no rule matched;
//  5. deadlines for every level from county to report_to: the catalogue's, replaced by the
//     matching jurisdiction/grade overrides in order, then by the matched rules' own (the
//     strictest per channel when several rules give a level);
//  6. consultation when any matched rule asks for it; the explanation last.
#include <optional>
#include <string>
#include <vector>

#include "core/figures.h"
#include "core/region.h"
#include "core/report.h"
#include "core/time.h"
#include "standards/catalogue.h"
#include "standards/grade.h"

namespace shaobing {

// What is known of an event at one moment.
struct EventFacts {
  std::string category;  // taxonomy code; an unknown code matches only rules for all categories
  std::string region;    // GB/T 2260 code
  // The region and its ancestors (RegionTree::Lineage), for `region` conditions. When empty,
  // GB/T 2260 prefixes decide (640100 contains 6401xx; 640000 contains 64xxxx).
  std::vector<std::string> region_lineage;
  Figures figures;
  Sensitive sensitive;  // codes set by the reporter or the desk
  std::optional<TimePoint> occurred_at;
  // Factor codes the desk dismissed: never reported as found, however they were detected.
  std::vector<std::string> dismissed;
  // Free text, searched for sensitive factors when EvaluateOptions::detect_text.
  std::string title, description, parties, address;
  std::optional<double> lat, lon;
};

EventFacts FactsFromDraft(const ReportDraft& draft);

struct EvaluateOptions {
  // Look for sensitive factors and crowd/duration figures in the free text.
  bool detect_text = true;
  // Build Evaluation::explanation.
  bool explain = true;
};

struct DeadlineOwed {
  Level level = Level::kCounty;
  Channel channel = Channel::kWritten;
  int minutes = 0;  // from the desk learning of the event
  bool operator==(const DeadlineOwed&) const = default;
};

// The follow-up terms of the catalogue (FollowUpPolicy) for this event as judged.
struct FollowUpTerms {
  int per_day = 1;                // follow-ups owed a day while open, at least
  int after_change_minutes = 60;  // a desk's follow-up after the figures changed
  int supplementary_days = 30;    // a casualty change within this of the occurrence: 补报
  int due_soon_minutes = 15;
  bool operator==(const FollowUpTerms&) const = default;
};

// An identity tag: a matched rule.
struct Tag {
  std::string rule;                  // rule id
  std::string label;                 // Chinese label
  std::vector<std::string> matched;  // each matched comparison with its value: "死亡 3 人 ≥ 3"
  std::optional<Grade> grade;
  std::optional<Level> report_to;
};

// Where a sensitive factor was found.
enum class SensitiveVia : std::uint8_t { kReport, kText, kGeofence, kCalendar, kFigure };
const char* SensitiveViaCode(SensitiveVia via);  // "report", "text", "geofence", "calendar", "figure"

struct SensitiveMatch {
  SensitiveKind kind = SensitiveKind::kPersons;
  std::string code;                          // "student"
  std::string label;                         // "学生"
  SensitiveVia via = SensitiveVia::kReport;  // the first source that found it
  // Evidence: trigger words from the text, the geofence or calendar entry, or the figure
  // with its threshold ("围观人数 200 人 ≥ 100").
  std::vector<std::string> words;
};

struct Evaluation {
  std::optional<Grade> grade;
  std::optional<Level> report_to;       // the highest level owed; none when not reportable
  std::vector<DeadlineOwed> deadlines;  // by level, phone before written
  std::vector<Tag> tags;                // in catalogue order
  // In the order found: report codes, calendar, geofences, text (by position), thresholds.
  std::vector<SensitiveMatch> sensitive;
  bool consultation = false;
  FollowUpTerms follow_up;  // for the grade, region and category judged
  std::string catalogue_version;
  std::string explanation;  // one paragraph in Chinese
};

// The catalogue's follow-up terms for an event of these facts and grade (overrides by region
// and grade applied in order).
FollowUpTerms FollowUpTermsFor(const FollowUpPolicy& policy, const EventFacts& facts, std::optional<Grade> grade);

Evaluation Evaluate(const Catalogue& catalogue, const EventFacts& facts, const EvaluateOptions& options = {});

// The same, reusing `out`'s storage (for loops over many events).
void EvaluateInto(const Catalogue& catalogue, const EventFacts& facts, const EvaluateOptions& options, Evaluation* out);

}  // namespace shaobing
