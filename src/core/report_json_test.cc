#include "core/report_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "testing/test_data.h"

namespace shaobing {
namespace {
namespace json = boost::json;

class ReportJsonTest : public ::testing::Test {
 protected:
  RegionTree regions_ = testing::SmallRegionTree();

  json::object Base() { return json::parse(testing::FirstReportJson()).as_object(); }
  Result<ReportDraft> Parse(const json::object& o) { return ParseReport(json::serialize(o), regions_); }
  std::vector<std::string> Fields(const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details) out.push_back(d.reason + ":" + d.field);
    return out;
  }
};

TEST_F(ReportJsonTest, AcceptsTheContractExample) {
  auto r = Parse(Base());
  ASSERT_TRUE(r) << r.error().reason << " " << r.error().field;
  EXPECT_EQ(r->kind, ReportKind::kFirst);
  EXPECT_EQ(r->unit, "640104-dw");
  EXPECT_EQ(r->location.region, "640104");
  EXPECT_EQ(r->figures.Get(Figure::kDeaths), 1.0);
  EXPECT_EQ(r->figures.Get(Figure::kMagnitude), std::nullopt);
  EXPECT_FALSE(r->cause);
  EXPECT_EQ(FormatShanghai(*r->occurred_at), "2026-11-29T14:05:00+08:00");
}

TEST_F(ReportJsonTest, NamesEveryMissingW) {
  auto o = Base();
  o.erase("occurred_at");
  o["location"].as_object().erase("region");
  o["parties"] = "";
  o["description"] = nullptr;
  auto r = Parse(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(Fields(r.error()), (std::vector<std::string>{"missing_field:occurred_at", "missing_field:location.region",
                                                         "missing_field:parties", "missing_field:description"}));
}

TEST_F(ReportJsonTest, CauseIsNeverRequired) {
  auto o = Base();
  o.erase("cause");
  EXPECT_TRUE(Parse(o));
}

TEST_F(ReportJsonTest, RejectsUnknownFieldsWrongTypesAndBadValues) {
  auto o = Base();
  o["colour"] = "red";
  o["figures"].as_object()["deaths"] = -1;
  o["figures"].as_object()["injuries"] = "5";
  o["figures"].as_object()["serious_injuries"] = 1.5;
  o["figures"].as_object()["heroes"] = 1;
  o["category"] = "fires";
  o["location"].as_object()["region"] = "649999";
  o["occurred_at"] = "2026-11-29T14:05:00";
  o["sensitive"].as_object()["persons"] = json::array{"student", "pope"};
  o["channel"] = "fax";
  auto r = Parse(o);
  ASSERT_FALSE(r);
  auto f = Fields(r.error());
  for (const char* want : {"unknown_field:colour", "negative_figure:figures.deaths", "wrong_type:figures.injuries",
                           "not_integer:figures.serious_injuries", "unknown_field:figures.heroes",
                           "unknown_category:category", "unknown_region:location.region", "invalid_time:occurred_at",
                           "unknown_sensitive_code:sensitive.persons[1]", "invalid_value:channel"}) {
    EXPECT_NE(std::find(f.begin(), f.end(), want), f.end()) << want;
  }
  EXPECT_EQ(f.size(), 10u);
}

TEST_F(ReportJsonTest, MalformedJsonAndNonObjects) {
  auto r = ParseReport("{\"kind\": \"first\",", regions_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "invalid_json");
  r = ParseReport("[1,2]", regions_);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "not_an_object");
}

TEST_F(ReportJsonTest, FollowupNeedsEventAndDescriptionOnly) {
  json::object o{{"kind", "followup"},
                 {"unit", "640104-dw"},
                 {"description", "死亡人数升至3人"},
                 {"event_id", 7},
                 {"figures", json::object{{"deaths", 3}}}};
  auto r = Parse(o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event_id, 7);
  o.erase("event_id");
  r = Parse(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(Fields(r.error()), std::vector<std::string>{"missing_field:event_id"});
  o["event_id"] = "12";
  EXPECT_EQ(Parse(o)->event_id, 12);
  o["event_id"] = "abc";
  EXPECT_EQ(Fields(Parse(o).error()), std::vector<std::string>{"invalid_id:event_id"});
}

TEST_F(ReportJsonTest, CorrectionNamesWhatItSupersedes) {
  json::object o{{"kind", "correction"}, {"unit", "640104-dw"}, {"description", "更正"}, {"event_id", 7}};
  EXPECT_EQ(Fields(Parse(o).error()), std::vector<std::string>{"missing_field:supersedes"});
  o["supersedes"] = 3;
  EXPECT_TRUE(Parse(o));
  o["kind"] = "followup";
  EXPECT_EQ(Fields(Parse(o).error()), std::vector<std::string>{"only_for_correction:supersedes"});
}

TEST_F(ReportJsonTest, FirstReportMayNameTheEventItJoins) {
  auto o = Base();
  o["event_id"] = 3;
  auto r = Parse(o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->event_id, 3);
  o["supersedes"] = 2;
  EXPECT_EQ(Fields(Parse(o).error()), std::vector<std::string>{"not_allowed_for_first:supersedes"});
}

TEST_F(ReportJsonTest, ReportedAtIsSetByTheServer) {
  auto o = Base();
  o["reported_at"] = "2026-11-29T14:09:00+08:00";
  EXPECT_EQ(Fields(Parse(o).error()), std::vector<std::string>{"set_by_server:reported_at"});
  ReportParseOptions eval;
  eval.evaluation_file = true;
  o["id"] = "r1";
  auto r = ParseReport(json::serialize(o), regions_, eval);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->external_id, "r1");
  EXPECT_TRUE(r->reported_at);
}

TEST_F(ReportJsonTest, DerivesTitleFromDescription) {
  auto o = Base();
  o.erase("title");
  auto r = Parse(o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->title, "14时05分许");
}

TEST_F(ReportJsonTest, RoundTripsThroughJson) {
  auto r = Parse(Base());
  ASSERT_TRUE(r);
  auto again = ParseReport(json::serialize(DraftToJson(*r)), regions_, {.trusted = true});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->figures, r->figures);
  EXPECT_EQ(again->occurred_at, r->occurred_at);
  EXPECT_EQ(again->description, r->description);
}

}  // namespace
}  // namespace shaobing
