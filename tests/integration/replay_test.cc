// `shaobing replay` (CONTRACTS.md §5) driven as outside checks drive it: scenarios of a desk
// that reports on time, late and not at all, a unit whose first report comes 5 hours after the
// occurrence, and bad lines that exit 2 naming the line.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "testing/process.h"
#include "testing/scratch_dir.h"

namespace shaobing {
namespace {
namespace json = boost::json;

// A fire with 3 deaths in 兴庆区 (grade III, reportable to the region), occurred at `occurred`.
std::string Report(const std::string& at, const std::string& unit, const std::string& occurred) {
  return R"({"at":")" + at + R"(","op":"report","event":"E1","report":{"kind":"first","unit":")" + unit +
         R"(","channel":"written","category":"fire","title":"兴庆区一居民楼发生火灾","occurred_at":")" + occurred +
         R"(","location":{"region":"640104","address":"某小区"},"parties":"居民","description":"起火，3人死亡。",)"
         R"("figures":{"deaths":3}}})";
}

std::string Desk(const std::string& at, const std::string& from, const std::string& to, const std::string& channel) {
  return R"({"at":")" + at + R"(","op":"desk_report","event":"E1","from":")" + from + R"(","to":")" + to +
         R"(","channel":")" + channel + R"("})";
}

class ReplayTest : public ::testing::Test {
 protected:
  testing::ProcessResult Replay(const std::vector<std::string>& lines, std::vector<std::string> extra = {}) {
    const auto file = dir_.path() / "scenario.ndjson";
    std::ofstream out(file);
    for (const auto& l : lines) out << l << "\n";
    out.close();
    std::vector<std::string> args{SHAOBING_BINARY, "replay", "--scenario", file.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::RunProcess(args);
  }
  // The obligation of `owner` to `to` by `channel` in the single event's answer.
  static json::object Obligation(const json::value& answer, const std::string& owner, const std::string& to,
                                 const std::string& channel) {
    for (const auto& o : answer.at("events").as_array().at(0).at("obligations").as_array()) {
      if (o.at("owner").as_string() == owner && o.at("to").as_string() == to &&
          o.at("channel").as_string() == channel) {
        return o.as_object();
      }
    }
    ADD_FAILURE() << "no obligation " << owner << " → " << to << " " << channel << " in " << json::serialize(answer);
    return {};
  }
  testing::ScratchDir dir_{"replay"};
};

// The county's office reports at 08:10 (occurred 08:00); the city desk calls the region at
// 08:25 and sends its written report at 08:50: every clock met.
TEST_F(ReplayTest, ADeskThatReportsOnTime) {
  auto r = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00"),
                   Desk("2026-11-03T08:25:00+08:00", "640100", "region", "phone"),
                   Desk("2026-11-03T08:50:00+08:00", "640100", "region", "written")});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto answer = json::parse(r.out);
  const auto& event = answer.at("events").as_array().at(0);
  EXPECT_EQ(event.at("event"), "E1");
  EXPECT_EQ(event.at("grade"), "III");
  EXPECT_EQ(event.at("report_to"), "region");
  EXPECT_TRUE(answer.at("findings").as_array().empty());
  const auto county = Obligation(answer, "desk:640104", "city", "written");
  EXPECT_EQ(county.at("status"), "met");
  EXPECT_EQ(county.at("due_at"), "2026-11-03T09:00:00+08:00");
  EXPECT_EQ(county.at("fulfilled_at"), "2026-11-03T08:10:00+08:00");
  EXPECT_EQ(Obligation(answer, "desk:640100", "region", "phone").at("status"), "met");
  const auto written = Obligation(answer, "desk:640100", "region", "written");
  EXPECT_EQ(written.at("status"), "met");
  EXPECT_EQ(written.at("due_at"), "2026-11-03T09:10:00+08:00");
  EXPECT_EQ(written.at("fulfilled_at"), "2026-11-03T08:50:00+08:00");
}

TEST_F(ReplayTest, ADeskThatReportsLateAndOneThatNeverDoes) {
  auto late = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00"),
                      Desk("2026-11-03T09:30:00+08:00", "640100", "region", "written")});
  ASSERT_EQ(late.status, 0) << late.err;
  const auto answer = json::parse(late.out);
  // A written report fulfils the phone obligation too; both came after their deadlines.
  EXPECT_EQ(Obligation(answer, "desk:640100", "region", "phone").at("status"), "late");
  EXPECT_EQ(Obligation(answer, "desk:640100", "region", "written").at("status"), "late");

  auto never = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00")});
  ASSERT_EQ(never.status, 0) << never.err;
  const auto silent = json::parse(never.out);
  const auto phone = Obligation(silent, "desk:640100", "region", "phone");
  EXPECT_EQ(phone.at("status"), "overdue");
  EXPECT_TRUE(phone.at("fulfilled_at").is_null());
  // Still open when the replay stops before the deadline.
  auto early = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00")},
                      {"--until", "2026-11-03T08:20:00+08:00"});
  ASSERT_EQ(early.status, 0) << early.err;
  EXPECT_EQ(Obligation(json::parse(early.out), "desk:640100", "region", "phone").at("status"), "open");
}

// A unit's clock starts when it knew or should have known: the occurrence. The regional
// emergency department (a direct reporting point) reports 5 hours after: 4 hours late.
TEST_F(ReplayTest, AFirstReportFiveHoursAfterTheOccurrenceIsLateByFourHours) {
  auto r = Replay({Report("2026-11-03T08:00:00+08:00", "640000-yjt", "2026-11-03T03:00:00+08:00")});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto unit = Obligation(json::parse(r.out), "640000-yjt", "region", "written");
  EXPECT_EQ(unit.at("status"), "late");
  EXPECT_EQ(unit.at("due_at"), "2026-11-03T04:00:00+08:00");
  EXPECT_EQ(unit.at("fulfilled_at"), "2026-11-03T08:00:00+08:00");
}

TEST_F(ReplayTest, ABadLineExitsTwoNamingItAndRunsNothing) {
  auto r = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00"),
                   Desk("2026-11-03T08:25:00+08:00", "640100", "county", "phone")});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("第 2 行"), std::string::npos) << r.err;
  // A desk report on an event no report opened, and an operation this release cannot run yet.
  r = Replay({Desk("2026-11-03T08:25:00+08:00", "640100", "region", "phone")});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("第 1 行"), std::string::npos) << r.err;
  r = Replay(
      {Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00"),
       R"({"at":"2026-11-03T08:30:00+08:00","op":"lead","event":"E1","region":"640104","category":"fire","text":"网传起火"})"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("第 2 行"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("lead"), std::string::npos) << r.err;
  // A consultation's decision that is not one of the four.
  r = Replay(
      {Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00"),
       R"({"at":"2026-11-03T08:30:00+08:00","op":"consultation","event":"E1","decision":"maybe","reason":"会商"})"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("第 2 行"), std::string::npos) << r.err;
}

// 会商 then "do not report" (testdata/scenarios/consultation_waives.ndjson): the city desk's
// open obligations to the region are waived, not overdue a week later (never a missed report);
// what was met before the decision stays met.
TEST_F(ReplayTest, AConsultationThatDecidesNotToReportWaivesTheOpenObligations) {
  const char* source = std::getenv("SHAOBING_SOURCE_DIR");
  ASSERT_NE(source, nullptr);
  const auto file = std::filesystem::path(source) / "testdata/scenarios/consultation_waives.ndjson";
  auto r = testing::RunProcess({SHAOBING_BINARY, "replay", "--scenario", file.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto answer = json::parse(r.out);
  EXPECT_EQ(Obligation(answer, "desk:640100", "region", "phone").at("status"), "waived");
  EXPECT_EQ(Obligation(answer, "desk:640100", "region", "written").at("status"), "waived");
  EXPECT_EQ(Obligation(answer, "desk:640104", "city", "written").at("status"), "met");
  // Without the decision the same obligations are overdue.
  auto without = Replay({Report("2026-11-03T08:10:00+08:00", "640104-dw", "2026-11-03T08:00:00+08:00")});
  ASSERT_EQ(without.status, 0) << without.err;
  EXPECT_EQ(Obligation(json::parse(without.out), "desk:640100", "region", "phone").at("status"), "overdue");
}

}  // namespace
}  // namespace shaobing
