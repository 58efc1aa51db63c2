#include "standards/escalation.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

using std::chrono::minutes;

const TimePoint kDue = *ParseIsoTime("2026-11-29T14:40:00+08:00");
const EscalationTerms kTerms{{0, 30, 60}, 20};

TEST(EscalationTest, EachStepFallsDueAtItsMinuteAfterTheDeadline) {
  EXPECT_FALSE(NextDueStep(kDue, 0, std::nullopt, kTerms, kDue - minutes(1)));
  auto first = NextDueStep(kDue, 0, std::nullopt, kTerms, kDue);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->step, 1);
  EXPECT_EQ(first->at, kDue);
  EXPECT_FALSE(NextDueStep(kDue, 1, std::nullopt, kTerms, kDue + minutes(29)));
  auto second = NextDueStep(kDue, 1, std::nullopt, kTerms, kDue + minutes(45));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->step, 2);
  EXPECT_EQ(second->at, kDue + minutes(30));  // when it fell due, not when it was seen
  auto third = NextDueStep(kDue, 2, std::nullopt, kTerms, kDue + minutes(60));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->step, 3);
  EXPECT_FALSE(NextDueStep(kDue, 3, std::nullopt, kTerms, kDue + minutes(600)));  // the chain is complete
}

TEST(EscalationTest, AHoldDefersTheNextStepUntilItEnds) {
  const TimePoint held = kDue + minutes(40);  // acknowledged at +20, held 20 minutes
  EXPECT_FALSE(NextDueStep(kDue, 1, held, kTerms, kDue + minutes(39)));
  auto second = NextDueStep(kDue, 1, held, kTerms, kDue + minutes(40));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->at, held);
  // A hold that ended before the step's own minute changes nothing.
  auto third = NextDueStep(kDue, 2, held, kTerms, kDue + minutes(60));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->at, kDue + minutes(60));
}

TEST(EscalationTest, TargetsAreTheOwingPartyThenTheUpperDeskAndItsLeader) {
  const Party unit{PartyKind::kUnit, "640104-dw", Level::kCounty, "640104"};
  const Party county{PartyKind::kDesk, "", Level::kCounty, "640104"};
  const Party city{PartyKind::kDesk, "", Level::kCity, "640100"};
  const Party centre{PartyKind::kDesk, "", Level::kCentre, ""};
  EXPECT_EQ(TargetOf(1, unit, county)->kind, AlertedKind::kUnit);
  EXPECT_EQ(TargetOf(1, unit, county)->id, "640104-dw");
  EXPECT_EQ(TargetOf(1, county, city)->kind, AlertedKind::kDesk);
  EXPECT_EQ(TargetOf(1, county, city)->id, "640104");
  EXPECT_EQ(TargetOf(2, unit, county)->kind, AlertedKind::kDesk);
  EXPECT_EQ(TargetOf(2, unit, county)->id, "640104");
  EXPECT_EQ(TargetOf(3, county, city)->kind, AlertedKind::kLeader);
  EXPECT_EQ(TargetOf(3, county, city)->id, "640100");
  EXPECT_FALSE(TargetOf(2, city, centre));
  EXPECT_FALSE(TargetOf(4, unit, county));
}

TEST(EscalationTest, TermsAreChecked) {
  EXPECT_TRUE(ValidateEscalationTerms(kTerms).empty());
  EXPECT_EQ(ValidateEscalationTerms({{0, 30, 10}, 20}).size(), 1U);
  EXPECT_EQ(ValidateEscalationTerms({{-1, 30, 60}, 0}).size(), 2U);
}

}  // namespace
}  // namespace shaobing
