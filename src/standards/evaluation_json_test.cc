// Deadlines, matched lines, the explanation, output reuse and the classify JSON.
#include "standards/evaluation_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/report_json.h"
#include "standards/test_support.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

using standards_test::DefaultCatalogue;

EventFacts Fire(double deaths) {
  EventFacts f;
  f.category = "fire";
  f.region = "640104";
  f.occurred_at = ParseIsoTime("2026-11-29T14:05:00+08:00");
  f.figures.Set(Figure::kDeaths, deaths);
  return f;
}

std::vector<DeadlineOwed> Deadlines(std::initializer_list<std::tuple<Level, Channel, int>> items) {
  std::vector<DeadlineOwed> out;
  for (auto [l, c, m] : items) out.push_back({l, c, m});
  return out;
}

TEST(Deadlines, EveryLevelUpToReportTo) {
  using enum Level;
  using enum Channel;
  EXPECT_EQ(Evaluate(DefaultCatalogue(), Fire(2)).deadlines,
            Deadlines({{kCounty, kWritten, 60}, {kCity, kWritten, 60}}));
  EXPECT_EQ(
      Evaluate(DefaultCatalogue(), Fire(3)).deadlines,
      Deadlines({{kCounty, kWritten, 60}, {kCity, kWritten, 60}, {kRegion, kPhone, 30}, {kRegion, kWritten, 60}}));
  EXPECT_EQ(Evaluate(DefaultCatalogue(), Fire(10)).deadlines, Deadlines({{kCounty, kWritten, 60},
                                                                         {kCity, kWritten, 60},
                                                                         {kRegion, kPhone, 30},
                                                                         {kRegion, kWritten, 60},
                                                                         {kCentre, kPhone, 30},
                                                                         {kCentre, kWritten, 60}}));
}

TEST(Deadlines, RuleDeadlinesReplaceTheLevel) {
  using enum Level;
  using enum Channel;
  EventFacts f = Fire(0);
  f.category = "infectious_disease";
  EXPECT_EQ(Evaluate(DefaultCatalogue(), f).deadlines, Deadlines({{kCounty, kWritten, 120},
                                                                  {kCity, kWritten, 60},
                                                                  {kRegion, kPhone, 30},
                                                                  {kRegion, kWritten, 60},
                                                                  {kCentre, kPhone, 30},
                                                                  {kCentre, kWritten, 60}}));
}

TEST(Deadlines, OverridesByJurisdictionAndGrade) {
  using enum Level;
  using enum Channel;
  std::string text = standards_test::Fixture("minimal.yaml");
  const std::string anchor = "    centre: {phone: 30, written: 60}\n";
  text.insert(text.find(anchor) + anchor.size(),
              "  overrides:\n"
              "    - regions: [\"640100\"]\n"
              "      levels: {region: {phone: 15, written: 30}}\n"
              "    - grades: [IV]\n"
              "      levels: {county: {written: 360}}\n");
  auto c = LoadCatalogue(text, "overrides.yaml");
  ASSERT_TRUE(c.has_value()) << FormatLoadError(c.error());
  EXPECT_EQ(
      Evaluate(*c, Fire(3)).deadlines,
      Deadlines({{kCounty, kWritten, 60}, {kCity, kWritten, 60}, {kRegion, kPhone, 15}, {kRegion, kWritten, 30}}));
  EventFacts elsewhere = Fire(3);
  elsewhere.region = "640205";
  EXPECT_EQ(
      Evaluate(*c, elsewhere).deadlines,
      Deadlines({{kCounty, kWritten, 60}, {kCity, kWritten, 60}, {kRegion, kPhone, 30}, {kRegion, kWritten, 60}}));
  elsewhere.region_lineage = {"640205", "640100", "640000"};  // a lineage overrides the code prefix
  EXPECT_EQ(Evaluate(*c, elsewhere).deadlines[2], (DeadlineOwed{kRegion, kPhone, 15}));
}

TEST(Matched, ShowValuesWithUnits) {
  EventFacts f = Fire(0);
  f.category = "production_safety";
  f.figures.Set(Figure::kEconomicLossYuan, 1000e4);
  const auto e = Evaluate(DefaultCatalogue(), f);
  ASSERT_EQ(e.tags.size(), 2u);
  EXPECT_EQ(e.tags[0].matched, std::vector<std::string>{"直接经济损失 1000万元 ≥ 1000万元 且 < 5000万元"});
  EXPECT_EQ(e.tags[1].matched,
            (std::vector<std::string>{"类别：工矿商贸生产安全事故", "直接经济损失 1000万元 ≥ 1000万元"}));
  EventFacts quake = Fire(8);
  quake.category = "earthquake";
  quake.figures.Set(Figure::kMissing, 2);
  EXPECT_EQ(Evaluate(DefaultCatalogue(), quake).tags.at(0).matched,
            std::vector<std::string>{"死亡（含失踪） 10 人 ≥ 10 且 < 50"});
}

TEST(Explanation, OneParagraphInChinese) {
  EXPECT_EQ(Evaluate(DefaultCatalogue(), Fire(3)).explanation,
            "依据报送标准（版本 2026.1），该火灾事件命中规则：「较大生产安全事故」（《生产安全事故报告和调查处理条例》"
            "（国务院令第493号）第三条，死亡 3 人 ≥ 3 且 < 10）；「伤亡或损失达到报送自治区标准」（本地默认标准，"
            "类别：火灾，死亡 3 人 ≥ 3）。综合定为较大（Ⅲ级）事件，应报送至省（区）级，时限：县级书面 60 分钟；"
            "市级书面 60 分钟；省（区）级电话 30 分钟、书面 60 分钟。");
  EventFacts unknown = Fire(3);
  unknown.category = "alien_invasion";
  EXPECT_EQ(Evaluate(DefaultCatalogue(), unknown).explanation,
            "依据报送标准（版本 2026.1），该未知类别事件未命中任何报送规则，不定级，无需按标准上报。");
  EventFacts disease = Fire(0);
  disease.category = "unknown_disease";
  const auto e = Evaluate(DefaultCatalogue(), disease);
  EXPECT_TRUE(e.consultation);
  EXPECT_TRUE(e.explanation.ends_with("须组织专家会商并记录会商意见。")) << e.explanation;
  EXPECT_TRUE(Evaluate(DefaultCatalogue(), Fire(3), {.explain = false}).explanation.empty());
}

TEST(EvaluateInto, ReusedOutputEqualsAFreshOne) {
  EventFacts student = Fire(0);
  student.category = "mass_incident";
  student.description = "约80名学生聚集";
  Evaluation out;
  for (const EventFacts* f : {&student, &student}) {
    EvaluateInto(DefaultCatalogue(), Fire(30), {}, &out);
    EvaluateInto(DefaultCatalogue(), *f, {}, &out);
    EXPECT_EQ(boost::json::serialize(EvaluationToJson(out)),
              boost::json::serialize(EvaluationToJson(Evaluate(DefaultCatalogue(), *f))));
  }
}

TEST(EvaluationJson, ClassifyContract) {
  const RegionTree regions = testing::SmallRegionTree();
  auto draft = ParseReport(testing::FirstReportJson(), regions);
  ASSERT_TRUE(draft.has_value());
  const auto json = EvaluationToJson(Evaluate(DefaultCatalogue(), FactsFromDraft(*draft)));
  const auto expected = boost::json::parse(R"({
    "grade": "IV", "report_to": "city",
    "deadlines": [{"level": "county", "channel": "written", "minutes": 60},
                  {"level": "city", "channel": "written", "minutes": 60}],
    "tags": [{"rule": "production-safety-iv", "label": "一般生产安全事故", "matched": ["类别：火灾"]}],
    "sensitive": [], "consultation": false, "catalogue_version": "2026.1",
    "explanation": "依据报送标准（版本 2026.1），该火灾事件命中规则：「一般生产安全事故」（《生产安全事故报告和调查处理条例》（国务院令第493号）第三条，类别：火灾）。综合定为一般（Ⅳ级）事件，应报送至市级，时限：县级书面 60 分钟；市级书面 60 分钟。"
  })");
  EXPECT_EQ(boost::json::value(json), expected) << boost::json::serialize(json);
}

TEST(EvaluationJson, NullsAndSensitiveObjects) {
  EventFacts f = Fire(0);
  f.category = "alien_invasion";
  auto json = EvaluationToJson(Evaluate(DefaultCatalogue(), f));
  EXPECT_TRUE(json.at("grade").is_null());
  EXPECT_TRUE(json.at("report_to").is_null());
  EXPECT_TRUE(json.at("tags").as_array().empty());
  // A sensitive factor makes even an unknown category reportable to the region.
  f.title = "外籍人员";
  json = EvaluationToJson(Evaluate(DefaultCatalogue(), f));
  EXPECT_EQ(json.at("report_to"), "region");
  const auto expected = boost::json::parse(
      R"([{"kind": "persons", "code": "foreign_national", "label": "外籍人员", "via": "text", "words": ["外籍"]}])");
  EXPECT_EQ(json.at("sensitive"), expected);
}

}  // namespace
}  // namespace shaobing
