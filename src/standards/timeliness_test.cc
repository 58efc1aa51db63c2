#include "standards/timeliness.h"

#include <gtest/gtest.h>

#include "standards/report_clocks.h"
#include "standards/test_support.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const TimePoint kOccurred = *ParseIsoTime("2026-11-29T09:00:00+08:00");
const TimePoint kReceived = kOccurred + hours(5);

FirstClockFact Fact(std::string key, std::string state, TimePoint due, TimePoint changed, std::int64_t event = 1) {
  return {event, kOccurred, kReceived, std::move(key), std::move(state), due, changed};
}

const UnitTimeliness* UnitRow(const Timeliness& t, std::string_view id) {
  for (const auto& u : t.units)
    if (u.unit == id) return &u;
  return nullptr;
}

const TimelinessTally& LevelRow(const Timeliness& t, Level level) {
  for (const auto& l : t.levels)
    if (l.level == level) return l.tally;
  throw std::runtime_error("no such level");
}

// The case through the real clocks: a fire with 3 deaths whose first report came 5
// hours after the occurrence; the unit is late by 4 hours (240 minutes) and took 300.
TEST(TimelinessTest, AFirstReportFiveHoursAfterTheOccurrenceIsLateByFourHours) {
  const RegionTree regions = testing::SmallRegionTree();
  EventFacts f;
  f.category = "fire";
  f.region = "640104";
  f.occurred_at = kOccurred;
  f.figures.Set(Figure::kDeaths, 3);
  const std::vector<EvaluationAt> history{
      {kReceived, Evaluate(standards_test::DefaultCatalogue(), f, {.detect_text = false})}};
  const ReportingUnit unit{"640104-gaj", Level::kCounty, "640104", false, false, kOccurred};
  const ObligationPlan plan = ComputeObligations(history, {unit}, regions, "640104");
  const Fulfilments done{.unit_reports = {{"640104-gaj", kReceived}},
                         .desk_reports = {{"640104", Level::kCity, Channel::kWritten, kReceived + minutes(20)}}};
  const TimePoint now = kReceived + hours(1);
  std::vector<FirstClockFact> facts;
  for (const ReportClock& c : ClocksOf({.plan = &plan, .fulfilments = &done, .occurred_at = kOccurred}, now)) {
    if (c.kind == ClockKind::kFirst) facts.push_back(Fact(c.key, ClockStateCode(c.state), c.due_at, c.since));
  }
  const Timeliness t = ComputeTimeliness(facts, regions, now);
  const UnitTimeliness* row = UnitRow(t, "640104-gaj");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->tally.late, 1);
  EXPECT_EQ(row->tally.late_by->max, 240);
  EXPECT_EQ(row->tally.elapsed->median, 300);
  EXPECT_EQ(row->tally.share_on_time, 0.0);
  // The county desk's written report to the city 20 minutes after the receipt: on time.
  const TimelinessTally& county = LevelRow(t, Level::kCounty);
  EXPECT_GE(county.on_time, 1);
  ASSERT_TRUE(county.elapsed);
  EXPECT_EQ(county.elapsed->median, 20);
}

TEST(TimelinessTest, SharesLeaveWaivedAndOpenOutAndOverdueCountsUpToNow) {
  const RegionTree regions = testing::SmallRegionTree();
  const TimePoint due = kOccurred + hours(1);
  const TimePoint now = due + hours(2);
  const Timeliness t = ComputeTimeliness({Fact("first|unit:a|county|written", "on_time", due, due - minutes(10)),
                                          Fact("first|unit:a|county|written", "overdue", due, due, 2),
                                          Fact("first|unit:a|county|written", "waived", due, due, 3),
                                          Fact("first|unit:a|county|written", "pending", due, kOccurred, 4),
                                          Fact("first|unit:b|county|written", "on_time", due, due, 1)},
                                         regions, now);
  ASSERT_EQ(t.units.size(), 2u);
  EXPECT_EQ(t.units[0].unit, "a");  // late first
  const TimelinessTally& a = t.units[0].tally;
  EXPECT_EQ(a.clocks, 4);
  EXPECT_EQ(a.on_time, 1);
  EXPECT_EQ(a.overdue, 1);
  EXPECT_EQ(a.waived, 1);
  EXPECT_EQ(a.open, 1);
  EXPECT_DOUBLE_EQ(*a.share_on_time, 0.5);
  EXPECT_EQ(a.late_by->max, 120);
  EXPECT_EQ(a.elapsed->median, 50);
  EXPECT_DOUBLE_EQ(*t.units[1].tally.share_on_time, 1.0);
  EXPECT_FALSE(t.units[1].tally.late_by);
}

TEST(TimelinessTest, DesksCountAtTheirOwnLevelAndOtherKindsAreLeftOut) {
  const RegionTree regions = testing::SmallRegionTree();
  const TimePoint due = kReceived + hours(1);
  const Timeliness t = ComputeTimeliness({Fact("first|desk:640104|city|written", "late", due, due + minutes(30)),
                                          Fact("first|desk:640100|region|phone", "on_time", due, kReceived),
                                          Fact("first|desk:999999|region|phone", "on_time", due, kReceived),
                                          Fact("follow_up|unit:a|county|1", "late", due, due + hours(1)),
                                          Fact("first|garbled", "late", due, due + hours(1))},
                                         regions, due);
  ASSERT_EQ(t.levels.size(), 3u);
  EXPECT_EQ(LevelRow(t, Level::kCounty).late, 1);
  EXPECT_EQ(LevelRow(t, Level::kCounty).late_by->max, 30);
  EXPECT_EQ(LevelRow(t, Level::kCounty).elapsed->median, 90);
  EXPECT_EQ(LevelRow(t, Level::kCity).on_time, 1);
  EXPECT_EQ(LevelRow(t, Level::kCity).elapsed->median, 0);
  EXPECT_EQ(LevelRow(t, Level::kRegion).clocks, 0);
  EXPECT_FALSE(LevelRow(t, Level::kRegion).share_on_time);
  EXPECT_TRUE(t.units.empty());
}

TEST(TimelinessTest, NearestRankPercentiles) {
  EXPECT_FALSE(NearestRank({}, 0.5));
  EXPECT_EQ(NearestRank({7}, 0.9), 7);
  EXPECT_EQ(NearestRank({4, 1, 3, 2}, 0.5), 2);
  EXPECT_EQ(NearestRank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9), 9);
  EXPECT_EQ(NearestRank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10);
}

}  // namespace
}  // namespace shaobing
