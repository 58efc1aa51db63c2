#include "services/notifier.h"

#include <gtest/gtest.h>

#include "testing/test_data.h"

namespace shaobing {
namespace {

TEST(IdempotencyKeyTest, TheSameChangeToTheSameDestinationAlwaysHasTheSameKey) {
  const Notification n{.kind = "desk_report.recorded", .region = "640000", .cause = "desk_report:12"};
  const std::string key = IdempotencyKey(n, NotifyChannel::kWebhook, "ops");
  EXPECT_EQ(key, IdempotencyKey(n, NotifyChannel::kWebhook, "ops"));
  EXPECT_EQ(key.size(), 3u + 32u);  // "sb-" and 16 bytes in hex
  EXPECT_EQ(key.rfind("sb-", 0), 0u);
  EXPECT_NE(key, IdempotencyKey(n, NotifyChannel::kEmail, "ops"));
  EXPECT_NE(key, IdempotencyKey(n, NotifyChannel::kWebhook, "ops2"));
  Notification other = n;
  other.cause = "desk_report:13";
  EXPECT_NE(key, IdempotencyKey(other, NotifyChannel::kWebhook, "ops"));
}

TEST(DeskAtTest, FindsTheRegionOfALevelAtOrAboveACode) {
  const RegionTree tree = testing::SmallRegionTree();
  ASSERT_NE(DeskAt(tree, "640104", Level::kCounty), nullptr);
  EXPECT_EQ(DeskAt(tree, "640104", Level::kCounty)->code, "640104");
  EXPECT_EQ(DeskAt(tree, "640104", Level::kCity)->code, "640100");
  EXPECT_EQ(DeskAt(tree, "640104", Level::kRegion)->code, "640000");
  EXPECT_EQ(DeskAt(tree, "640104", Level::kCentre), nullptr);  // no desk of the centre in the tree
  EXPECT_EQ(DeskAt(tree, "640100", Level::kCounty), nullptr);  // not below the region's own level
  EXPECT_EQ(DeskAt(tree, "999999", Level::kCity), nullptr);
}

}  // namespace
}  // namespace shaobing
