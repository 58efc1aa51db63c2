#include "fusion/consensus.h"

#include <gtest/gtest.h>

#include "fusion/perspectives.h"
#include "fusion/summary.h"

namespace shaobing::fusion {
namespace {

SourcedReport Source(std::string unit, std::string name, std::string kind, const char* at,
                     std::vector<std::pair<Figure, double>> figures, std::string text = "") {
  SourcedReport r;
  r.unit = std::move(unit);
  r.unit_name = std::move(name);
  r.unit_kind = std::move(kind);
  r.at = *ParseIsoTime(at);
  for (auto [f, v] : figures) r.draft.figures.Set(f, v);
  r.draft.description = std::move(text);
  return r;
}

const char* kParty = "中共银川市兴庆区委办公室";
const char* kHealth = "宁夏回族自治区卫生健康委员会";

TEST(Consensus, AuthorityLatestValueWinsAndDisagreementIsAConflict) {
  const std::vector<SourcedReport> reports = {
      Source("640104-dw", kParty, "party_office", "2026-11-29T14:30:00+08:00", {{Figure::kDeaths, 1}}),
      Source("640000-wsjkw", kHealth, "health", "2026-11-29T15:00:00+08:00", {{Figure::kDeaths, 1}}),
      Source("640000-wsjkw", kHealth, "health", "2026-11-29T17:00:00+08:00", {{Figure::kDeaths, 3}}),
      Source("640104-dw", kParty, "party_office", "2026-11-29T18:00:00+08:00", {{Figure::kDeaths, 2}}),
  };
  const Consensus c = BuildConsensus(reports);
  const FigureConsensus* deaths = c.Find(Figure::kDeaths);
  ASSERT_NE(deaths, nullptr);
  EXPECT_EQ(deaths->value.value, 3);
  EXPECT_EQ(deaths->value.unit, "640000-wsjkw");
  EXPECT_EQ(deaths->rule, ConsensusRule::kAuthority);
  EXPECT_EQ(deaths->history.size(), 4u);
  ASSERT_EQ(c.conflicts.size(), 1u);
  EXPECT_EQ(c.conflicts[0].other.unit, "640104-dw");
  EXPECT_EQ(c.conflicts[0].other.value, 2);
  EXPECT_EQ(c.conflicts[0].consensus.at, *ParseIsoTime("2026-11-29T17:00:00+08:00"));
}

TEST(Consensus, WithoutAuthorityDeathsTakeTheMaxAndOthersTheLatest) {
  const std::vector<SourcedReport> reports = {
      Source("640104-dw", kParty, "party_office", "2026-11-29T14:30:00+08:00",
             {{Figure::kDeaths, 2}, {Figure::kInjuries, 9}}),
      Source("640000-gat", "宁夏回族自治区公安厅", "public_security", "2026-11-29T15:00:00+08:00",
             {{Figure::kDeaths, 1}, {Figure::kEconomicLossYuan, 10000}}),
      Source("640104-dw", kParty, "party_office", "2026-11-29T16:00:00+08:00", {{Figure::kEconomicLossYuan, 10500}}),
  };
  const Consensus c = BuildConsensus(reports);
  EXPECT_EQ(c.Find(Figure::kDeaths)->value.value, 2);
  EXPECT_EQ(c.Find(Figure::kDeaths)->rule, ConsensusRule::kMaxOfLatest);
  EXPECT_EQ(c.Find(Figure::kEconomicLossYuan)->value.value, 10500);
  EXPECT_EQ(c.Find(Figure::kEconomicLossYuan)->rule, ConsensusRule::kLatest);
  // Deaths 2 vs 1 is a conflict; loss 10,000 vs 10,500 is within 10 %.
  ASSERT_EQ(c.conflicts.size(), 1u);
  EXPECT_EQ(c.conflicts[0].figure, Figure::kDeaths);
  EXPECT_EQ(c.Find(Figure::kMagnitude), nullptr);
}

TEST(Consensus, StaleValuesAreSupersededNotConflicting) {
  const std::vector<SourcedReport> reports = {
      Source("640104-dw", kParty, "party_office", "2026-11-29T08:00:00+08:00", {{Figure::kInjuries, 2}}),
      Source("640000-wsjkw", kHealth, "health", "2026-11-29T20:00:00+08:00", {{Figure::kInjuries, 9}}),
  };
  EXPECT_TRUE(BuildConsensus(reports).conflicts.empty());
}

TEST(Perspectives, TaggedByUnitKindAndText) {
  ReportDraft d;
  d.description = "医院共收治伤员5人，其中2人重症。公安机关已实施交通管制，现场秩序良好。";
  EXPECT_EQ(TagPerspectives(d, "health"), (std::vector<std::string>{"casualties_treatment", "law_order"}));
  d.description = "无其他情况。";
  d.cause = "违规动火作业";
  EXPECT_EQ(TagPerspectives(d, "party_office"), (std::vector<std::string>{"technical_cause", "aftermath_stability"}));
}

TEST(Perspectives, EventShowsCoveredAndMissing) {
  std::vector<SourcedReport> reports = {
      Source("640104-dw", kParty, "party_office", "2026-11-29T14:30:00+08:00", {{Figure::kDeaths, 1}},
             "善后工作组已安抚家属。"),
      Source("640000-wsjkw", kHealth, "health", "2026-11-29T15:00:00+08:00", {{Figure::kDeaths, 1}}, "收治伤员3人。"),
  };
  const auto status = EventPerspectives("hazardous_chemicals", reports);
  ASSERT_EQ(status.size(), 5u);
  auto find = [&](const char* code) {
    return *std::find_if(status.begin(), status.end(), [&](const PerspectiveStatus& s) { return s.code == code; });
  };
  EXPECT_EQ(find("casualties_treatment").covered_by, std::vector<std::string>{"640000-wsjkw"});
  EXPECT_TRUE(find("environmental_harm").missing());
  EXPECT_EQ(find("environmental_harm").expected_kinds, std::vector<std::string>{"ecology_environment"});
  EXPECT_TRUE(find("technical_cause").missing());
  EXPECT_FALSE(find("law_order").expected);
  EXPECT_FALSE(find("aftermath_stability").missing());
}

TEST(Summary, CitesSourcesNamesGapsAndConflicts) {
  SummaryInput in;
  in.title = "兴庆区瑞泰化工有限公司爆炸事故";
  in.region_name = "银川市兴庆区";
  in.address = "瑞泰化工有限公司";
  in.occurred_at = *ParseIsoTime("2026-11-29T14:05:00+08:00");
  in.reports = {
      Source("640104-dw", kParty, "party_office", "2026-11-29T14:30:00+08:00", {{Figure::kDeaths, 1}},
             "14时05分许，瑞泰化工3号车间发生爆炸。善后工作组已安抚家属，群众情绪稳定。"),
      Source("640000-wsjkw", kHealth, "health", "2026-11-29T15:00:00+08:00",
             {{Figure::kDeaths, 3}, {Figure::kInjuries, 4}}, "医院共收治伤员4人。3人经抢救无效死亡。"),
  };
  in.consensus = BuildConsensus(in.reports);
  in.perspectives = EventPerspectives("hazardous_chemicals", in.reports);
  const std::string text = CompositeSummary(in);
  EXPECT_NE(text.find("死亡3人、受伤4人（据自治区卫生健康委11月29日15时报）"), std::string::npos) << text;
  EXPECT_NE(text.find("伤亡与救治：医院共收治伤员4人。3人经抢救无效死亡（据自治区卫生健康委11月29日15时报）"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("善后与稳定：善后工作组已安抚家属，群众情绪稳定（据中共银川市兴庆区委办公室11月29日14时30分报）"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("【尚缺】技术原因（待应急管理部门或消防救援机构报送）；环境危害（待生态环境部门报送）"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("【数字待核】死亡：自治区卫生健康委11月29日15时报3人，中共银川市兴庆区委办公室11月29日14时30分报1人"),
      std::string::npos)
      << text;
  EXPECT_EQ(ShortTimeZh(*ParseIsoTime("2026-11-29T07:05:00Z")), "11月29日15时05分");
}

}  // namespace
}  // namespace shaobing::fusion
