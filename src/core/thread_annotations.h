#pragma once
// Locking annotations that clang checks at compile time (-Wthread-safety, an error in every
// clang build: the fuzz build and the compile database scripts/check-style.sh hands clang-tidy);
// under g++ they expand to nothing. A member written
//
//   Mutex mu_;
//   int count_ GUARDED_BY(mu_) = 0;
//
// can only be read or written while `mu_` is held: in a MutexLock's scope, or in a function
// declared REQUIRES(mu_). std::mutex carries no such attributes in libstdc++, hence Mutex and
// MutexLock below, which are std::mutex and std::unique_lock with the attributes on.
#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define SHAOBING_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define SHAOBING_THREAD_ANNOTATION(x)
#endif

// On a class: its objects are locks (a capability named `x` in the diagnostics).
#define CAPABILITY(x) SHAOBING_THREAD_ANNOTATION(capability(x))
// On a class: an RAII object that holds a capability for its lifetime.
#define SCOPED_CAPABILITY SHAOBING_THREAD_ANNOTATION(scoped_lockable)
// On a data member: reads and writes need the capability held.
#define GUARDED_BY(x) SHAOBING_THREAD_ANNOTATION(guarded_by(x))
// On a function: callers must hold the capabilities.
#define REQUIRES(...) SHAOBING_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
// On a function: it acquires / releases the capabilities (with no argument: its object).
#define ACQUIRE(...) SHAOBING_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) SHAOBING_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
// On a function: it tries to acquire the capabilities and returns `x` when it did.
#define TRY_ACQUIRE(...) SHAOBING_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))

namespace shaobing {

class MutexLock;

// std::mutex as a capability the analysis knows.
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ACQUIRE() { mu_.lock(); }
  void Unlock() RELEASE() { mu_.unlock(); }
  bool TryLock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  friend class MutexLock;
  std::mutex mu_;
};

// Holds a Mutex for its scope, like std::unique_lock: it can be released and taken again, and
// waits on a std::condition_variable. A wait's predicate runs with the mutex held; a lambda
// that reads guarded members says so: `lock.Wait(cv_, [this]() REQUIRES(mu_) { return done_; })`.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : lock_(mu.mu_) {}
  ~MutexLock() RELEASE() = default;
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  void Unlock() RELEASE() { lock_.unlock(); }
  void Lock() ACQUIRE() { lock_.lock(); }

  // std::condition_variable's wait and wait_for with a predicate; WaitFor is false when the
  // time ran out with the predicate still false.
  template <typename Predicate>
  void Wait(std::condition_variable& cv, Predicate ready) {
    cv.wait(lock_, std::move(ready));
  }
  template <typename Rep, typename Period, typename Predicate>
  bool WaitFor(std::condition_variable& cv, const std::chrono::duration<Rep, Period>& timeout, Predicate ready) {
    return cv.wait_for(lock_, timeout, std::move(ready));
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace shaobing
