#include "api/live_streams.h"

#include <pthread.h>

#include <map>
#include <vector>

#include "core/thread_annotations.h"

namespace shaobing::api {

namespace {

struct Entry {
  std::int64_t user_id = 0;
  std::string session_key;
  std::function<bool()> still_valid;
  std::shared_ptr<StreamSink> sink;  // null until attached
};

void CloseAll(const std::vector<std::shared_ptr<StreamSink>>& sinks) {
  for (const auto& sink : sinks) sink->Close();
}

}  // namespace

struct LiveStreams::Stream::State {
  explicit State(LiveStreamsOptions o) : options(o) {}
  const LiveStreamsOptions options;
  mutable Mutex mu;
  std::condition_variable wake;
  bool stopping GUARDED_BY(mu) = false;
  std::uint64_t next_id GUARDED_BY(mu) = 0;
  std::map<std::uint64_t, Entry> entries GUARDED_BY(mu);

  // Removes and returns the sinks of the entries `match` selects.
  template <typename Match>
  std::vector<std::shared_ptr<StreamSink>> Take(Match match) {
    std::vector<std::shared_ptr<StreamSink>> taken;
    MutexLock lock(mu);
    for (auto it = entries.begin(); it != entries.end();) {
      if (!match(it->second)) {
        ++it;
        continue;
      }
      if (it->second.sink) taken.push_back(std::move(it->second.sink));
      it = entries.erase(it);
    }
    return taken;
  }
};

LiveStreams::Stream::~Stream() {
  if (auto state = state_.lock()) {
    MutexLock lock(state->mu);
    state->entries.erase(id_);
  }
}

void LiveStreams::Stream::Attach(std::shared_ptr<StreamSink> sink) {
  if (!sink) return;
  if (auto state = state_.lock()) {
    MutexLock lock(state->mu);
    if (auto it = state->entries.find(id_); it != state->entries.end()) {
      it->second.sink = std::move(sink);
      return;
    }
  }
  sink->Close();  // closed before it started, or the registry is gone
}

LiveStreams::LiveStreams(LiveStreamsOptions options) : state_(std::make_shared<Stream::State>(options)) {
  if (options.heartbeat <= std::chrono::milliseconds::zero()) return;
  heartbeat_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-heartbeat");
    for (;;) {
      {
        MutexLock lock(state_->mu);
        if (lock.WaitFor(state_->wake, state_->options.heartbeat,
                         [this]() REQUIRES(state_->mu) { return state_->stopping; })) {
          return;
        }
      }
      Beat();
    }
  });
}

LiveStreams::~LiveStreams() { Stop(); }

void LiveStreams::Stop() {
  {
    MutexLock lock(state_->mu);
    state_->stopping = true;
  }
  state_->wake.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
}

Result<std::shared_ptr<LiveStreams::Stream>> LiveStreams::Open(std::int64_t user_id, std::string session_key,
                                                               std::function<bool()> still_valid) {
  MutexLock lock(state_->mu);
  int held = 0;
  for (auto it = state_->entries.begin(); it != state_->entries.end();) {
    if (it->second.user_id != user_id) {
      ++it;
    } else if (it->second.sink && !it->second.sink->open()) {
      it = state_->entries.erase(it);  // gone since the last heartbeat
    } else {
      ++held;
      ++it;
    }
  }
  if (held >= state_->options.max_per_user) {
    return Fail(Error::Make(ErrorCode::kExhausted, "too_many_streams", "",
                            {{"max", std::to_string(state_->options.max_per_user)}}));
  }
  const std::uint64_t id = ++state_->next_id;
  state_->entries.emplace(id, Entry{user_id, std::move(session_key), std::move(still_valid), nullptr});
  return std::shared_ptr<Stream>(new Stream(state_, id));
}

void LiveStreams::CloseSession(std::string_view session_key) {
  CloseAll(state_->Take([&](const Entry& e) { return e.session_key == session_key; }));
}

void LiveStreams::CloseUser(std::int64_t user_id) {
  CloseAll(state_->Take([&](const Entry& e) { return e.user_id == user_id; }));
}

const LiveStreamsOptions& LiveStreams::options() const { return state_->options; }

size_t LiveStreams::open() const {
  MutexLock lock(state_->mu);
  size_t n = 0;
  for (const auto& [id, e] : state_->entries) n += !e.sink || e.sink->open();
  return n;
}

void LiveStreams::Beat() {
  struct Due {
    std::uint64_t id;
    std::shared_ptr<StreamSink> sink;
    std::function<bool()> still_valid;
  };
  std::vector<Due> due;
  {
    MutexLock lock(state_->mu);
    for (const auto& [id, e] : state_->entries) {
      if (e.sink) due.push_back({id, e.sink, e.still_valid});
    }
  }
  std::vector<std::uint64_t> ended;
  for (const auto& d : due) {
    if (!d.sink->open()) {
      ended.push_back(d.id);
    } else if (d.still_valid && !d.still_valid()) {
      d.sink->Close();
      ended.push_back(d.id);
    } else {
      d.sink->Send(": ping\n\n");
    }
  }
  MutexLock lock(state_->mu);
  for (auto id : ended) state_->entries.erase(id);
}

}  // namespace shaobing::api
