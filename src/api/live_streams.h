#pragma once
// The open live streams (GET /api/v1/stream) by user and session: at most `max_per_user`
// streams per user, a heartbeat that keeps idle connections alive through proxies and
// re-checks each stream's session, and closing on logout or when an account changes.
//
// Heartbeat: one thread for all streams wakes every `heartbeat` and, for each stream, asks
// `still_valid()` and either sends ": ping" or closes the stream. One sweeping thread rather
// than a timer per stream: the per-stream work is the same, there is no timer state in the
// HTTP server, the registry needs no I/O context, and the total wake-ups stay one per period
// however many streams are open. A stream's ping is late by at most one period.
//
// Thread-safe. `still_valid`, StreamSink::Send and StreamSink::Close are never called with the
// registry's lock held (only StreamSink::open is), so they may call back into it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "api/http_types.h"
#include "core/error.h"

namespace shaobing::api {

struct LiveStreamsOptions {
  // Streams one user may hold at once (tabs, devices); one more is refused with 429
  // "too_many_streams".
  int max_per_user = 8;
  // Between two heartbeats; zero or less: no heartbeat thread (tests call Beat()).
  std::chrono::milliseconds heartbeat = std::chrono::seconds(20);
  // Resuming (Last-Event-ID): at most this many changes of the log are replayed; a client
  // further behind gets "event: reset" and reloads its view.
  int max_replay = 1000;
  // Live notices a stream holds while its replay is read; one more closes it (StreamFeed).
  size_t max_held = 10'000;
};

class LiveStreams {
 public:
  // One registered stream. Destroying it unregisters the stream (it does not close it).
  class Stream {
   public:
    ~Stream();
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    // Hands over the started stream's sink: heartbeats and closes reach it from now on. When
    // the stream was closed (CloseSession, CloseUser) between Open and Attach, the sink is
    // closed at once.
    void Attach(std::shared_ptr<StreamSink> sink);

   private:
    friend class LiveStreams;
    struct State;
    Stream(std::weak_ptr<State> state, std::uint64_t id) : state_(std::move(state)), id_(id) {}
    std::weak_ptr<State> state_;  // weak: a handle may outlive the registry
    std::uint64_t id_;
  };

  explicit LiveStreams(LiveStreamsOptions options = {});
  ~LiveStreams();  // Stop()
  LiveStreams(const LiveStreams&) = delete;
  LiveStreams& operator=(const LiveStreams&) = delete;

  // Registers a stream of `user_id` under the session `session_key` (the BLAKE2b hex of its
  // token, as AuthService keys sessions) before the stream starts, so that a refusal can still
  // be an ordinary response. kExhausted "too_many_streams" (argument `max`) when the user
  // already holds max_per_user open streams. `still_valid` answers whether the stream's
  // session still stands; it is called from the heartbeat thread.
  Result<std::shared_ptr<Stream>> Open(std::int64_t user_id, std::string session_key,
                                       std::function<bool()> still_valid);

  void CloseSession(std::string_view session_key);  // logout
  void CloseUser(std::int64_t user_id);             // account disabled, password changed or reset

  const LiveStreamsOptions& options() const;
  size_t open() const;  // registered streams whose connection is still open (for /metrics)

  // One heartbeat pass now: forgets streams whose connection closed, closes those whose
  // session no longer stands and sends ": ping" to the others.
  void Beat();
  // Ends the heartbeat thread (before the services `still_valid` uses go away). Idempotent.
  void Stop();

 private:
  std::shared_ptr<Stream::State> state_;
  std::thread heartbeat_;
};

}  // namespace shaobing::api
