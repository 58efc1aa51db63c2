#pragma once
// One live stream's feed (GET /api/v1/stream): writes committed changes as SSE events with
// `id: <seq>`, and joins a replay of the change log to the live notices without a gap or a
// duplicate.
//
// Contract: the route subscribes the feed to the bus first (OnLive), then reads the log
// after the client's Last-Event-ID and calls Replay (or Reset) once. Until then live
// notices are held (at most `max_held`; one more closes the stream, and the client resumes
// from its last id). Replay sends the replayed changes the caller may see, then the held
// ones past the replay's end; from then on each live notice newer than the last sent is
// sent at once. A notice committed before the subscription is in the log the replay reads;
// one committed after it reaches OnLive; one in both is sent once (by seq). Without a
// Last-Event-ID the route calls Start(the log's newest seq).
//
// Thread-safe: OnLive runs on the store's publishing thread, Replay on the route's.
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/http_types.h"
#include "core/thread_annotations.h"
#include "services/event_bus.h"

namespace shaobing::api {

class StreamFeed {
 public:
  using Concerns = std::function<bool(const Notice&)>;  // the caller's visibility rule
  StreamFeed(std::shared_ptr<StreamSink> sink, Concerns concerns, size_t max_held);

  // A bus subscriber: false once the stream is closed (the bus then drops it).
  bool OnLive(const Notice& n);
  // Sends `replayed` (by seq) that concern the caller, then the held notices with seq > `through`
  // (the last seq the replay covered, seen or not), and goes live.
  void Replay(const std::vector<Notice>& replayed, std::int64_t through);
  // A new stream (no Last-Event-ID): "event: start" with id `newest`, so that the client can
  // resume from where it began; then live past it.
  void Start(std::int64_t newest);
  // The client is too far behind for a replay (or its id is not of this log): "event: reset"
  // with id `newest`, so that it reloads its view and resumes from there; then live.
  void Reset(std::int64_t newest, const std::string& reason);

  // The SSE text of one change (id, event type, JSON data).
  static std::string Format(const Notice& n);

 private:
  bool SendLocked(const Notice& n) REQUIRES(mu_);
  void GoLive(std::int64_t through) REQUIRES(mu_);
  // Sends "event: `type`" with id `newest` and goes live past it.
  void Mark(std::int64_t newest, const std::string& type, const boost::json::object& data);

  const std::shared_ptr<StreamSink> sink_;
  const Concerns concerns_;
  const size_t max_held_;
  Mutex mu_;
  bool replaying_ GUARDED_BY(mu_) = true;
  std::vector<Notice> held_ GUARDED_BY(mu_);
  std::int64_t last_sent_ GUARDED_BY(mu_) = 0;  // the newest seq sent or covered
};

}  // namespace shaobing::api
