// Feeds: the demo accounts file (FILES/demo/accounts.yaml, read by `shaobing serve --demo`) as
// YAML text to ParseDemoAccounts.
// Asserts: no crash, leak, hang or undefined behaviour; a refusal is a client error that
// renders; an accepted file is UTF-8 and gives at least one account (SeedDemo starts from the
// first).
#include <cstdint>

#include "app/demo.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  auto accounts = ParseDemoAccounts(std::string(fuzz::Text(data, size)), "accounts.yaml");
  if (!accounts) {
    fuzz::CheckInputError(accounts.error());
    return 0;
  }
  FUZZ_CHECK(IsValidUtf8(fuzz::Text(data, size)), "an accepted accounts file is UTF-8");
  FUZZ_CHECK(!accounts->empty(), "an accepted accounts file has an account");
  return 0;
}
