#include "services/notification_dispatcher.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

TEST(RetryPolicyTest, DelaysDoubleFromTheFirstUpToTheCap) {
  const RetryPolicy p{.first_delay = std::chrono::seconds(30), .max_delay = std::chrono::seconds(300)};
  const TimePoint t0 = FromUnixMillis(1'000'000);
  EXPECT_EQ(NextAttemptAt(p, 1, t0) - t0, std::chrono::seconds(30));
  EXPECT_EQ(NextAttemptAt(p, 2, t0) - t0, std::chrono::seconds(60));
  EXPECT_EQ(NextAttemptAt(p, 3, t0) - t0, std::chrono::seconds(120));
  EXPECT_EQ(NextAttemptAt(p, 4, t0) - t0, std::chrono::seconds(240));
  EXPECT_EQ(NextAttemptAt(p, 5, t0) - t0, std::chrono::seconds(300));
  EXPECT_EQ(NextAttemptAt(p, 60, t0) - t0, std::chrono::seconds(300));  // no overflow
}

}  // namespace
}  // namespace shaobing
