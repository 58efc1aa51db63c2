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
  for (const char* bad :
       {"2026-11-29T14:05:00", "2026-11-29", "2026-02-30T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29T14:05:00+8",
        "yesterday", "2026-11-29T14:05:00+08:00x", "2026-11-29T14:05:00.+08:00"}) {
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
  }
}

TEST(TimeTest, CrossesDayBoundaryInShanghai) {
  auto t = ParseIsoTime("2026-12-31T17:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatShanghai(*t), "2027-01-01T01:30:00+08:00");
}

// Found by the round-trip property of fuzz/report_json: a report's time near the ends of the
// four-digit years was accepted, then written back as "10000-01-01T07:00:00+08:00" or
// "-001-12-31T18:00:00+08:00", which no parser reads.
TEST(TimeTest, AcceptsOnlyTimesThatFormatBack) {
  for (const char* bad : {"9999-12-31T23:00:00Z", "9999-12-31T16:00:00Z", "9999-12-31T23:59:59-14:00",
                          "0000-01-01T00:00:00+14:00", "0000-01-01T00:00:00+00:01"}) {
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
  }
  for (const char* good : {"9999-12-31T15:59:59.999Z", "9999-12-31T23:59:59.999+08:00", "0000-01-01T00:00:00Z",
                           "0000-01-01T00:00:00-14:00"}) {
    const auto t = ParseIsoTime(good);
    ASSERT_TRUE(t) << good;
    EXPECT_EQ(ParseIsoTime(FormatShanghai(*t)), t) << good;
    EXPECT_EQ(ParseIsoTime(FormatUtc(*t)), t) << good;
  }
}

}  // namespace
}  // namespace shaobing
