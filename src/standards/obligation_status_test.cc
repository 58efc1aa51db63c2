#include "standards/obligation_status.h"

#include <gtest/gtest.h>

#include "standards/test_support.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using enum Level;

const TimePoint kOccurred = *ParseIsoTime("2026-11-29T09:00:00+08:00");
const TimePoint kReceived = kOccurred + hours(5);  // the unit's first report, five hours on

EvaluationAt FireWithDeaths(TimePoint at, double deaths) {
  EventFacts f;
  f.category = "fire";
  f.region = "640104";
  f.occurred_at = kOccurred;
  f.figures.Set(Figure::kDeaths, deaths);
  return {at, Evaluate(standards_test::DefaultCatalogue(), f, {.detect_text = false})};
}

class ObligationStatusTest : public ::testing::Test {
 protected:
  const RegionTree regions_ = testing::SmallRegionTree();
  const ReportingUnit dw_{"640104-dw2", kCounty, "640104", false, false, kOccurred};  // not the desk itself
  ObligationPlan Plan(std::vector<EvaluationAt> history) {
    return ComputeObligations(history, {dw_}, regions_, "640104");
  }
  static const Obligation& Find(const ObligationPlan& plan, PartyKind from, Level to, Channel channel) {
    for (const auto& o : plan.obligations) {
      if (o.from.kind == from && o.to.level == to && o.channel == channel) return o;
    }
    throw std::runtime_error("no such obligation");
  }
};

// A first report of a fire with 3 deaths filed 5 hours after the occurrence: the unit's clock
// started at the occurrence, so it is late by 4 hours; the desks' clocks start at the receipt.
TEST_F(ObligationStatusTest, AFirstReportFiveHoursAfterTheOccurrenceIsLateByFour) {
  const auto plan = Plan({FireWithDeaths(kReceived, 3)});
  const Obligation& unit = Find(plan, PartyKind::kUnit, kCounty, Channel::kWritten);
  EXPECT_EQ(unit.starts_at, kOccurred);
  EXPECT_EQ(unit.due_at, kOccurred + minutes(60));
  const auto state = StateOf(unit, {.unit_reports = {{"640104-dw2", kReceived}}}, kReceived + minutes(1));
  EXPECT_EQ(state.status, ObligationStatus::kLate);
  EXPECT_EQ(state.fulfilled_at, kReceived);
  EXPECT_EQ(state.late_by, hours(4));
  const Obligation& city = Find(plan, PartyKind::kDesk, kCity, Channel::kWritten);
  EXPECT_EQ(city.starts_at, kReceived);
}

// Facts that became reportable only later start the unit's clock then, not at the occurrence.
TEST_F(ObligationStatusTest, ReportableOnlyLaterStartsThen) {
  const TimePoint later = kReceived + hours(20);
  EventFacts quiet;
  quiet.category = "earthquake";
  quiet.region = "640104";
  quiet.occurred_at = kOccurred;
  quiet.figures.Set(Figure::kMagnitude, 2.0);
  const EvaluationAt first{kReceived, Evaluate(standards_test::DefaultCatalogue(), quiet, {.detect_text = false})};
  EventFacts felt = quiet;
  felt.figures.Set(Figure::kMagnitude, 3.5);
  const EvaluationAt second{later, Evaluate(standards_test::DefaultCatalogue(), felt, {.detect_text = false})};
  const auto plan = ComputeObligations({first, second}, {dw_}, regions_, "640104");
  const Obligation& unit = Find(plan, PartyKind::kUnit, kCounty, Channel::kWritten);
  EXPECT_EQ(unit.starts_at, later);
}

TEST_F(ObligationStatusTest, OpenThenOverdueWithoutAFulfilment) {
  const auto plan = Plan({FireWithDeaths(kReceived, 3)});
  const Obligation& phone = Find(plan, PartyKind::kDesk, kRegion, Channel::kPhone);
  EXPECT_EQ(StateOf(phone, {}, phone.due_at).status, ObligationStatus::kOpen);
  const auto overdue = StateOf(phone, {}, phone.due_at + minutes(95));
  EXPECT_EQ(overdue.status, ObligationStatus::kOverdue);
  EXPECT_EQ(overdue.late_by, minutes(95));
  EXPECT_FALSE(overdue.fulfilled_at.has_value());
}

// The city desk owes the region a phone call (30 min) and a written report (60 min).
TEST_F(ObligationStatusTest, ADesksReportFulfilsItsOwnObligationsToThatLevel) {
  const auto plan = Plan({FireWithDeaths(kReceived, 3)});
  const Obligation& phone = Find(plan, PartyKind::kDesk, kRegion, Channel::kPhone);
  const Obligation& written = Find(plan, PartyKind::kDesk, kRegion, Channel::kWritten);
  ASSERT_EQ(phone.from.region, "640100");
  const TimePoint call = kReceived + minutes(20), text = kReceived + minutes(75);
  const Fulfilments f{
      .desk_reports = {{"640100", kRegion, Channel::kPhone, call}, {"640100", kRegion, Channel::kWritten, text}}};
  EXPECT_EQ(StateOf(phone, f, text).status, ObligationStatus::kMet);
  const auto w = StateOf(written, f, text);
  EXPECT_EQ(w.status, ObligationStatus::kLate);
  EXPECT_EQ(w.late_by, minutes(15));
  // A phone call never fulfils a written obligation; a written report fulfils a phone one.
  const Fulfilments call_only{.desk_reports = {{"640100", kRegion, Channel::kPhone, call}}};
  EXPECT_EQ(StateOf(written, call_only, text).status, ObligationStatus::kOverdue);
  const Fulfilments written_only{.desk_reports = {{"640100", kRegion, Channel::kWritten, call}}};
  EXPECT_EQ(StateOf(phone, written_only, text).status, ObligationStatus::kMet);
}

TEST_F(ObligationStatusTest, AnotherDesksOrAnotherLevelsReportFulfilsNothing) {
  const auto plan = Plan({FireWithDeaths(kReceived, 3)});
  const Obligation& written = Find(plan, PartyKind::kDesk, kRegion, Channel::kWritten);
  const TimePoint at = kReceived + minutes(10);
  const Fulfilments others{.desk_reports = {{"640104", kRegion, Channel::kWritten, at},    // the county, 越级
                                            {"640100", kCentre, Channel::kWritten, at},    // the city, to the centre
                                            {"640200", kRegion, Channel::kWritten, at}}};  // another city
  EXPECT_EQ(StateOf(written, others, at).status, ObligationStatus::kOpen);
  EXPECT_EQ(ObligationStatusCode(StateOf(written, others, written.due_at + minutes(1)).status), std::string("overdue"));
}

// 兴庆区委办 (the county's own office) files the first report 5 hours after the occurrence:
// its desk knew from the occurrence, so its obligation to the city started then, and the report
// on the platform (which reaches every level) fulfils it 4 hours late. The city desk learned at
// the receipt: its clock starts then.
TEST_F(ObligationStatusTest, ADesksOwnOfficeReportingLateMakesTheDeskLate) {
  const ReportingUnit office{"640104-dw", kCounty, "640104", false, true, kOccurred};
  const auto plan = ComputeObligations({FireWithDeaths(kReceived, 3)}, {office}, regions_, "640104");
  const Obligation& county = Find(plan, PartyKind::kDesk, kCity, Channel::kWritten);
  EXPECT_EQ(county.from.region, "640104");
  EXPECT_EQ(county.starts_at, kOccurred);
  const Fulfilments f{.unit_reports = {{"640104-dw", kReceived}}, .office_reports = {{"640104", kReceived}}};
  const auto state = StateOf(county, f, kReceived);
  EXPECT_EQ(state.status, ObligationStatus::kLate);
  EXPECT_EQ(state.late_by, hours(4));
  const Obligation& city = Find(plan, PartyKind::kDesk, kRegion, Channel::kPhone);
  EXPECT_EQ(city.from.region, "640100");
  EXPECT_EQ(city.starts_at, kReceived);
  EXPECT_EQ(StateOf(city, f, kReceived).status, ObligationStatus::kOpen);  // another desk's office
}

TEST_F(ObligationStatusTest, TheEarliestFulfilmentCounts) {
  const auto plan = Plan({FireWithDeaths(kReceived, 3)});
  const Obligation& unit = Find(plan, PartyKind::kUnit, kCounty, Channel::kWritten);
  const Fulfilments f{.unit_reports = {{"640104-dw2", kOccurred + hours(9)},
                                       {"640104-dw2", kOccurred + minutes(50)},
                                       {"640104-yjj", kOccurred}}};
  const auto state = StateOf(unit, f, kOccurred + hours(10));
  EXPECT_EQ(state.status, ObligationStatus::kMet);
  EXPECT_EQ(state.fulfilled_at, kOccurred + minutes(50));
  EXPECT_EQ(state.late_by, minutes(0));
}

}  // namespace
}  // namespace shaobing
