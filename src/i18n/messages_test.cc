#include "i18n/messages.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace shaobing::i18n {
namespace {

TEST(MessagesTest, CataloguesHaveTheSameKeys) {
  auto zh = Keys(Locale::kZhCn), en = Keys(Locale::kEn);
  std::sort(zh.begin(), zh.end());
  std::sort(en.begin(), en.end());
  EXPECT_EQ(zh, en);
  EXPECT_GT(zh.size(), 50u);
}

TEST(MessagesTest, RendersFieldNamesInChineseFirst) {
  FieldError e{"missing_field", "occurred_at", {}};
  EXPECT_EQ(FieldErrorMessage(Locale::kZhCn, e), "缺少必填字段 发生时间（何时）（occurred_at）");
  EXPECT_EQ(FieldErrorMessage(Locale::kEn, e), "Missing required field time of occurrence (when) (occurred_at)");
}

TEST(MessagesTest, IndexedFieldsUseTheirBaseName) {
  FieldError e{"unknown_sensitive_code", "sensitive.persons[1]", {{"value", "pope"}}};
  EXPECT_EQ(FieldErrorMessage(Locale::kZhCn, e), "字段 敏感人员（sensitive.persons[1]） 的敏感因素代码“pope”不存在");
}

TEST(MessagesTest, AcceptLanguagePicksEnglishOnlyWhenPreferred) {
  EXPECT_EQ(FromAcceptLanguage(""), Locale::kZhCn);
  EXPECT_EQ(FromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"), Locale::kZhCn);
  EXPECT_EQ(FromAcceptLanguage("en-US,en;q=0.9"), Locale::kEn);
}

TEST(MessagesTest, UnknownKeyFallsBackToTheKey) { EXPECT_EQ(Render(Locale::kEn, "no.such.key"), "no.such.key"); }

}  // namespace
}  // namespace shaobing::i18n
