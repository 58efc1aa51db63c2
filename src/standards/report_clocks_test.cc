#include "standards/report_clocks.h"

#include <gtest/gtest.h>

#include "standards/test_support.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using enum Level;

const TimePoint kOccurred = *ParseIsoTime("2026-11-29T09:00:00+08:00");
const TimePoint kReceived = kOccurred + minutes(20);

Evaluation Judge(const std::string& category, double deaths) {
  EventFacts f;
  f.category = category;
  f.region = "640104";
  f.occurred_at = kOccurred;
  f.figures.Set(Figure::kDeaths, deaths);
  return Evaluate(standards_test::DefaultCatalogue(), f, {.detect_text = false});
}

JudgedMoment Moment(TimePoint at, const Evaluation& e, double deaths) {
  JudgedMoment m{at, {}, e.follow_up};
  m.figures.Set(Figure::kDeaths, deaths);
  return m;
}

// A county fire: the unit 640104-dw2 reports to the county desk, which owes the city.
class ReportClocksTest : public ::testing::Test {
 protected:
  const RegionTree regions_ = testing::SmallRegionTree();
  const ReportingUnit unit_{"640104-dw2", kCounty, "640104", false, false, kOccurred};

  void Judge(TimePoint at, double deaths, const std::string& category = "fire") {
    const Evaluation e = shaobing::Judge(category, deaths);
    history_.push_back({at, e});
    in_.moments.push_back(Moment(at, e, deaths));
  }
  std::vector<ReportClock> Clocks(TimePoint now) {
    plan_ = ComputeObligations(history_, {unit_}, regions_, "640104");
    in_.plan = &plan_;
    in_.fulfilments = &f_;
    in_.occurred_at = kOccurred;
    return ClocksOf(in_, now);
  }
  static const ReportClock& Find(const std::vector<ReportClock>& clocks, const std::string& key) {
    for (const auto& c : clocks) {
      if (c.key == key) return c;
    }
    throw std::runtime_error("no clock " + key);
  }
  static int Count(const std::vector<ReportClock>& clocks, ClockKind kind) {
    return static_cast<int>(std::count_if(clocks.begin(), clocks.end(), [&](auto& c) { return c.kind == kind; }));
  }

  std::vector<EvaluationAt> history_;
  ObligationPlan plan_;
  Fulfilments f_;
  ClockInputs in_;
};

// pending → due_soon → overdue, then fulfilled late; a first report in time is on_time.
TEST_F(ReportClocksTest, FirstClockMovesThroughItsStates) {
  Judge(kReceived, 1);
  f_.unit_reports = {{"640104-dw2", kReceived}};
  const std::string key = "first|desk:640104|city|written";
  EXPECT_EQ(Find(Clocks(kReceived + minutes(10)), key).state, ClockState::kPending);
  EXPECT_EQ(Find(Clocks(kReceived + minutes(50)), key).state, ClockState::kDueSoon);
  const ReportClock overdue = Find(Clocks(kReceived + minutes(75)), key);
  EXPECT_EQ(overdue.state, ClockState::kOverdue);
  EXPECT_EQ(overdue.late_by, minutes(15));
  f_.desk_reports = {{"640104", kCity, Channel::kWritten, kReceived + minutes(90)}};
  const ReportClock late = Find(Clocks(kReceived + hours(2)), key);
  EXPECT_EQ(late.state, ClockState::kLate);
  EXPECT_EQ(late.late_by, minutes(30));
  EXPECT_EQ(Find(Clocks(kReceived + hours(2)), "first|unit:640104-dw2|county|written").state, ClockState::kOnTime);
}

// Grade IV: one follow-up a day, counted from the party's last report; each report starts the
// next clock.
TEST_F(ReportClocksTest, FollowUpsFollowTheDailyCadence) {
  Judge(kReceived, 1);
  f_.unit_reports = {{"640104-dw2", kReceived}, {"640104-dw2", kReceived + hours(20)}};
  const auto clocks = Clocks(kReceived + hours(50));
  const ReportClock& first = Find(clocks, "follow_up|unit:640104-dw2|county|1");
  EXPECT_EQ(first.due_at, kReceived + hours(24));
  EXPECT_EQ(first.state, ClockState::kOnTime);
  const ReportClock& second = Find(clocks, "follow_up|unit:640104-dw2|county|2");
  EXPECT_EQ(second.starts_at, kReceived + hours(20));
  EXPECT_EQ(second.state, ClockState::kOverdue);
  EXPECT_EQ(second.late_by, hours(6));
  // The desk never reported: it owes its first report, not follow-ups.
  EXPECT_EQ(Count(clocks, ClockKind::kFollowUp), 2);
}

// Grades I and II: twice a day (12 hours), from the grade judged when the clock started.
TEST_F(ReportClocksTest, GradesOneAndTwoFollowUpTwiceADay) {
  Judge(kReceived, 30);  // 30 deaths: grade I
  ASSERT_EQ(in_.moments.back().terms.per_day, 2);
  f_.unit_reports = {{"640104-dw2", kReceived}};
  const auto clocks = Clocks(kReceived + hours(1));
  EXPECT_EQ(Find(clocks, "follow_up|unit:640104-dw2|county|1").due_at, kReceived + hours(12));
}

// A unit's final report closes its follow-ups; the event's closure closes everyone's.
TEST_F(ReportClocksTest, AFinalReportOrTheClosureClosesFollowUps) {
  Judge(kReceived, 1);
  f_.unit_reports = {
      {"640104-dw2", kReceived}, {"640104-dw2", kReceived + hours(30)}, {"640104-dw2", kReceived + hours(40)}};
  in_.unit_finals = {{"640104-dw2", kReceived + hours(40)}};
  // The first follow-up (met late at +30 h); the final at +40 h closed the next before its deadline.
  EXPECT_EQ(Count(Clocks(kReceived + hours(80)), ClockKind::kFollowUp), 1);
  in_.unit_finals.clear();
  in_.closed_at = kReceived + hours(2);
  EXPECT_EQ(Count(Clocks(kReceived + hours(80)), ClockKind::kFollowUp), 0);
}

// A desk that reported to the city owes it a follow-up after the figures change; within 7
// days of a fire a casualty change is a 补报, owed even after the closure; later it is not.
TEST_F(ReportClocksTest, ChangedFiguresOweTheDeskAFollowUpOrASupplement) {
  Judge(kReceived, 1);
  f_.unit_reports = {{"640104-dw2", kReceived}};
  f_.desk_reports = {{"640104", kCity, Channel::kWritten, kReceived + minutes(30)}};
  const TimePoint change = kReceived + hours(2);
  Judge(change, 2);
  auto clocks = Clocks(change + minutes(61));
  const ReportClock& supplement = Find(clocks, "supplementary|desk:640104|city|1");
  EXPECT_EQ(supplement.due_at, change + minutes(60));
  EXPECT_EQ(supplement.state, ClockState::kOverdue);
  // Closed before the change: a 补报 is still owed.
  in_.closed_at = kReceived + hours(1);
  EXPECT_EQ(Count(Clocks(change + minutes(61)), ClockKind::kSupplementary), 1);
  // Eight days on, the same change is neither 补报 nor owed after the closure.
  history_.pop_back();
  in_.moments.pop_back();
  Judge(kOccurred + std::chrono::days(8), 2);
  EXPECT_EQ(Count(Clocks(kOccurred + std::chrono::days(9)), ClockKind::kSupplementary), 0);
  EXPECT_EQ(Count(Clocks(kOccurred + std::chrono::days(9)), ClockKind::kAfterChange), 0);
  in_.closed_at.reset();
  EXPECT_EQ(Count(Clocks(kOccurred + std::chrono::days(9)), ClockKind::kAfterChange), 1);
}

// Road traffic has its own window (7 days) by category; other categories have 30.
TEST_F(ReportClocksTest, SupplementaryWindowIsByCategory) {
  Judge(kReceived, 1, "hazardous_chemicals");
  f_.unit_reports = {{"640104-dw2", kReceived}};
  f_.desk_reports = {{"640104", kCity, Channel::kWritten, kReceived + minutes(30)}};
  Judge(kOccurred + std::chrono::days(10), 2, "hazardous_chemicals");
  EXPECT_EQ(in_.moments.back().terms.supplementary_days, 30);
  EXPECT_EQ(Count(Clocks(kOccurred + std::chrono::days(11)), ClockKind::kSupplementary), 1);
}

// A waiver (do not report, after a consultation) waives what was owed and not yet done.
TEST_F(ReportClocksTest, AWaiverWaivesWhatWasOwed) {
  Judge(kReceived, 1);
  f_.unit_reports = {{"640104-dw2", kReceived}};
  in_.waivers = {{kReceived + minutes(20), "会商决定不报"}};
  const auto clocks = Clocks(kReceived + hours(3));
  const ReportClock& desk = Find(clocks, "first|desk:640104|city|written");
  EXPECT_EQ(desk.state, ClockState::kWaived);
  EXPECT_EQ(desk.waived_reason, "会商决定不报");
  EXPECT_EQ(Find(clocks, "first|unit:640104-dw2|county|written").state, ClockState::kOnTime);
}

// A desk's decision waives its own clocks and those of the desks above it, not those below.
TEST_F(ReportClocksTest, AScopedWaiverWaivesOnlyTheDesksAtItsLevelAndAbove) {
  Judge(kReceived, 1);
  f_.unit_reports = {{"640104-dw2", kReceived}};
  in_.waivers = {{kReceived + minutes(20), "会商决定不报", Level::kCity, "consultation:1"}};
  auto clocks = Clocks(kReceived + hours(3));
  EXPECT_EQ(Find(clocks, "first|desk:640104|city|written").state, ClockState::kOverdue);
  in_.waivers.front().desks_from = Level::kCounty;
  clocks = Clocks(kReceived + hours(3));
  const ReportClock& desk = Find(clocks, "first|desk:640104|city|written");
  EXPECT_EQ(desk.state, ClockState::kWaived);
  EXPECT_EQ(desk.waived_basis, "consultation:1");
}

// A catalogue may set the cadence per jurisdiction and grade.
TEST(FollowUpPolicyTest, OverridesApplyByRegionAndGrade) {
  FollowUpPolicy p;
  p.overrides.push_back({{"640100"}, {Grade::kIV}, 3, 30, 1});
  EventFacts f;
  f.region = "640104";
  f.category = "fire";
  EXPECT_EQ(FollowUpTermsFor(p, f, Grade::kIV).per_day, 3);
  EXPECT_EQ(FollowUpTermsFor(p, f, Grade::kIV).after_change_minutes, 30);
  EXPECT_EQ(FollowUpTermsFor(p, f, Grade::kIV).supplementary_days, 7);
  EXPECT_EQ(FollowUpTermsFor(p, f, Grade::kIII).per_day, 1);
  f.region = "640205";
  EXPECT_EQ(FollowUpTermsFor(p, f, Grade::kIV).per_day, 1);
}

}  // namespace
}  // namespace shaobing
