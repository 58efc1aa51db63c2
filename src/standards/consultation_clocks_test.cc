#include "standards/consultation_clocks.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

using std::chrono::minutes;

const TimePoint kOpened = *ParseIsoTime("2026-11-03T09:00:00+08:00");

Consultation Open() {
  Consultation c;
  c.id = 7;
  c.opened_at = kOpened;
  c.deadline = kOpened + minutes(120);
  c.invitees = {{InviteeKind::kUser, "expert"}, {InviteeKind::kUnit, "640000-yjt"}};
  return c;
}

const ConsultationClock& Find(const std::vector<ConsultationClock>& clocks, const std::string& key) {
  for (const auto& k : clocks) {
    if (k.key == key) return k;
  }
  ADD_FAILURE() << "no clock " << key;
  static const ConsultationClock kNone;
  return kNone;
}

TEST(ConsultationClocksTest, InviteesOweAnAnswerByTheDeadlineAndTheDeskADecisionAfterIt) {
  Consultation c = Open();
  auto clocks = ConsultationClocksOf(c, kOpened + minutes(10));
  ASSERT_EQ(clocks.size(), 3u);
  EXPECT_EQ(Find(clocks, "consultation|7|answer|user:expert").state, ClockState::kPending);
  EXPECT_EQ(Find(clocks, "consultation|7|decision").due_at, kOpened + minutes(180));
  clocks = ConsultationClocksOf(c, kOpened + minutes(110));
  EXPECT_EQ(Find(clocks, "consultation|7|answer|user:expert").state, ClockState::kDueSoon);
  c.answers.push_back({1,
                       7,
                       {InviteeKind::kUser, "expert"},
                       "high",
                       "泄漏扩散风险高",
                       Recommendation::kReport,
                       "expert",
                       kOpened + minutes(60),
                       false});
  c.answers.push_back({2,
                       7,
                       {InviteeKind::kUnit, "640000-yjt"},
                       "",
                       "可控",
                       Recommendation::kDoNotReport,
                       "yjt",
                       kOpened + minutes(130),
                       true});
  clocks = ConsultationClocksOf(c, kOpened + minutes(200));
  EXPECT_EQ(Find(clocks, "consultation|7|answer|user:expert").state, ClockState::kOnTime);
  EXPECT_EQ(Find(clocks, "consultation|7|answer|unit:640000-yjt").state, ClockState::kLate);
  const auto& d = Find(clocks, "consultation|7|decision");
  EXPECT_EQ(d.state, ClockState::kOverdue);
  EXPECT_EQ(d.since, kOpened + minutes(180));
}

TEST(ConsultationClocksTest, ADecisionSettlesItsClockAndWaivesTheAnswersStillOwed) {
  Consultation c = Open();
  c.decision = ConsultationDecision{Recommendation::kWatch, "持续关注", "desk", kOpened + minutes(30)};
  const auto clocks = ConsultationClocksOf(c, kOpened + minutes(40));
  EXPECT_EQ(Find(clocks, "consultation|7|decision").state, ClockState::kOnTime);
  EXPECT_EQ(Find(clocks, "consultation|7|answer|user:expert").state, ClockState::kWaived);
}

TEST(ConsultationClocksTest, OnlyDoNotReportWaivesTheDesksReports) {
  Consultation c = Open();
  EXPECT_FALSE(WaiverOf(c, Level::kCity));
  for (Recommendation r : {Recommendation::kReport, Recommendation::kEscalate, Recommendation::kWatch}) {
    c.decision = ConsultationDecision{r, "理由", "desk", kOpened + minutes(30)};
    EXPECT_FALSE(WaiverOf(c, Level::kCity)) << RecommendationCode(r);
  }
  c.decision = ConsultationDecision{Recommendation::kDoNotReport, "经研判影响可控", "desk", kOpened + minutes(30)};
  const auto w = WaiverOf(c, Level::kCity);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->at, kOpened + minutes(30));
  EXPECT_EQ(w->reason, "经研判影响可控");
  EXPECT_EQ(w->desks_from, Level::kCity);
  EXPECT_EQ(w->basis, "consultation:7");
}

}  // namespace
}  // namespace shaobing
