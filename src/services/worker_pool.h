#pragma once
// A fixed set of threads with a bounded queue, for work that must not run on the HTTP I/O
// threads (argon2id costs 64 MiB and tens of milliseconds per password). Post refuses work
// when the queue is full, so a flood is answered at once instead of piling up.
#include <condition_variable>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "core/thread_annotations.h"

namespace shaobing {

class WorkerPool {
 public:
  WorkerPool(std::string name, int threads, size_t max_queued);
  ~WorkerPool();  // finishes queued work, then joins
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `work`; false (and `work` dropped) when `max_queued` items already wait or the pool
  // is stopping.
  bool Post(std::function<void()> work);
  void Stop();

 private:
  void Loop();
  size_t max_queued_;
  Mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_ GUARDED_BY(mu_);
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace shaobing
