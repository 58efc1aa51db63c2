#include "loaders/scenario.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

const std::string kReport =
    R"({"kind":"first","unit":"640104-dw","channel":"written","category":"fire","title":"兴庆区一居民楼发生火灾",)"
    R"("occurred_at":"2026-11-03T08:00:00+08:00","location":{"region":"640104","address":"某小区"},)"
    R"("parties":"居民","description":"起火。","figures":{"deaths":3}})";

std::string ReportLine(const std::string& at, const std::string& event = "E1") {
  return R"({"at":")" + at + R"(","op":"report","event":")" + event + R"(","report":)" + kReport + "}";
}

class ScenarioTest : public ::testing::Test {
 protected:
  Result<std::vector<ScenarioLine>> Parse(const std::string& text) {
    return ParseScenario(text, "s.ndjson", regions_, limits_);
  }
  // The line and the detail of the error, or a failure when the text parsed.
  std::pair<std::string, std::string> ErrorOf(const std::string& text) {
    auto r = Parse(text);
    if (r) return {"parsed", ""};
    std::string line, detail;
    for (const auto& [k, v] : r.error().args) {
      if (k == "line") line = v;
      if (k == "detail") detail = v;
    }
    EXPECT_EQ(r.error().reason, "file_syntax");
    return {line, detail};
  }
  const RegionTree regions_ = testing::SmallRegionTree();
  ScenarioLimits limits_;
};

TEST_F(ScenarioTest, LinesComeInOrderOfTheirMomentAndBlankLinesAreSkipped) {
  const std::string text =
      ReportLine("2026-11-03T08:10:00+08:00") + "\n\n" +
      R"({"at":"2026-11-03T08:05:00+08:00","op":"desk_report","event":"E1","from":"640100","to":"region","channel":"phone"})"
      "\n" +
      R"({"at":"2026-11-03T08:10:00+08:00","op":"consultation","event":"E1","decision":"watch","reason":"待观察"})"
      "\n";
  auto lines = Parse(text);
  ASSERT_TRUE(lines) << lines.error().reason;
  ASSERT_EQ(lines->size(), 3u);
  EXPECT_EQ((*lines)[0].op, ScenarioOp::kDeskReport);
  EXPECT_EQ((*lines)[0].line, 3);
  EXPECT_EQ((*lines)[0].from, "640100");
  EXPECT_EQ((*lines)[0].to, Level::kRegion);
  EXPECT_EQ((*lines)[0].channel, Channel::kPhone);
  EXPECT_EQ((*lines)[1].op, ScenarioOp::kReport);  // the same moment as line 4: the file's order
  ASSERT_TRUE((*lines)[1].report.has_value());
  EXPECT_EQ((*lines)[1].report->unit, "640104-dw");
  EXPECT_EQ((*lines)[1].event, "E1");
  EXPECT_EQ((*lines)[2].op, ScenarioOp::kConsultation);
  EXPECT_EQ((*lines)[2].fields.at("decision"), "watch");
}

TEST_F(ScenarioTest, EachBadLineIsNamedWithWhatIsWrong) {
  const std::string good = ReportLine("2026-11-03T08:10:00+08:00") + "\n";
  struct Case {
    std::string line, detail_part;
  };
  const std::vector<Case> cases{
      {"{not json", "JSON"},
      {"[1,2]", "JSON 对象"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"jump","event":"E1"})", "op 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"desk_report","event":"E1","from":"640100","to":"region","channel":"phone","via":"x"})",
       "未知字段 via"},
      {R"({"at":"2026-11-03 08:10","op":"desk_report","event":"E1","from":"640100","to":"region","channel":"phone"})",
       "at 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"desk_report","event":"","from":"640100","to":"region","channel":"phone"})",
       "event 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"desk_report","event":"E1","from":"999999","to":"region","channel":"phone"})",
       "from 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"desk_report","event":"E1","from":"640100","to":"city","channel":"phone"})",
       "to 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"desk_report","event":"E1","from":"640100","to":"region","channel":"fax"})",
       "channel 须为"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"report","event":"E1","report":{"event_id":7}})", "event_id"},
      {R"({"at":"2026-11-03T08:10:00+08:00","op":"report","event":"E1","report":{"kind":"first","unit":"640104-dw"}})",
       "report："},
  };
  for (const auto& c : cases) {
    const auto [line, detail] = ErrorOf(good + c.line + "\n" + good);
    EXPECT_EQ(line, "2") << c.line;
    EXPECT_NE(detail.find(c.detail_part), std::string::npos) << c.line << " → " << detail;
  }
}

TEST_F(ScenarioTest, LimitsAndEncodingAreChecked) {
  limits_.max_lines = 2;
  const std::string line = ReportLine("2026-11-03T08:10:00+08:00") + "\n";
  EXPECT_EQ(ErrorOf(line + line + line).first, "3");
  limits_ = {};
  limits_.max_line_bytes = 100;
  EXPECT_EQ(ErrorOf(line).first, "1");
  limits_ = {};
  EXPECT_EQ(ErrorOf(line + "{\"at\":\"\xff\"}\n").first, "2");
  auto empty = Parse("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace shaobing
