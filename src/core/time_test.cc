#include "core/time.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

TEST(TimeTest, ParsesOffsetsAndFormatsInShanghai) {
  auto t = ParseIsoTime("2026-11-29T14:05:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatUtc(*t), "2026-11-29T06:05:00Z");
  EXPECT_EQ(FormatShanghai(*t), "2026-11-29T14:05:00+08:00");
  EXPECT_EQ(ParseIsoTime("2026-11-29T06:05:00Z"), t);
  EXPECT_EQ(ParseIsoTime("2026-11-28T22:05:00-08:00"), t);
}

TEST(TimeTest, KeepsMilliseconds) {
  auto t = ParseIsoTime("2026-11-29T14:05:00.250+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatShanghai(*t), "2026-11-29T14:05:00.250+08:00");
}

TEST(TimeTest, RejectsTimesWithoutOffsetAndNonsense) {
  for (const char* bad : {"2026-11-29T14:05:00", "2026-11-29", "2026-02-30T00:00:00Z",
                          "2026-11-29T24:00:00Z", "2026-11-29T14:05:00+8", "yesterday",
                          "2026-11-29T14:05:00+08:00x", "2026-11-29T14:05:00.+08:00"}) {
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
  }
}

TEST(TimeTest, CrossesDayBoundaryInShanghai) {
  auto t = ParseIsoTime("2026-12-31T17:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatShanghai(*t), "2027-01-01T01:30:00+08:00");
}

}  // namespace
}  // namespace shaobing
