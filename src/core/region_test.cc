#include "core/region.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

TEST(RegionTreeTest, AncestorAtFindsTheRegionOfALevelAtOrAboveACode) {
  const RegionTree tree = testing::SmallRegionTree();
  ASSERT_NE(tree.AncestorAt("640104", Level::kCounty), nullptr);
  EXPECT_EQ(tree.AncestorAt("640104", Level::kCounty)->code, "640104");
  EXPECT_EQ(tree.AncestorAt("640104", Level::kCity)->code, "640100");
  EXPECT_EQ(tree.AncestorAt("640104", Level::kRegion)->code, "640000");
  EXPECT_EQ(tree.AncestorAt("640104", Level::kCentre), nullptr);  // no desk of the centre in the tree
  EXPECT_EQ(tree.AncestorAt("640100", Level::kCounty), nullptr);  // not below the region's own level
  EXPECT_EQ(tree.AncestorAt("999999", Level::kCity), nullptr);
}

TEST(RegionCodeTest, SixDigitsOnly) {
  EXPECT_TRUE(IsSixDigits("640104"));
  EXPECT_FALSE(IsSixDigits("64010"));
  EXPECT_FALSE(IsSixDigits("64010a"));
  EXPECT_FALSE(IsSixDigits("6401040"));
}

}  // namespace
}  // namespace shaobing
