#include "services/login_throttle.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {
using std::chrono::seconds;

TimePoint At(int s) { return TimePoint{} + std::chrono::hours(24 * 365 * 50) + seconds(s); }

TEST(LoginThrottle, AnAccountWaitsAfterItsFreeFailuresAndTheWaitDoubles) {
  LoginThrottle t({.free_account_failures = 3, .free_address_failures = 100, .first_wait = seconds(30)});
  EXPECT_FALSE(t.Failed("desk", "10.0.0.1", At(0)));
  EXPECT_FALSE(t.Failed("desk", "10.0.0.2", At(1)));
  EXPECT_EQ(t.Wait("desk", "10.0.0.3", At(1)), seconds(0));
  EXPECT_TRUE(t.Failed("desk", "10.0.0.3", At(2)));  // the third starts a wait, whatever the address
  EXPECT_EQ(t.Wait("desk", "10.0.0.9", At(2)), seconds(30));
  EXPECT_EQ(t.Wait("leader", "10.0.0.9", At(2)), seconds(0));  // other accounts are not affected
  EXPECT_EQ(t.Wait("desk", "10.0.0.9", At(32)), seconds(0));
  EXPECT_TRUE(t.Failed("desk", "10.0.0.3", At(32)));
  EXPECT_EQ(t.Wait("desk", "10.0.0.3", At(32)), seconds(60));
  t.Succeeded("desk");
  EXPECT_EQ(t.Wait("desk", "10.0.0.3", At(33)), seconds(0));
}

TEST(LoginThrottle, AnAddressSprayingManyAccountsWaitsAndASuccessDoesNotResetIt) {
  LoginThrottle t({.free_account_failures = 100, .free_address_failures = 4, .first_wait = seconds(10)});
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(t.Failed("user" + std::to_string(i), "198.51.100.7", At(i)));
  t.Succeeded("user0");
  EXPECT_TRUE(t.Failed("user3", "198.51.100.7", At(3)));
  EXPECT_EQ(t.Wait("anyone", "198.51.100.7", At(3)), seconds(10));
  EXPECT_EQ(t.Wait("anyone", "198.51.100.8", At(3)), seconds(0));
}

TEST(LoginThrottle, WaitsAreCappedAndFailuresForgotten) {
  LoginThrottle t(
      {.free_account_failures = 1, .first_wait = seconds(30), .max_wait = seconds(100), .forget_after = seconds(1000)});
  for (int i = 0; i < 30; ++i) t.Failed("a", "x", At(i));
  EXPECT_EQ(t.Wait("a", "y", At(30)), seconds(99));  // capped (100 s from the last failure)
  t.Failed("a", "y", At(5000));
  EXPECT_EQ(t.Wait("a", "y", At(5000)), seconds(30));  // forgotten: the first wait again
}

TEST(LoginThrottle, MemoryIsBounded) {
  LoginThrottle t({.free_account_failures = 2, .free_address_failures = 1000, .max_entries = 100});
  for (int i = 0; i < 10000; ++i) t.Failed("name" + std::to_string(i), "203.0.113.1", At(i));
  EXPECT_LE(t.tracked(), 101u);
  EXPECT_TRUE(t.Failed("name9999", "203.0.113.2", At(10000)));  // the newest are still remembered
}

}  // namespace
}  // namespace shaobing
