#include "core/thread_annotations.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <thread>

namespace shaobing {
namespace {

struct Flag {
  Mutex mu;
  std::condition_variable cv;
  bool set GUARDED_BY(mu) = false;

  void Set() {
    {
      MutexLock lock(mu);
      set = true;
    }
    cv.notify_all();
  }
};

TEST(MutexLockTest, WaitReturnsOnceThePredicateHolds) {
  Flag flag;
  std::thread setter([&] { flag.Set(); });
  MutexLock lock(flag.mu);
  lock.Wait(flag.cv, [&]() REQUIRES(flag.mu) { return flag.set; });
  EXPECT_TRUE(flag.set);
  lock.Unlock();
  setter.join();
}

TEST(MutexLockTest, WaitForIsFalseWhenTheTimeRunsOut) {
  Flag flag;
  MutexLock lock(flag.mu);
  EXPECT_FALSE(lock.WaitFor(flag.cv, std::chrono::milliseconds(5), [&]() REQUIRES(flag.mu) { return flag.set; }));
  lock.Unlock();
  flag.Set();
  lock.Lock();
  EXPECT_TRUE(lock.WaitFor(flag.cv, std::chrono::milliseconds(5), [&]() REQUIRES(flag.mu) { return flag.set; }));
}

TEST(MutexLockTest, HoldsTheMutexForItsScope) {
  Mutex mu;
  auto free_for_another_thread = [&] {
    bool got = false;
    std::thread([&] {
      if (mu.TryLock()) {
        got = true;
        mu.Unlock();
      }
    }).join();
    return got;
  };
  {
    MutexLock lock(mu);
    EXPECT_FALSE(free_for_another_thread());
  }
  EXPECT_TRUE(free_for_another_thread());
}

}  // namespace
}  // namespace shaobing
