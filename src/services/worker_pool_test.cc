#include "services/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace shaobing {
namespace {

TEST(WorkerPool, RunsWorkOffTheCallerAndRefusesBeyondItsQueue) {
  WorkerPool pool("test-pool", 1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> ran{0};
  std::promise<void> started;
  ASSERT_TRUE(pool.Post([&, gate] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();  // the only thread is busy
  EXPECT_TRUE(pool.Post([&] { ++ran; }));
  EXPECT_TRUE(pool.Post([&] { ++ran; }));
  EXPECT_FALSE(pool.Post([&] { ++ran; }));  // the queue holds two
  release.set_value();
  pool.Stop();  // drains what was queued
  EXPECT_EQ(ran.load(), 3);
  EXPECT_FALSE(pool.Post([] {}));
}

}  // namespace
}  // namespace shaobing
