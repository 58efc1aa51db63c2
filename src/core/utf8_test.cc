#include "core/utf8.h"

#include <gtest/gtest.h>

namespace shaobing {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii, 中文，𝄞 and \x7f"));
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF"));  // U+D7FF, U+E000, U+10FFFF
}

TEST(Utf8, FindsTheFirstIllFormedByte) {
  EXPECT_EQ(InvalidUtf8At("ab\xFF"), 2u);
  EXPECT_EQ(InvalidUtf8At("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(InvalidUtf8At("x\xE0\x80\xAF"), 1u);     // overlong
  EXPECT_EQ(InvalidUtf8At("\xED\xA0\x80"), 0u);      // a surrogate
  EXPECT_EQ(InvalidUtf8At("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(InvalidUtf8At("中\xE6\x96"), 3u);        // cut short
  // GBK, as a spreadsheet program saves Chinese: 银川 is D2 F8 B4 A8.
  EXPECT_EQ(InvalidUtf8At("id,\xD2\xF8\xB4\xA8"), 3u);
}

TEST(Utf8, LineOfAnOffset) {
  EXPECT_EQ(LineAt("a\nb\nc", 0), 1);
  EXPECT_EQ(LineAt("a\nb\nc", 2), 2);
  EXPECT_EQ(LineAt("a\nb\nc", 4), 3);
  EXPECT_EQ(LineAt("a\n", 99), 2);
}

TEST(Utf8, ReplacesEachMaximalIllFormedSubpart) {
  EXPECT_EQ(ValidUtf8("中文"), "中文");
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\uFFFDb");
  EXPECT_EQ(ValidUtf8("中\xE6\x96"), "中\uFFFD");              // a cut sequence is one replacement
  EXPECT_EQ(ValidUtf8("\xE0\x80\xAF"), "\uFFFD\uFFFD\uFFFD");  // overlong: byte by byte
  EXPECT_TRUE(IsValidUtf8(ValidUtf8("\xED\xA0\x80\xC2\xF4\x90")));
}

}  // namespace
}  // namespace shaobing
