#include "core/access.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

class AccessTest : public ::testing::Test {
 protected:
  RegionTree regions_ = testing::SmallRegionTree();
  EventRow EventIn(const std::string& region) {
    EventRow e;
    e.region = region;
    return e;
  }
  Unit UnitIn(const std::string& id, const std::string& region) { return Unit{id, id, "party_office", region}; }
};

TEST_F(AccessTest, DeskSeesItsSubtreeOnly) {
  Principal desk{1, "d", Role::kDesk, "", "", "640100"};
  EXPECT_TRUE(CanSeeEvent(desk, EventIn("640104"), {}, regions_));
  EXPECT_TRUE(CanSeeEvent(desk, EventIn("640100"), {}, regions_));
  EXPECT_FALSE(CanSeeEvent(desk, EventIn("640205"), {}, regions_));
  Principal region_desk{2, "r", Role::kDesk, "", "", "640000"};
  EXPECT_TRUE(CanSeeEvent(region_desk, EventIn("640205"), {}, regions_));
}

TEST_F(AccessTest, AReporterSharesWhatItsUnitIsInvolvedInAndPartyOfficesSeeTheirRegionWhole) {
  Principal dept{3, "y", Role::kReporter, "640000-yjt", "emergency_management", "640000"};
  EXPECT_EQ(AccessToEvent(dept, EventIn("640104"), {"640104-dw"}, regions_), EventAccess::kNone);
  // Reporting on an event, or being asked to, shares it; it never shows other units' reports.
  EXPECT_EQ(AccessToEvent(dept, EventIn("640104"), {"640104-dw", "640000-yjt"}, regions_), EventAccess::kShared);
  Principal office{4, "x", Role::kReporter, "640104-dw", "party_office", "640104"};
  EXPECT_EQ(AccessToEvent(office, EventIn("640104"), {"640000-yjt"}, regions_), EventAccess::kFull);
  EXPECT_EQ(AccessToEvent(office, EventIn("640181"), {"640000-yjt"}, regions_), EventAccess::kNone);
  EXPECT_EQ(AccessToEvent(office, EventIn("640181"), {"640104-dw"}, regions_), EventAccess::kShared);
  // A regional department's office is no Party office: the region is not copied to it.
  Principal enterprise{5, "e", Role::kReporter, "640104-qy", "enterprise", "640104"};
  EXPECT_EQ(AccessToEvent(enterprise, EventIn("640104"), {"640104-dw"}, regions_), EventAccess::kNone);
}

TEST_F(AccessTest, DesksLeadersAndExpertsSeeTheirRegionWholeAndAdminsEverything) {
  for (Role role : {Role::kDesk, Role::kLeader, Role::kExpert}) {
    Principal p{1, "d", role, "", "", "640100"};
    EXPECT_EQ(AccessToEvent(p, EventIn("640104"), {}, regions_), EventAccess::kFull);
    EXPECT_EQ(AccessToEvent(p, EventIn("640205"), {"640205-dw"}, regions_), EventAccess::kNone);
  }
  Principal admin{2, "a", Role::kAdmin, "", "", ""};
  EXPECT_EQ(AccessToEvent(admin, EventIn("640205"), {}, regions_), EventAccess::kFull);
}

TEST_F(AccessTest, SubmittingForAUnit) {
  Principal rep{5, "x", Role::kReporter, "640104-dw", "party_office", "640104"};
  EXPECT_TRUE(CanSubmitReport(rep, UnitIn("640104-dw", "640104"), Channel::kWritten, regions_));
  EXPECT_EQ(CanSubmitReport(rep, UnitIn("640181-dw", "640181"), Channel::kWritten, regions_).error().reason,
            "foreign_unit");
  EXPECT_EQ(CanSubmitReport(rep, UnitIn("640104-dw", "640104"), Channel::kPhone, regions_).error().reason,
            "phone_by_desk_only");
  Principal desk{6, "d", Role::kDesk, "", "", "640100"};
  EXPECT_TRUE(CanSubmitReport(desk, UnitIn("640181-dw", "640181"), Channel::kPhone, regions_));
  EXPECT_EQ(CanSubmitReport(desk, UnitIn("640205-dw", "640205"), Channel::kPhone, regions_).error().reason,
            "unit_outside_region");
  Principal leader{7, "l", Role::kLeader, "", "", "640000"};
  EXPECT_EQ(CanSubmitReport(leader, UnitIn("640104-dw", "640104"), Channel::kPhone, regions_).error().code,
            ErrorCode::kPermissionDenied);
}

TEST_F(AccessTest, CopiesThePartyOfficesUpTheLineBelowTheDesk) {
  std::vector<Unit> units{UnitIn("640104-dw", "640104"), UnitIn("640100-dw", "640100"), UnitIn("640181-dw", "640181"),
                          Unit{"640000-yjt", "应急厅", "emergency_management", "640000"}};
  auto copied = CopiedOffices("640104", units, regions_);
  ASSERT_EQ(copied.size(), 2u);
  EXPECT_EQ(copied[0]->id, "640104-dw");
  EXPECT_EQ(copied[1]->id, "640100-dw");
}

}  // namespace
}  // namespace shaobing
