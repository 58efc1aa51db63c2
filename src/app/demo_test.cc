// The demo accounts file (FILES/demo/accounts.yaml of `shaobing serve --demo --files DIR`).
#include "app/demo.h"

#include <gtest/gtest.h>

#include "app/data_files.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

TEST(DemoAccounts, TheShippedFileParses) {
  const std::string file = testing::SourceDir() + "/data/demo/accounts.yaml";
  auto accounts = ParseDemoAccounts(ReadTextFile(file).value_or(""), file);
  ASSERT_TRUE(accounts.has_value()) << accounts.error().reason;
  EXPECT_EQ(accounts->front().name, "admin");
}

TEST(DemoAccounts, NotUtf8IsAnError) {
  auto accounts = ParseDemoAccounts("accounts:\n  - {name: a, password: b, role: desk, display: \xD6\xB5\xB0\xE0}\n",
                                    "accounts.yaml");
  ASSERT_FALSE(accounts.has_value());
  EXPECT_EQ(accounts.error().reason, "file_syntax");
}

}  // namespace
}  // namespace shaobing
