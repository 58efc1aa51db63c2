#include "core/event.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

Report Make(ReportId id, const std::string& unit, ReportKind kind, int seq, std::optional<double> deaths,
            std::optional<ReportId> supersedes = std::nullopt) {
  Report r;
  r.id = id;
  r.event_id = 1;
  r.sequence = seq;
  r.received_at = FromUnixMillis(id * 1000);
  r.draft.kind = kind;
  r.draft.unit = unit;
  r.draft.description = "d" + std::to_string(id);
  r.draft.figures.Set(Figure::kDeaths, deaths);
  r.draft.supersedes = supersedes;
  if (kind == ReportKind::kFirst) {
    r.draft.category = "fire";
    r.draft.location.region = "640104";
  }
  return r;
}

ReportDraft Draft(ReportKind kind, std::optional<ReportId> supersedes = std::nullopt) {
  ReportDraft d;
  d.kind = kind;
  d.unit = "u1";
  d.supersedes = supersedes;
  return d;
}

TEST(SeriesTest, NumbersFollowUpsPerUnit) {
  std::vector<Report> mine{Make(1, "u1", ReportKind::kFirst, 0, 1)};
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kFollowup), mine), 1);
  mine.push_back(Make(2, "u1", ReportKind::kFollowup, 1, 2));
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kFollowup), mine), 2);
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kFirst), mine).error().reason, "already_reported");
}

TEST(SeriesTest, AFollowUpNeedsTheUnitsFirstReport) {
  auto r = PlaceInSeries(Draft(ReportKind::kFollowup), {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "not_in_series");
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST(SeriesTest, FinalClosesTheSeriesButCorrectionsMayFollow) {
  std::vector<Report> mine{Make(1, "u1", ReportKind::kFirst, 0, 1), Make(2, "u1", ReportKind::kFinal, 1, 3)};
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kFollowup), mine).error().reason, "series_closed");
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kFinal), mine).error().reason, "series_closed");
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kCorrection, 2), mine), 2);
}

TEST(SeriesTest, CorrectionMustNameOneOfTheUnitsReportsOnce) {
  std::vector<Report> mine{Make(1, "u1", ReportKind::kFirst, 0, 1)};
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kCorrection, 99), mine).error().reason, "supersedes_unknown");
  mine.push_back(Make(2, "u1", ReportKind::kCorrection, 1, 2, 1));
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kCorrection, 1), mine).error().reason, "already_superseded");
  EXPECT_EQ(PlaceInSeries(Draft(ReportKind::kCorrection, 2), mine), 2);
}

TEST(SeriesTest, CurrentFiguresFollowCorrections) {
  std::vector<Report> all{Make(1, "u1", ReportKind::kFirst, 0, 1), Make(2, "u1", ReportKind::kFollowup, 1, 5),
                          Make(3, "u1", ReportKind::kCorrection, 2, 3, 2)};
  EXPECT_EQ(CurrentFigures(all).Get(Figure::kDeaths), 3.0);
  auto series = BuildSeries(all);
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[1].superseded_by, 3);
  ASSERT_EQ(series[1].figure_changes.size(), 1u);
  EXPECT_EQ(series[1].figure_changes[0].before, 1.0);
  EXPECT_EQ(series[1].figure_changes[0].after, 5.0);
  ASSERT_EQ(series[2].figure_changes.size(), 1u);  // against the superseded report
  EXPECT_EQ(series[2].figure_changes[0].before, 5.0);
  EXPECT_EQ(series[2].figure_changes[0].after, 3.0);
  EXPECT_EQ(series[2].changed_fields, std::vector<std::string>{"description"});
}

TEST(SeriesTest, EventClosesWhenEveryUnitSentItsFinal) {
  std::vector<Report> all{Make(1, "u1", ReportKind::kFirst, 0, 1), Make(2, "u2", ReportKind::kFirst, 0, 1),
                          Make(3, "u1", ReportKind::kFinal, 1, 2)};
  EventRow row = Summarise(EventRow{}, all);
  EXPECT_FALSE(row.closed);
  EXPECT_EQ(row.report_count, 3);
  all.push_back(Make(4, "u2", ReportKind::kFinal, 1, 2));
  row = Summarise(row, all);
  EXPECT_TRUE(row.closed);
  EXPECT_EQ(row.updated_at, FromUnixMillis(4000));
  EXPECT_EQ(row.category, "fire");
}

}  // namespace
}  // namespace shaobing
