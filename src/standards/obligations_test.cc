#include "standards/obligations.h"

#include <gtest/gtest.h>

#include "standards/test_support.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using std::chrono::minutes;
using enum Level;

const TimePoint kT0 = *ParseIsoTime("2026-11-29T14:30:00+08:00");

EvaluationAt At(TimePoint at, std::string category, std::vector<std::pair<Figure, double>> figures) {
  EventFacts f;
  f.category = std::move(category);
  f.region = "640104";
  f.occurred_at = ParseIsoTime("2026-11-29T14:05:00+08:00");
  for (auto [k, v] : figures) f.figures.Set(k, v);
  return {at, Evaluate(standards_test::DefaultCatalogue(), f, {.detect_text = false})};
}

Party Desk(Level level, std::string region) { return {PartyKind::kDesk, "", level, std::move(region)}; }
Party UnitParty(std::string id, Level level, std::string region) {
  return {PartyKind::kUnit, std::move(id), level, std::move(region)};
}

class ObligationsTest : public ::testing::Test {
 protected:
  const RegionTree regions_ = testing::SmallRegionTree();
  const std::vector<ReportingUnit> units_{
      {"640104-yjj", kCounty, "640104", false, false, std::nullopt},
      {"640181-zb", kCounty, "640181", true, false, std::nullopt},
      {"640104-dw", kCounty, "640104", false, true, std::nullopt},
  };
};

TEST_F(ObligationsTest, FirstReportOwesUpToReportTo) {
  const auto plan = ComputeObligations({At(kT0, "fire", {{Figure::kDeaths, 2}})}, units_, regions_, "640104");
  EXPECT_TRUE(plan.escalations.empty());
  ASSERT_EQ(plan.obligations.size(), 3u);
  const Obligation& desk = plan.obligations[0];
  EXPECT_EQ(desk.from, Desk(kCounty, "640104"));
  EXPECT_EQ(desk.to, Desk(kCity, "640100"));
  EXPECT_EQ(desk.channel, Channel::kWritten);
  EXPECT_EQ(desk.starts_at, kT0);
  EXPECT_EQ(desk.due_at, kT0 + minutes(60));
  EXPECT_EQ(desk.reason, "按报送标准须报至市级（书面）");
  EXPECT_FALSE(desk.escalation.has_value());
  const Obligation& unit = plan.obligations[1];
  EXPECT_EQ(unit.from, UnitParty("640104-yjj", kCounty, "640104"));
  EXPECT_EQ(unit.to, Desk(kCounty, "640104"));
  EXPECT_EQ(unit.due_at, kT0 + minutes(60));
  EXPECT_EQ(unit.reason, "单位向本级党委办公室报告");
  const Obligation& direct = plan.obligations[2];
  EXPECT_EQ(direct.from, UnitParty("640181-zb", kCounty, "640181"));
  EXPECT_EQ(direct.to, Desk(kRegion, "640000"));
  EXPECT_EQ(direct.due_at, kT0 + minutes(60));
  EXPECT_EQ(direct.reason, "直报点直报省（区）级");
}

TEST_F(ObligationsTest, GrowingFiguresEscalateWithTheirOwnClock) {
  const TimePoint t1 = kT0 + minutes(90);
  const auto plan = ComputeObligations(
      {At(kT0, "fire", {{Figure::kDeaths, 2}}), At(t1, "fire", {{Figure::kDeaths, 3}})}, units_, regions_, "640104");
  ASSERT_EQ(plan.escalations.size(), 1u);
  const Escalation& up = plan.escalations[0];
  EXPECT_EQ(up.at, t1);
  EXPECT_EQ(up.from_level, kCity);
  EXPECT_EQ(up.to_level, kRegion);
  EXPECT_EQ(up.from_grade, Grade::kIV);
  EXPECT_EQ(up.to_grade, Grade::kIII);
  EXPECT_EQ(up.reason,
            "升级：报送层级由市级升至省（区）级；定级由一般（Ⅳ级）升至较大（Ⅲ级）；新命中「较大生产安全事故」"
            "（死亡 3 人 ≥ 3 且 < 10）、「伤亡或损失达到报送自治区标准」（类别：火灾，死亡 3 人 ≥ 3）");
  ASSERT_EQ(plan.obligations.size(), 5u);
  for (size_t i = 3; i < 5; ++i) {
    const Obligation& o = plan.obligations[i];
    EXPECT_EQ(o.from, Desk(kCity, "640100"));
    EXPECT_EQ(o.to, Desk(kRegion, "640000"));
    EXPECT_EQ(o.starts_at, t1);
    EXPECT_EQ(o.escalation, 0u);
  }
  EXPECT_EQ(plan.obligations[3].channel, Channel::kPhone);
  EXPECT_EQ(plan.obligations[3].due_at, t1 + minutes(30));
  EXPECT_EQ(plan.obligations[4].channel, Channel::kWritten);
  EXPECT_EQ(plan.obligations[4].due_at, t1 + minutes(60));
}

TEST_F(ObligationsTest, LaterDowngradeKeepsObligations) {
  const TimePoint t1 = kT0 + minutes(30), t2 = kT0 + minutes(60);
  const auto plan = ComputeObligations({At(kT0, "fire", {{Figure::kDeaths, 3}}), At(t1, "fire", {{Figure::kDeaths, 2}}),
                                        At(t2, "fire", {{Figure::kDeaths, 3}})},
                                       units_, regions_, "640104");
  EXPECT_TRUE(plan.escalations.empty());
  EXPECT_EQ(plan.obligations.size(), 5u);  // city written, region phone + written, two units
}

TEST_F(ObligationsTest, CentreAndTheEventsOwnLevel) {
  const auto plan =
      ComputeObligations({At(kT0, "fire", {{Figure::kDeaths, 10}})}, {}, regions_, "640100");  // a city-level region
  ASSERT_EQ(plan.obligations.size(), 4u);
  EXPECT_EQ(plan.obligations[0].from, Desk(kCity, "640100"));
  EXPECT_EQ(plan.obligations[0].to, Desk(kRegion, "640000"));
  EXPECT_EQ(plan.obligations[2].from, Desk(kRegion, "640000"));
  EXPECT_EQ(plan.obligations[2].to, Desk(kCentre, ""));
  EXPECT_EQ(plan.obligations[3].due_at, kT0 + minutes(60));
}

TEST_F(ObligationsTest, BecomingReportableIsAnEscalation) {
  const TimePoint t1 = kT0 + minutes(20);
  EvaluationAt quiet = At(kT0, "earthquake", {{Figure::kMagnitude, 2.5}});
  EvaluationAt felt = At(t1, "earthquake", {{Figure::kMagnitude, 3.5}});
  const std::vector<ReportingUnit> units{{"640104-dzj", kCounty, "640104", false, false, kT0 + minutes(45)}};
  const auto plan = ComputeObligations({quiet, felt}, units, regions_, "640104");
  ASSERT_EQ(plan.escalations.size(), 1u);
  EXPECT_FALSE(plan.escalations[0].from_level.has_value());
  EXPECT_EQ(plan.escalations[0].to_level, kCounty);
  EXPECT_EQ(plan.escalations[0].reason,
            "升级：报送层级由未达报送标准升至县级；新命中「有感地震（未达分级标准）」（震级 3.5 级 ≥ 3）");
  ASSERT_EQ(plan.obligations.size(), 1u);
  // The unit knew only at t0+45: its clock starts then.
  EXPECT_EQ(plan.obligations[0].starts_at, kT0 + minutes(45));
  EXPECT_EQ(plan.obligations[0].due_at, kT0 + minutes(105));
  EXPECT_EQ(plan.obligations[0].escalation, 0u);
}

TEST_F(ObligationsTest, UnitsAboveTheOwedLevelWait) {
  const std::vector<ReportingUnit> units{{"640100-yjj", kCity, "640100", false, false, std::nullopt}};
  const TimePoint t1 = kT0 + minutes(10);
  EvaluationAt county_only = At(kT0, "online_opinion", {});
  EvaluationAt city = At(t1, "fire", {{Figure::kDeaths, 2}});
  const auto plan = ComputeObligations({county_only, city}, units, regions_, "640104", {.unit_minutes = 30});
  ASSERT_EQ(plan.obligations.size(), 2u);  // county desk → city desk, then the unit
  EXPECT_EQ(plan.obligations[0].to, Desk(kCity, "640100"));
  EXPECT_EQ(plan.obligations[1].from.id, "640100-yjj");
  EXPECT_EQ(plan.obligations[1].to, Desk(kCity, "640100"));
  EXPECT_EQ(plan.obligations[1].starts_at, t1);
  EXPECT_EQ(plan.obligations[1].due_at, t1 + minutes(30));
}

TEST_F(ObligationsTest, NothingWithoutHistory) {
  EXPECT_TRUE(ComputeObligations({}, units_, regions_, "640104").obligations.empty());
}

}  // namespace
}  // namespace shaobing
