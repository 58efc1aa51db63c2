// The demo accounts file (FILES/demo/accounts.yaml of `shaobing serve --demo --files DIR`).
#include "app/demo.h"

#include <gtest/gtest.h>

#include "loaders/data_files.h"
#include "testing/test_data.h"

namespace shaobing {
namespace {

TEST(DemoAccounts, TheShippedFileParses) {
  const std::string file = testing::SourceDir() + "/data/demo/accounts.yaml";
  auto accounts = ParseDemoAccounts(ReadTextFile(file).value_or(""), file);
  ASSERT_TRUE(accounts.has_value()) << accounts.error().reason;
  EXPECT_EQ(accounts->front().name, "admin");
}

// An empty file or list parsed into no accounts, and SeedDemo then read the first of none
// (undefined behaviour). Found by fuzz/demo_accounts with the empty input.
TEST(DemoAccounts, NoAccountIsAnError) {
  for (const std::string text : {"", "accounts: []\n", "# nothing\nother: 1\n"}) {
    auto accounts = ParseDemoAccounts(text, "accounts.yaml");
    ASSERT_FALSE(accounts.has_value()) << "'" << text << "'";
    EXPECT_EQ(accounts.error().reason, "file_syntax");
  }
}

TEST(DemoAccounts, NotUtf8IsAnError) {
  auto accounts = ParseDemoAccounts("accounts:\n  - {name: a, password: b, role: desk, display: \xD6\xB5\xB0\xE0}\n",
                                    "accounts.yaml");
  ASSERT_FALSE(accounts.has_value());
  EXPECT_EQ(accounts.error().reason, "file_syntax");
}

}  // namespace
}  // namespace shaobing
