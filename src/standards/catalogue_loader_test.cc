// Loading catalogues: the default and a minimal one load; every bad fixture in
// testdata/standards fails with its exact message.
#include "standards/catalogue_loader.h"

#include <gtest/gtest.h>

#include <set>

#include "core/taxonomy.h"
#include "standards/load_error.h"
#include "standards/test_support.h"

namespace shaobing {
namespace {

using standards_test::Fixture;

struct BadCase {
  const char* file;
  const char* message;
};

const BadCase kBad[] = {
    {"unknown_category.yaml", "规则 \"fire-region\" 引用了未知类别 \"fires\"（unknown_category.yaml:48）"},
    {"unknown_key.yaml", "规则 \"fire-region\" 含未知字段 \"grde\"（unknown_key.yaml:52）"},
    {"duplicate_key.yaml", "规则 \"fire-region\" 的字段 \"label\" 重复（duplicate_key.yaml:52）"},
    {"missing_key.yaml", "规则 \"fire-region\" 缺少必填字段 \"effective\"（missing_key.yaml:46）"},
    {"duplicate_rule.yaml", "规则 \"fire-region\" 重复定义（首次定义于第 46 行）（duplicate_rule.yaml:55）"},
    {"bad_rule_id.yaml", "规则编号 \"Fire Region\" 无效，只能使用小写字母、数字和 - _ .（bad_rule_id.yaml:46）"},
    {"negative_threshold.yaml", "规则 \"fire-region\" 的阈值 -1 为负数（negative_threshold.yaml:51）"},
    {"min_above_max.yaml", "规则 \"fire-region\" 的条件永远无法满足：死亡 ≥ 10 且 < 3（min_above_max.yaml:51）"},
    {"empty_integral_band.yaml",
     "规则 \"fire-region\" 的条件永远无法满足：死亡 > 2 且 < 3（empty_integral_band.yaml:51）"},
    {"conflicting_bounds.yaml", "规则 \"fire-region\" 不能同时使用 \"gte\" 和 \"gt\"（conflicting_bounds.yaml:51）"},
    {"bad_number.yaml", "规则 \"fire-region\" 的 gte 应为数字，实际为 \"three\"（bad_number.yaml:51）"},
    {"unknown_figure.yaml", "规则 \"fire-region\" 引用了未知数字项 \"death\"（unknown_figure.yaml:51）"},
    {"unknown_level.yaml",
     "规则 \"fire-region\" 引用了未知报送层级 \"province\"（可选 "
     "county、city、region、centre）（unknown_level.yaml:52）"},
    {"unknown_grade.yaml", "规则 \"fire-region\" 的等级 \"V\" 无效（可选 I、II、III、IV）（unknown_grade.yaml:52）"},
    {"unknown_sensitive_code.yaml",
     "规则 \"fire-region\" 引用了未定义的敏感因素 \"officer\"（unknown_sensitive_code.yaml:51）"},
    {"unknown_sensitive_kind.yaml",
     "规则 \"fire-region\" 的敏感因素类别 \"people\" 无效（可选 persons、places、behaviours、times、thresholds、any）"
     "（unknown_sensitive_kind.yaml:51）"},
    {"wrong_type.yaml", "规则 \"fire-region\" 的 categories 应为列表，实际为 \"fire\"（wrong_type.yaml:48）"},
    {"no_source.yaml", "规则 \"fire-region\" 须注明来源 source，或标记 local_default: true（no_source.yaml:46）"},
    {"no_output.yaml",
     "规则 \"fire-region\" 没有任何输出（grade、report_to、deadlines 或 consultation）（no_output.yaml:46）"},
    {"bad_date.yaml", "规则 \"fire-region\" 的日期 \"2026-02-30\" 无效，须为 YYYY-MM-DD（bad_date.yaml:54）"},
    {"unknown_channel.yaml",
     "报送时限 deadlines 的报送方式 \"fax\" 无效（可选 phone、written）（unknown_channel.yaml:9）"},
    {"unknown_deadline_level.yaml",
     "报送时限 deadlines 引用了未知报送层级 \"province\"（可选 county、city、region、centre）"
     "（unknown_deadline_level.yaml:8）"},
    {"bad_minutes.yaml", "报送时限 deadlines 的时限 0 分钟无效，须为正整数（bad_minutes.yaml:9）"},
    {"routing_order.yaml", "路由策略中 II 级事件的报送层级 city 低于 III 级事件的 region（routing_order.yaml:4）"},
    {"routing_below_minimum.yaml",
     "路由策略中 IV 级事件的报送层级 county 低于 最低层级 city（routing_below_minimum.yaml:4）"},
    {"missing_sensitive.yaml", "缺少必备的敏感因素 \"arson\"（behaviours）（missing_sensitive.yaml）"},
    {"duplicate_sensitive.yaml", "敏感因素 \"student\" 重复定义（首次定义于第 17 行）（duplicate_sensitive.yaml:21）"},
    {"bad_geofence.yaml", "敏感因素 \"government_compound\" 的地理围栏无效：radius_m 0（bad_geofence.yaml:25）"},
    {"date_order.yaml",
     "敏感因素 \"national_holiday\" 的起始日期 2026-10-09 晚于结束日期 2026-10-07（date_order.yaml:42）"},
    {"syntax.yaml", "YAML 格式错误：end of sequence flow not found（syntax.yaml:49）"},
    {"follow_ups_bad_count.yaml",
     "续报 follow_ups.per_day 的 IV 为 0，须为 1 到 24 之间的整数（follow_ups_bad_count.yaml:13）"},
    {"follow_ups_unknown_key.yaml", "续报 follow_ups 含未知字段 \"per_dya\"（follow_ups_unknown_key.yaml:13）"},
    {"follow_ups_unknown_category.yaml",
     "续报 follow_ups 引用了未知类别 \"road_trafic\"（follow_ups_unknown_category.yaml:13）"},
};

class BadCatalogue : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadCatalogue, FailsWithExactMessage) {
  const BadCase& c = GetParam();
  const std::string text = Fixture(c.file);
  ASSERT_FALSE(text.empty()) << c.file;
  auto catalogue = LoadCatalogue(text, c.file);
  ASSERT_FALSE(catalogue.has_value()) << c.file;
  EXPECT_EQ(catalogue.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(FormatLoadError(catalogue.error()), c.message);
  EXPECT_EQ(ErrorArgValue(catalogue.error(), "file"), c.file);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadCatalogue, ::testing::ValuesIn(kBad), [](const auto& info) {
  std::string name = info.param.file;
  return name.substr(0, name.find('.'));
});

TEST(CatalogueLoader, BadFixturesAreAtLeastFifteen) { EXPECT_GE(std::size(kBad), 15u); }

TEST(CatalogueLoader, ErrorArgsCarryFileLineAndValue) {
  auto c = LoadCatalogue(Fixture("unknown_category.yaml"), "catalogue.yaml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().reason, "catalogue_unknown_category");
  EXPECT_EQ(ErrorArgValue(c.error(), "file"), "catalogue.yaml");
  EXPECT_EQ(ErrorArgValue(c.error(), "line"), "48");
  EXPECT_EQ(ErrorArgValue(c.error(), "value"), "fires");
  EXPECT_EQ(FormatLoadError(c.error()), "规则 \"fire-region\" 引用了未知类别 \"fires\"（catalogue.yaml:48）");
}

TEST(CatalogueLoader, MinimalLoads) {
  auto c = LoadCatalogue(Fixture("minimal.yaml"), "minimal.yaml");
  ASSERT_TRUE(c.has_value()) << FormatLoadError(c.error());
  EXPECT_EQ(c->version(), "test-1");
  ASSERT_EQ(c->spec().rules.size(), 1u);
  const Rule& rule = c->spec().rules[0];
  EXPECT_EQ(rule.id, "fire-region");
  EXPECT_EQ(rule.line, 46);
  ASSERT_TRUE(rule.when.has_value());
  EXPECT_EQ(rule.when->op, Condition::Op::kAnyOf);
  const Comparison& cmp = rule.when->children.at(0).compare;
  EXPECT_EQ(cmp.figures, std::vector<Figure>{Figure::kDeaths});
  EXPECT_EQ(cmp.bound.min, 3);
  EXPECT_TRUE(cmp.bound.min_inclusive);
  EXPECT_FALSE(cmp.bound.max.has_value());
  EXPECT_EQ(c->spec().sensitive.factors.front().geofences.size(), 0u);
  EXPECT_EQ(c->spec().routing.by_grade[3], Level::kCity);
}

TEST(CatalogueLoader, EmptyAndNonMapDocuments) {
  auto empty = LoadCatalogue("", "empty.yaml");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(FormatLoadError(empty.error()), "目录为空（empty.yaml）");
  auto scalar = LoadCatalogue("just text", "scalar.yaml");
  ASSERT_FALSE(scalar.has_value());
  EXPECT_EQ(FormatLoadError(scalar.error()), "目录 的 顶层 应为映射，实际为 \"just text\"（scalar.yaml:1）");
}

// A catalogue saved as GBK loaded before, and its labels then broke every JSON answer that
// quoted them (GET /api/v1/standards). Guarded by the UTF-8 property of fuzz/catalogue_yaml.
TEST(CatalogueLoader, RefusesTextThatIsNotUtf8) {
  std::string text = Fixture("minimal.yaml");
  const std::string from = "label: 外籍人员";
  text.replace(text.find(from), from.size(), "label: \xCD\xE2\xBC\xAE\xC8\xCB\xD4\xB1");  // 外籍人员 in GBK
  auto c = LoadCatalogue(text, "gbk.yaml");
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().reason, "catalogue_syntax");
  EXPECT_EQ(ErrorArgValue(c.error(), "line"), "15");
  EXPECT_EQ(FormatLoadError(c.error()).rfind("YAML 格式错误：不是 UTF-8 文本（第 ", 0), 0u)
      << FormatLoadError(c.error());
}

TEST(CatalogueLoader, BuildChecksSpecsMadeInCode) {
  auto spec = ParseCatalogueSpec(Fixture("minimal.yaml"), "minimal.yaml");
  ASSERT_TRUE(spec.has_value());
  spec->file_name.clear();
  spec->rules[0].categories = {"fires"};
  spec->rules[0].line = 0;
  auto c = Catalogue::Build(*spec);
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(FormatLoadError(c.error()), "规则 \"fire-region\" 引用了未知类别 \"fires\"");
}

TEST(CatalogueLoader, DigitGroupsAndIntegralBands) {
  std::string text = Fixture("minimal.yaml");
  const std::string from = "{figure: deaths, gte: 3}";
  text.replace(text.find(from), from.size(), "{figure: economic_loss_yuan, gte: 1000_0000, lt: 1_0000_0000}");
  auto c = LoadCatalogue(text, "groups.yaml");
  ASSERT_TRUE(c.has_value()) << FormatLoadError(c.error());
  const Comparison& cmp = c->spec().rules[0].when->children[0].compare;
  EXPECT_EQ(cmp.bound.min, 1e7);
  EXPECT_EQ(cmp.bound.max, 1e8);
  // Money is not integral: (2, 3) is a possible band for yuan.
  text = Fixture("minimal.yaml");
  text.replace(text.find(from), from.size(), "{figure: economic_loss_yuan, gt: 2, lt: 3}");
  EXPECT_TRUE(LoadCatalogue(text, "yuan.yaml").has_value());
}

TEST(DefaultCatalogue, CoversEveryCategoryAndCitesSources) {
  const Catalogue& c = standards_test::DefaultCatalogue();
  std::set<std::string> covered;
  for (const Rule& rule : c.spec().rules) {
    EXPECT_TRUE(!rule.source.regulation.empty() || rule.local_default) << rule.id;
    EXPECT_GT(rule.effective.time_since_epoch().count(), 0) << rule.id;
    if (rule.all_categories) continue;
    covered.insert(rule.categories.begin(), rule.categories.end());
  }
  for (const auto& category : AllCategories()) {
    EXPECT_TRUE(covered.contains(std::string(category.code))) << category.code;
  }
  EXPECT_EQ(c.spec().deadlines.unit_to_upper_minutes, 60);
  EXPECT_EQ(c.spec().sensitive.thresholds.size(), 3u);
}

}  // namespace
}  // namespace shaobing

namespace shaobing {
namespace {

// Any prefix of a valid catalogue loads or fails with a catalogue error; nothing throws.
TEST(CatalogueLoader, TruncatedTextNeverThrows) {
  const std::string text = standards_test::ReadFile(testing::SourceDir() + "/data/standards/default.yaml");
  for (size_t n = 0; n < text.size(); n += 211) {
    auto c = LoadCatalogue(std::string_view(text).substr(0, n), "cut.yaml");
    if (!c) {
      EXPECT_TRUE(c.error().reason.starts_with("catalogue_")) << n << ": " << c.error().reason;
      EXPECT_FALSE(FormatLoadError(c.error()).empty());
    }
  }
}

}  // namespace
}  // namespace shaobing
