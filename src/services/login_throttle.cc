#include "services/login_throttle.h"

#include <algorithm>
#include <vector>

namespace shaobing {

namespace {
using std::chrono::seconds;

seconds CeilSeconds(TimePoint from, TimePoint until) {
  if (until <= from) return seconds(0);
  return std::chrono::ceil<seconds>(until - from);
}
}  // namespace

seconds LoginThrottle::WaitIn(Table& table, std::string_view key, TimePoint now) {
  auto it = table.find(key);
  return it == table.end() ? seconds(0) : CeilSeconds(now, it->second.blocked_until);
}

seconds LoginThrottle::Wait(std::string_view account, std::string_view address, TimePoint now) {
  MutexLock lock(mu_);
  return std::max(WaitIn(accounts_, account, now), WaitIn(addresses_, address, now));
}

bool LoginThrottle::FailIn(Table& table, std::string_view key, int free_failures, TimePoint now) {
  auto it = table.find(key);
  if (it == table.end()) {
    Bound(table, now);
    it = table.emplace(std::string(key), Entry{}).first;
  }
  Entry& e = it->second;
  if (e.failures > 0 && now - e.last_failure >= options_.forget_after) e = Entry{};
  ++e.failures;
  e.last_failure = now;
  if (e.failures < free_failures) return false;
  const bool starts = e.blocked_until <= now;
  const int doublings = std::min(e.failures - free_failures, 20);
  const auto wait = std::min<seconds>(options_.first_wait * (1LL << doublings), options_.max_wait);
  e.blocked_until = now + wait;
  return starts;
}

bool LoginThrottle::Failed(std::string_view account, std::string_view address, TimePoint now) {
  MutexLock lock(mu_);
  const bool account_starts = FailIn(accounts_, account, options_.free_account_failures, now);
  const bool address_starts = FailIn(addresses_, address, options_.free_address_failures, now);
  return account_starts || address_starts;
}

void LoginThrottle::Succeeded(std::string_view account) {
  MutexLock lock(mu_);
  if (auto it = accounts_.find(account); it != accounts_.end()) accounts_.erase(it);
}

size_t LoginThrottle::tracked() {
  MutexLock lock(mu_);
  return accounts_.size() + addresses_.size();
}

void LoginThrottle::Bound(Table& table, TimePoint now) {
  if (table.size() < options_.max_entries) return;
  // Forget what is past its memory first, then the stalest entries, down to three quarters.
  std::erase_if(table, [&](const auto& kv) {
    return now - kv.second.last_failure >= options_.forget_after && kv.second.blocked_until <= now;
  });
  if (table.size() < options_.max_entries) return;
  std::vector<std::pair<TimePoint, std::string>> by_age;
  for (const auto& [key, e] : table) by_age.emplace_back(e.last_failure, key);
  std::sort(by_age.begin(), by_age.end());
  const size_t drop = table.size() - options_.max_entries * 3 / 4;
  for (size_t i = 0; i < drop; ++i) table.erase(by_age[i].second);
}

}  // namespace shaobing
