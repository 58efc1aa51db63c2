// Sensitive factors from report codes, text, geofences and the calendar.
#include <gtest/gtest.h>

#include <algorithm>

#include "standards/evaluator.h"
#include "standards/test_support.h"

namespace shaobing {
namespace {

using standards_test::DefaultCatalogue;

EventFacts Facts(std::string description) {
  EventFacts f;
  f.category = "online_opinion";
  f.region = "640104";
  f.occurred_at = ParseIsoTime("2026-11-29T14:05:00+08:00");
  f.description = std::move(description);
  return f;
}

std::vector<std::string> Codes(const Evaluation& e) {
  std::vector<std::string> out;
  for (const auto& s : e.sensitive) out.push_back(s.code);
  return out;
}

const SensitiveMatch* Find(const Evaluation& e, std::string_view code) {
  for (const auto& s : e.sensitive) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

struct TextCase {
  const char* text;
  std::vector<std::string> codes;
};

class TextDetection : public ::testing::TestWithParam<TextCase> {};

TEST_P(TextDetection, FindsTheFactors) {
  const auto e = Evaluate(DefaultCatalogue(), Facts(GetParam().text));
  EXPECT_EQ(Codes(e), GetParam().codes) << GetParam().text;
  const bool reportable_to_region = !GetParam().codes.empty();
  EXPECT_EQ(e.report_to, reportable_to_region ? Level::kRegion : Level::kCounty) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    DefaultLexicons, TextDetection,
    ::testing::Values(TextCase{"一名学生在校门口受伤", {"student"}},
                      TextCase{"车上有外籍游客三人", {"foreign_national"}},
                      TextCase{"数人在政府大院门前聚集", {"government_compound"}},
                      TextCase{"一男子扬言自焚", {"self_immolation"}}, TextCase{"一名大学生坠楼", {"student"}},
                      TextCase{"少年宫附近停电", {}}, TextCase{"伤者已送往医院救治", {}},
                      TextCase{"家属在医院门口拉横幅", {"hospital"}}, TextCase{"火车站广场发生斗殴", {"transport_hub"}},
                      TextCase{"机场大道发生追尾", {}}, TextCase{"现场围观约200人", {"many_onlookers"}},
                      TextCase{"围观群众约90人", {}}, TextCase{"约80名工人聚集讨薪", {"many_participants"}},
                      TextCase{"约40名工人聚集讨薪", {}}, TextCase{"聚集约40人，围观约120人", {"many_onlookers"}},
                      TextCase{"围观群众二百余人", {"many_onlookers"}}, TextCase{"上百人围观", {"many_onlookers"}},
                      TextCase{"3人受伤，围观群众较多", {}}, TextCase{"双方僵持已持续4个多小时", {"long_duration"}},
                      TextCase{"持续3小时后散去", {}}, TextCase{"国庆期间某景区游客滞留", {"national_holiday"}},
                      TextCase{"一男子持刀伤人后劫持人质", {"attack_on_crowd", "hostage"}}),
    [](const auto& info) { return "case_" + std::to_string(info.index); });

TEST(Sensitive, CrowdEvidenceNamesTheWords) {
  const auto e = Evaluate(DefaultCatalogue(), Facts("现场围观约200人，约80名工人聚集"));
  const SensitiveMatch* onlookers = Find(e, "many_onlookers");
  ASSERT_NE(onlookers, nullptr);
  EXPECT_EQ(onlookers->via, SensitiveVia::kText);
  EXPECT_EQ(onlookers->words, std::vector<std::string>{"围观人数 200 人 ≥ 100（“围观约200人”）"});
  const SensitiveMatch* participants = Find(e, "many_participants");
  ASSERT_NE(participants, nullptr);
  EXPECT_EQ(participants->words, std::vector<std::string>{"参与人数 80 人 ≥ 50（“80名工人聚集”）"});
  ASSERT_FALSE(e.tags.empty());
  EXPECT_EQ(e.tags.back().rule, "sensitive-factors");
  EXPECT_EQ(e.tags.back().matched, (std::vector<std::string>{"参与人数 80 人 ≥ 50（“80名工人聚集”）",
                                                             "围观人数 200 人 ≥ 100（“围观约200人”）"}));
}

TEST(Sensitive, ReportedFigureWinsWhenLarger) {
  EventFacts f = Facts("围观约120人");
  f.figures.Set(Figure::kOnlookers, 150);
  const auto e = Evaluate(DefaultCatalogue(), f);
  const SensitiveMatch* m = Find(e, "many_onlookers");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->via, SensitiveVia::kFigure);
  EXPECT_EQ(m->words, std::vector<std::string>{"围观人数 150 人 ≥ 100"});
}

TEST(Sensitive, AllTextFieldsAreSearched) {
  EventFacts f = Facts("");
  f.title = "学生";
  f.parties = "记者";
  f.address = "清真寺旁";
  EXPECT_EQ(Codes(Evaluate(DefaultCatalogue(), f)),
            (std::vector<std::string>{"student", "journalist", "religious_site"}));
}

TEST(Sensitive, TextDetectionCanBeTurnedOff) {
  const auto e = Evaluate(DefaultCatalogue(), Facts("一名学生扬言自焚，围观约300人"), {.detect_text = false});
  EXPECT_TRUE(e.sensitive.empty());
  EXPECT_EQ(e.report_to, Level::kCounty);
}

TEST(Sensitive, ReportedCodeAndTextMakeOneEntry) {
  EventFacts f = Facts("多名学生");
  f.sensitive.persons = {"student"};
  const auto e = Evaluate(DefaultCatalogue(), f);
  ASSERT_EQ(e.sensitive.size(), 1u);
  EXPECT_EQ(e.sensitive[0].via, SensitiveVia::kReport);
  EXPECT_EQ(e.sensitive[0].label, "学生");
  EXPECT_EQ(e.sensitive[0].words, std::vector<std::string>{"学生"});
}

TEST(Sensitive, CalendarNamesTheDate) {
  EventFacts f = Facts("");
  f.occurred_at = ParseIsoTime("2026-10-03T09:00:00+08:00");
  const auto e = Evaluate(DefaultCatalogue(), f);
  ASSERT_EQ(e.sensitive.size(), 1u);
  EXPECT_EQ(e.sensitive[0].code, "national_holiday");
  EXPECT_EQ(e.sensitive[0].via, SensitiveVia::kCalendar);
  EXPECT_EQ(e.sensitive[0].words, std::vector<std::string>{"国庆节"});
  EXPECT_EQ(e.tags.back().matched, std::vector<std::string>{"敏感时间：国家法定节假日（国庆节）"});
}

TEST(Sensitive, Geofences) {
  auto c = LoadCatalogue(standards_test::Fixture("minimal.yaml"), "minimal.yaml");
  ASSERT_TRUE(c.has_value());
  EventFacts f = Facts("");
  f.category = "fire";
  f.lat = 38.5020;  // about 220 m north of the fence centre (radius 300 m)
  f.lon = 106.2;
  auto e = Evaluate(*c, f);
  ASSERT_EQ(e.sensitive.size(), 1u);
  EXPECT_EQ(e.sensitive[0].code, "government_compound");
  EXPECT_EQ(e.sensitive[0].via, SensitiveVia::kGeofence);
  EXPECT_EQ(e.sensitive[0].words, std::vector<std::string>{"政府大院"});
  f.lat = 38.5040;  // about 445 m
  EXPECT_TRUE(Evaluate(*c, f).sensitive.empty());
}

TEST(Sensitive, UnknownReportedCodesAreKept) {
  EventFacts f = Facts("");
  f.sensitive.places = {"stadium"};
  const auto e = Evaluate(DefaultCatalogue(), f);
  ASSERT_EQ(e.sensitive.size(), 1u);
  EXPECT_EQ(e.sensitive[0].code, "stadium");
  EXPECT_EQ(e.sensitive[0].label, "stadium");
  EXPECT_EQ(e.report_to, Level::kRegion);
}

// Two unknown codes share their kind's "other" bit: dismissing one keeps the other counting.
TEST(Sensitive, DismissingOneCodeKeepsAnotherOfTheSameBit) {
  EventFacts f = Facts("");
  f.sensitive.places = {"stadium", "arena"};
  f.dismissed = {"stadium"};
  const auto e = Evaluate(DefaultCatalogue(), f);
  EXPECT_EQ(Codes(e), std::vector<std::string>{"arena"});
  EXPECT_EQ(e.report_to, Level::kRegion);
  f.dismissed = {"stadium", "arena"};
  const auto none = Evaluate(DefaultCatalogue(), f);
  EXPECT_TRUE(none.sensitive.empty());
  EXPECT_NE(none.report_to, Level::kRegion);
}

}  // namespace
}  // namespace shaobing
