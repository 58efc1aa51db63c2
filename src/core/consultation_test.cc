#include "core/consultation.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

RegionTree Tree() { return testing::SmallRegionTree(); }

TEST(ConsultationTest, ADeskInvitesAlongItsLineageAndBelowButNotSideways) {
  const RegionTree t = Tree();
  EXPECT_TRUE(MayInvite("640100", "640100", t));
  EXPECT_TRUE(MayInvite("640100", "640000", t));  // the region's experts
  EXPECT_TRUE(MayInvite("640100", "640104", t));  // a county's
  EXPECT_FALSE(MayInvite("640100", "640200", t));
  EXPECT_FALSE(MayInvite("640100", "", t));
  EXPECT_FALSE(MayInvite("640100", "999999", t));
}

TEST(ConsultationTest, AnExpertAnswersForItselfAndAReporterForItsUnit) {
  const std::vector<Invitee> invited{{InviteeKind::kUser, "expert"}, {InviteeKind::kUnit, "640000-yjt"}};
  Principal expert{.name = "expert", .role = Role::kExpert, .region = "640000"};
  Principal yjt{.name = "yjt", .role = Role::kReporter, .unit = "640000-yjt"};
  Principal other{.name = "expert2", .role = Role::kExpert, .region = "640000"};
  Principal desk{.name = "expert", .role = Role::kDesk, .region = "640000"};  // same name, not an expert
  EXPECT_EQ(InviteeOf(expert, invited), (Invitee{InviteeKind::kUser, "expert"}));
  EXPECT_EQ(InviteeOf(yjt, invited), (Invitee{InviteeKind::kUnit, "640000-yjt"}));
  EXPECT_FALSE(InviteeOf(other, invited));
  EXPECT_FALSE(InviteeOf(desk, invited));
  Consultation c;
  c.invitees = invited;
  EXPECT_TRUE(SeesConsultation(other, c, EventAccess::kFull));
  EXPECT_FALSE(SeesConsultation(other, c, EventAccess::kNone));
  EXPECT_TRUE(SeesConsultation(yjt, c, EventAccess::kNone));
}

TEST(ConsultationTest, CodesRoundTrip) {
  for (Recommendation r :
       {Recommendation::kReport, Recommendation::kDoNotReport, Recommendation::kEscalate, Recommendation::kWatch}) {
    EXPECT_EQ(ParseRecommendation(RecommendationCode(r)), r);
  }
  EXPECT_FALSE(ParseRecommendation("maybe"));
  EXPECT_EQ(ParseInviteeKind("unit"), InviteeKind::kUnit);
  EXPECT_FALSE(ParseInviteeKind("desk"));
}

}  // namespace
}  // namespace shaobing
