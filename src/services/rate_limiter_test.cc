#include "services/rate_limiter.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {
using std::chrono::seconds;

TimePoint At(int s) { return TimePoint{} + std::chrono::hours(24 * 365 * 50) + seconds(s); }

TEST(RateLimiter, AllowsTheLimitPerWindowPerKeyAndSaysWhenTheNextComes) {
  RateLimiter r(3, seconds(3600));
  EXPECT_EQ(r.Acquire("u|1", At(0)), seconds(0));
  EXPECT_EQ(r.Acquire("u|1", At(10)), seconds(0));
  EXPECT_EQ(r.Acquire("u|1", At(20)), seconds(0));
  EXPECT_EQ(r.Acquire("u|1", At(30)), seconds(3570));  // the first leaves the window at 3600
  EXPECT_EQ(r.Acquire("u|2", At(30)), seconds(0));     // another event
  EXPECT_EQ(r.Acquire("u|1", At(3600)), seconds(0));   // refusals were not counted
  EXPECT_EQ(r.Acquire("u|1", At(3601)), seconds(9));
}

TEST(RateLimiter, RemembersABoundedNumberOfKeys) {
  RateLimiter r(1, seconds(3600), 100);
  for (int i = 0; i < 5000; ++i) r.Acquire("k" + std::to_string(i), At(i));
  EXPECT_LE(r.keys(), 100u);
  EXPECT_GT(r.Acquire("k4999", At(5000)), seconds(0));  // the newest are remembered
}

}  // namespace
}  // namespace shaobing
