#include "fusion/linker.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing::fusion {
namespace {

TimePoint At(const char* iso) { return *ParseIsoTime(iso); }

ReportDraft Draft(std::string unit, std::string category, std::string region, std::string title, std::string text,
                  const char* occurred) {
  ReportDraft d;
  d.unit = std::move(unit);
  d.category = std::move(category);
  d.location.region = std::move(region);
  d.title = std::move(title);
  d.description = std::move(text);
  d.occurred_at = At(occurred);
  return d;
}

class LinkerTest : public ::testing::Test {
 protected:
  RegionTree tree_ = testing::SmallRegionTree();
  Linker linker_{tree_};
  ReportDraft fire_ = Draft("640104-dw", "hazardous_chemicals", "640104", "兴庆区瑞泰化工有限公司爆炸事故",
                            "11月29日14时05分许，兴庆区瑞泰化工有限公司3号车间发生爆炸。目前已造成1人死亡、3人受伤。",
                            "2026-11-29T14:05:00+08:00");
};

TEST_F(LinkerTest, SameEventFromAnotherDepartmentLinks) {
  const Decision first = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  EXPECT_EQ(first.action, LinkAction::kNewEvent);
  ReportDraft health =
      Draft("640000-wsjkw", "hazardous_chemicals", "640104", "瑞泰化工公司爆炸事故伤员救治情况",
            "兴庆区瑞泰化工公司爆炸事故发生后，医院共收治伤员3人，1人经抢救无效死亡。", "2026-11-29T14:10:00+08:00");
  const Decision d = linker_.Link(health, At("2026-11-29T15:10:00+08:00"));
  EXPECT_EQ(d.action, LinkAction::kLinked);
  EXPECT_EQ(d.event, first.event);
  EXPECT_GT(d.evidence.text, 0.1);
  EXPECT_EQ(d.evidence.place, 1.0);
  EXPECT_FALSE(d.evidence.shared_entities.empty());  // "瑞泰:org"
  EXPECT_FALSE(d.confirm_task);
}

TEST_F(LinkerTest, DifferentEventOpensANewOne) {
  const Decision first = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft other = Draft("640181-dw", "infectious_disease", "640181", "灵武市一学校发现诺如病毒感染病例",
                            "灵武市某小学报告学生出现呕吐腹泻症状，疾控部门已采样检测。", "2026-12-03T09:00:00+08:00");
  const Decision d = linker_.Link(other, At("2026-12-03T10:00:00+08:00"));
  EXPECT_EQ(d.action, LinkAction::kNewEvent);
  EXPECT_NE(d.event, first.event);
  // Same county and day, compatible category, but another enterprise: not the same event.
  ReportDraft second =
      Draft("640104-xfjy", "fire", "640104", "兴庆区博远物流公司仓库火灾",
            "兴庆区博远物流公司一仓库起火，消防救援站已到场扑救，无人员伤亡。", "2026-11-29T20:30:00+08:00");
  EXPECT_EQ(linker_.Link(second, At("2026-11-29T21:00:00+08:00")).action, LinkAction::kNewEvent);
}

TEST_F(LinkerTest, UncertainBandLinksProvisionallyWithATask) {
  LinkerOptions o;
  o.link_threshold = 0.99;  // everything that qualifies is uncertain
  o.provisional_threshold = 0.3;
  Linker linker(tree_, o);
  const Decision first = linker.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft vague = Draft("640100-gaj", "hazardous_chemicals", "640100", "银川市区一化工企业发生爆炸",
                            "银川市区瑞泰化工一车间爆炸，公安机关已对现场实施警戒。", "2026-11-29T14:20:00+08:00");
  const Decision d = linker.Link(vague, At("2026-11-29T15:00:00+08:00"));
  EXPECT_EQ(d.action, LinkAction::kProvisional);
  EXPECT_TRUE(d.confirm_task);
  EXPECT_EQ(d.event, first.event);
  EXPECT_GE(d.evidence.total, o.provisional_threshold);
}

TEST_F(LinkerTest, FollowupNamingItsEventIsNeverRelinked) {
  const Decision a = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft named = fire_;  // reads exactly like event a ...
  named.kind = ReportKind::kFollowup;
  named.event_id = a.event + 41;  // ... but names another event
  const Decision d = linker_.Link(named, At("2026-11-29T16:00:00+08:00"));
  EXPECT_EQ(d.action, LinkAction::kNamed);
  EXPECT_EQ(d.event, a.event + 41);
  EXPECT_EQ(d.candidates, 0u);
  // The named event is in the index now, and new ids stay above it.
  ReportDraft unrelated = Draft("640205-dw", "earthquake", "640205", "惠农区发生3.1级地震",
                                "惠农区发生3.1级地震，震感轻微。", "2026-12-20T03:00:00+08:00");
  EXPECT_GT(linker_.Link(unrelated, At("2026-12-20T03:10:00+08:00")).event, a.event + 41);
}

TEST_F(LinkerTest, UnitFollowupWithoutPlaceFindsItsSeries) {
  const Decision a = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft followup;
  followup.kind = ReportKind::kFollowup;
  followup.unit = "640104-dw";
  followup.description = "续报：瑞泰化工爆炸事故死亡人数升至2人，善后工作组已对接家属。";
  const Decision d = linker_.Link(followup, At("2026-11-29T19:00:00+08:00"));
  EXPECT_EQ(d.event, a.event);
  EXPECT_GT(d.evidence.series, 0);
}

TEST_F(LinkerTest, RemovedEventIsNeverACandidateAndCanBeAddedAgain) {
  const Decision a = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ASSERT_EQ(a.action, LinkAction::kNewEvent);
  EXPECT_TRUE(linker_.Contains(a.event));
  EXPECT_EQ(linker_.size(), 1u);
  ReportDraft health =
      Draft("640000-wsjkw", "hazardous_chemicals", "640104", "瑞泰化工公司爆炸事故伤员救治情况",
            "兴庆区瑞泰化工公司爆炸事故发生后，医院共收治伤员3人，1人经抢救无效死亡。", "2026-11-29T14:10:00+08:00");
  EXPECT_EQ(linker_.Decide(health, At("2026-11-29T15:10:00+08:00")).event, a.event);

  linker_.Remove(a.event);
  EXPECT_FALSE(linker_.Contains(a.event));
  EXPECT_EQ(linker_.size(), 0u);
  linker_.Remove(a.event);  // unknown ids are ignored
  const Decision gone = linker_.Decide(health, At("2026-11-29T15:10:00+08:00"));
  EXPECT_EQ(gone.action, LinkAction::kNewEvent);
  EXPECT_EQ(gone.candidates, 0u);
  EXPECT_TRUE(gone.runners_up.empty());
  // The unit's memory forgot it too: its follow-up finds nothing.
  ReportDraft followup;
  followup.kind = ReportKind::kFollowup;
  followup.unit = "640104-dw";
  followup.description = "续报：瑞泰化工爆炸事故死亡人数升至2人。";
  EXPECT_EQ(linker_.Decide(followup, At("2026-11-29T19:00:00+08:00")).candidates, 0u);

  // Re-created under the same id (the desk's merge or split re-adds the reports).
  linker_.Add(a.event, fire_, At("2026-11-29T14:40:00+08:00"));
  EXPECT_TRUE(linker_.Contains(a.event));
  EXPECT_EQ(linker_.size(), 1u);
  const Decision back = linker_.Decide(health, At("2026-11-29T15:10:00+08:00"));
  EXPECT_EQ(back.action, LinkAction::kLinked);
  EXPECT_EQ(back.event, a.event);
  EXPECT_EQ(back.candidates, 1u);
  // New ids stay above every id seen.
  ReportDraft unrelated = Draft("640205-dw", "earthquake", "640205", "惠农区发生3.1级地震",
                                "惠农区发生3.1级地震，震感轻微。", "2026-12-20T03:00:00+08:00");
  EXPECT_GT(linker_.Link(unrelated, At("2026-12-20T03:10:00+08:00")).event, a.event);
}

TEST_F(LinkerTest, MergeOfTwoEventsByRemoveAndAdd) {
  const Decision a = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft other =
      Draft("640104-xfjy", "fire", "640104", "兴庆区博远物流公司仓库火灾",
            "兴庆区博远物流公司一仓库起火，消防救援站已到场扑救，无人员伤亡。", "2026-11-29T20:30:00+08:00");
  const Decision b = linker_.Link(other, At("2026-11-29T21:00:00+08:00"));
  ASSERT_NE(a.event, b.event);
  // The desk merges b into a.
  linker_.Remove(a.event);
  linker_.Remove(b.event);
  linker_.Add(a.event, fire_, At("2026-11-29T14:40:00+08:00"));
  linker_.Add(a.event, other, At("2026-11-29T21:00:00+08:00"));
  EXPECT_TRUE(linker_.Contains(a.event));
  EXPECT_FALSE(linker_.Contains(b.event));
  EXPECT_EQ(linker_.size(), 1u);
  ReportDraft again = other;
  again.unit = "640104-gaj";
  const Decision d = linker_.Decide(again, At("2026-11-29T21:30:00+08:00"));
  EXPECT_EQ(d.event, a.event);
  EXPECT_EQ(d.candidates, 1u);
}

TEST_F(LinkerTest, UnitsSecondFirstReportIsAnotherEvent) {
  const Decision a = linker_.Link(fire_, At("2026-11-29T14:40:00+08:00"));
  ReportDraft again = fire_;  // the same unit, the same words, but a first report again
  const Decision d = linker_.Decide(again, At("2026-11-29T15:00:00+08:00"));
  EXPECT_EQ(d.action, LinkAction::kNewEvent);
  EXPECT_EQ(d.candidates, 0u);  // not even a candidate
  // Another unit's first report of the same words links; so does the unit's follow-up.
  again.unit = "640104-yjj";
  EXPECT_EQ(linker_.Decide(again, At("2026-11-29T15:00:00+08:00")).event, a.event);
  ReportDraft followup = fire_;
  followup.kind = ReportKind::kFollowup;
  const Decision f = linker_.Decide(followup, At("2026-11-29T15:00:00+08:00"));
  EXPECT_EQ(f.event, a.event);
  EXPECT_DOUBLE_EQ(f.evidence.series, 0.25);
}

// Pruning by bounds takes the decisions of scoring every candidate, runners-up included.
TEST(LinkerPruning, SameDecisionsAsScoringAll) {
  const RegionTree tree = testing::SmallRegionTree();
  LinkerOptions all;
  all.prune = false;
  Linker pruned(tree), full(tree, all);
  const char* regions[] = {"640104", "640181", "640100", "640205", "640000", ""};
  const char* categories[] = {"fire", "hazardous_chemicals", "road_traffic", "earthquake", ""};
  const char* names[] = {"瑞泰化工有限公司", "博远物流公司", "京藏高速K1123", "金凤小区", "灵武市第二中学", "宝丰煤矿"};
  const char* what[] = {"发生爆炸", "起火", "发生交通事故", "房屋倒塌", "发生泄漏"};
  std::uint32_t x = 12345;
  auto next = [&](std::uint32_t n) {
    x = x * 1103515245u + 12345u;
    return (x >> 8) % n;
  };
  size_t compared = 0;
  for (int i = 0; i < 600; ++i) {
    ReportDraft d;
    d.kind = next(4) == 0 ? ReportKind::kFollowup : ReportKind::kFirst;
    d.unit = std::string(regions[next(5)]) + "-u" + std::to_string(next(6));
    d.category = categories[next(5)];
    d.location.region = regions[next(6)];
    const std::string name = names[next(6)], act = what[next(5)];
    d.title = name + act;
    d.description = "据报，" + name + act + "，目前已造成" + std::to_string(next(4)) + "人受伤。" + names[next(6)];
    if (next(3) != 0) d.occurred_at = At("2026-11-20T00:00:00+08:00") + std::chrono::hours(next(24 * 12));
    if (next(4) == 0) {
      d.location.lat = 38.4 + next(100) / 1000.0;
      d.location.lon = 106.2 + next(100) / 1000.0;
    }
    const TimePoint arrival =
        d.occurred_at.value_or(At("2026-11-20T00:00:00+08:00") + std::chrono::hours(next(24 * 12))) +
        std::chrono::minutes(30);
    Decision p = pruned.Decide(d, arrival), f = full.Decide(d, arrival);
    EXPECT_EQ(p.action, f.action) << i;
    EXPECT_EQ(p.event, f.event) << i;
    EXPECT_EQ(p.candidates, f.candidates) << i;
    EXPECT_LE(p.scored, f.scored);
    ASSERT_EQ(p.runners_up.size(), f.runners_up.size()) << i;
    for (size_t k = 0; k < p.runners_up.size(); ++k) {
      EXPECT_DOUBLE_EQ(p.runners_up[k].parts.total, f.runners_up[k].parts.total) << i;
    }
    compared += f.candidates;
    pruned.Apply(p, d, arrival);
    full.Apply(f, d, arrival);
    EXPECT_EQ(p.event, f.event);
    if (i % 97 == 96) {  // the desk merges or splits now and then
      pruned.Remove(p.event);
      full.Remove(f.event);
    }
  }
  EXPECT_GT(compared, 1000u);
}

TEST(CategoryCompatibility, FamiliesAndClasses) {
  EXPECT_EQ(CategoryCompatibility("fire", "fire"), 1.0);
  EXPECT_EQ(CategoryCompatibility("fire", "hazardous_chemicals"), 0.6);
  EXPECT_EQ(CategoryCompatibility("earthquake", "geological"), 0.6);
  EXPECT_EQ(CategoryCompatibility("fire", "infectious_disease"), 0.0);
  EXPECT_EQ(CategoryCompatibility("", "fire"), 1.0);
}

TEST(EntityExtractor, FindsRoadsOrganisationsAndRegions) {
  const RegionTree tree = testing::SmallRegionTree();
  EntityExtractor x(tree);
  auto has = [](const std::vector<Entity>& es, const std::string& s) {
    return std::any_of(es.begin(), es.end(), [&](const Entity& e) { return e.text == s; });
  };
  const auto es = x.Extract("京藏高速K1123处与宁夏瑞泰化工有限公司门前，兴庆区某小区");
  EXPECT_TRUE(has(es, "g6"));
  EXPECT_TRUE(has(es, "k1123:km"));
  EXPECT_TRUE(has(es, "瑞泰:org"));
  EXPECT_TRUE(has(es, "640104"));
  EXPECT_TRUE(has(x.Extract("G6银川方向"), "g6"));
}

}  // namespace
}  // namespace shaobing::fusion

namespace shaobing::fusion {
namespace {

// A flood of reports on one county and day (far beyond any real day) keeps each decision
// bounded: a bucket holds its newest events as candidates, and the newest still link.
TEST(LinkerFlood, OneBucketKeepsItsNewestEventsAsCandidates) {
  RegionTree tree = testing::SmallRegionTree();
  Linker linker(tree);
  const TimePoint at = *ParseIsoTime("2026-11-29T15:00:00+08:00");
  for (int i = 0; i < 5000; ++i) {
    ReportDraft d;
    d.unit = "unit-" + std::to_string(i);
    d.category = "fire";
    d.location.region = "640104";
    d.title = "第" + std::to_string(i) + "号楼起火";
    d.description = "编号" + std::to_string(i * 7919) + "的楼房起火。";
    d.occurred_at = at;
    linker.Add(i + 1, d, at);
  }
  ReportDraft again;
  again.unit = "640000-wsjkw";
  again.category = "fire";
  again.location.region = "640104";
  again.title = "第4999号楼起火";
  again.description = "编号" + std::to_string(4999 * 7919) + "的楼房起火。";
  again.occurred_at = at;
  const Decision d = linker.Decide(again, at);
  EXPECT_LE(d.candidates, 256u);
  EXPECT_GT(d.candidates, 0u);
  EXPECT_EQ(d.event, 5000);
  EXPECT_NE(d.action, LinkAction::kNewEvent);
}

}  // namespace
}  // namespace shaobing::fusion
