#pragma once
// Throttling of password guessing, per account and per client address, with exponential
// back-off. In memory and bounded; thread-safe. A login refused by the throttle is never
// checked against the password, so a flood costs no hashing.
#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace shaobing {

struct LoginThrottleOptions {
  int free_account_failures = 5;               // failures of one account before it must wait
  int free_address_failures = 20;              // failures from one address before it must wait
  std::chrono::seconds first_wait{30};         // the first wait; doubles with every further failure
  std::chrono::seconds max_wait{15 * 60};      // the longest wait
  std::chrono::seconds forget_after{15 * 60};  // failures are forgotten this long after the last one
  size_t max_entries = 20000;                  // per kind (accounts, addresses); the stalest go first
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleOptions options = {}) : options_(options) {}

  // How long an attempt on `account` from `address` must still wait; zero: it may be tried.
  std::chrono::seconds Wait(std::string_view account, std::string_view address, TimePoint now);
  // Records a failed attempt. True when it starts a wait for the account or the address (the
  // moment to audit, once per episode).
  bool Failed(std::string_view account, std::string_view address, TimePoint now);
  // A successful login forgets the account's failures; the address's stay (one valid account
  // must not reset a spray over many).
  void Succeeded(std::string_view account);
  // Accounts and addresses remembered (each kind stays within max_entries).
  size_t tracked();

 private:
  struct Entry {
    int failures = 0;
    TimePoint last_failure{};
    TimePoint blocked_until{};
  };
  using Table = std::map<std::string, Entry, std::less<>>;
  std::chrono::seconds WaitIn(Table& table, std::string_view key, TimePoint now);
  bool FailIn(Table& table, std::string_view key, int free_failures, TimePoint now);
  void Bound(Table& table, TimePoint now);

  LoginThrottleOptions options_;
  Mutex mu_;
  Table accounts_ GUARDED_BY(mu_);
  Table addresses_ GUARDED_BY(mu_);
};

}  // namespace shaobing
