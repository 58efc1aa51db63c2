#include "services/notifier.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace shaobing
