// The live-stream registry with sinks that record what reaches them: the cap per user, closing
// by session and by user, and the heartbeat's ping and session check (Beat() called directly).
#include "api/live_streams.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

namespace shaobing::api {
namespace {

class RecordingSink final : public StreamSink {
 public:
  bool Send(std::string chunk) override {
    if (!open_) return false;
    sent.push_back(std::move(chunk));
    return true;
  }
  bool open() const override { return open_; }
  void Close() override { open_ = false; }
  void OnClose(std::function<void()>) override {}
  void HangUp() { open_ = false; }  // the client went away

  std::vector<std::string> sent;

 private:
  std::atomic<bool> open_{true};
};

LiveStreamsOptions NoHeartbeatThread(int max_per_user = 8) {
  return {.max_per_user = max_per_user, .heartbeat = std::chrono::milliseconds::zero()};
}

auto Always() {
  return [] { return true; };
}

// Opens and attaches a stream; fails the test when refused.
std::shared_ptr<LiveStreams::Stream> OpenAttached(LiveStreams& streams, std::int64_t user, const std::string& session,
                                                  const std::shared_ptr<RecordingSink>& sink,
                                                  std::function<bool()> still_valid = Always()) {
  auto stream = streams.Open(user, session, std::move(still_valid));
  EXPECT_TRUE(stream.has_value());
  if (!stream) return nullptr;
  (*stream)->Attach(sink);
  return *stream;
}

TEST(LiveStreamsTest, RefusesOneStreamPastTheUsersCap) {
  LiveStreams streams(NoHeartbeatThread(2));
  auto a = OpenAttached(streams, 1, "s1", std::make_shared<RecordingSink>());
  auto b = OpenAttached(streams, 1, "s2", std::make_shared<RecordingSink>());
  auto refused = streams.Open(1, "s1", Always());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kExhausted);
  EXPECT_EQ(refused.error().reason, "too_many_streams");
  ASSERT_EQ(refused.error().args.size(), 1u);
  EXPECT_EQ(refused.error().args[0].value, "2");
  // The cap is per user.
  auto other_user = streams.Open(2, "s3", Always());
  EXPECT_TRUE(other_user.has_value());
  EXPECT_EQ(streams.open(), 3u);
}

TEST(LiveStreamsTest, AStreamGoneOrReleasedGivesItsPlaceBack) {
  LiveStreams streams(NoHeartbeatThread(1));
  auto sink = std::make_shared<RecordingSink>();
  auto held = OpenAttached(streams, 1, "s1", sink);
  EXPECT_FALSE(streams.Open(1, "s1", Always()).has_value());
  sink->HangUp();  // its registration is still there: Open forgets it
  auto next = streams.Open(1, "s1", Always());
  ASSERT_TRUE(next.has_value());
  EXPECT_FALSE(streams.Open(1, "s1", Always()).has_value());
  next->reset();  // the route drops its handle when the connection closes
  EXPECT_TRUE(streams.Open(1, "s1", Always()).has_value());
}

TEST(LiveStreamsTest, CloseSessionClosesExactlyThatSessionsStreams) {
  LiveStreams streams(NoHeartbeatThread());
  auto a1 = std::make_shared<RecordingSink>(), a2 = std::make_shared<RecordingSink>();
  auto b = std::make_shared<RecordingSink>(), other = std::make_shared<RecordingSink>();
  auto ha1 = OpenAttached(streams, 1, "session-a", a1);
  auto ha2 = OpenAttached(streams, 1, "session-a", a2);
  auto hb = OpenAttached(streams, 1, "session-b", b);
  auto ho = OpenAttached(streams, 2, "session-c", other);
  streams.CloseSession("session-a");
  EXPECT_FALSE(a1->open());
  EXPECT_FALSE(a2->open());
  EXPECT_TRUE(b->open());
  EXPECT_TRUE(other->open());
  EXPECT_EQ(streams.open(), 2u);
}

TEST(LiveStreamsTest, CloseUserClosesEverySessionOfThatUser) {
  LiveStreams streams(NoHeartbeatThread());
  auto a = std::make_shared<RecordingSink>(), b = std::make_shared<RecordingSink>();
  auto other = std::make_shared<RecordingSink>();
  auto ha = OpenAttached(streams, 7, "session-a", a);
  auto hb = OpenAttached(streams, 7, "session-b", b);
  auto ho = OpenAttached(streams, 8, "session-c", other);
  streams.CloseUser(7);
  EXPECT_FALSE(a->open());
  EXPECT_FALSE(b->open());
  EXPECT_TRUE(other->open());
  EXPECT_EQ(streams.open(), 1u);
}

TEST(LiveStreamsTest, AStreamClosedBeforeItIsAttachedIsClosedOnAttach) {
  LiveStreams streams(NoHeartbeatThread());
  auto stream = streams.Open(1, "session-a", Always());
  ASSERT_TRUE(stream.has_value());
  streams.CloseSession("session-a");  // logout while the stream was starting
  auto sink = std::make_shared<RecordingSink>();
  (*stream)->Attach(sink);
  EXPECT_FALSE(sink->open());
}

TEST(LiveStreamsTest, BeatPingsValidStreamsAndClosesThoseWhoseSessionEnded) {
  LiveStreams streams(NoHeartbeatThread());
  std::atomic<bool> valid{true};
  auto checked = std::make_shared<RecordingSink>(), steady = std::make_shared<RecordingSink>();
  auto hc = OpenAttached(streams, 1, "s1", checked, [&valid] { return valid.load(); });
  auto hs = OpenAttached(streams, 2, "s2", steady);
  streams.Beat();
  EXPECT_EQ(checked->sent, std::vector<std::string>{": ping\n\n"});
  EXPECT_EQ(steady->sent, std::vector<std::string>{": ping\n\n"});
  valid = false;  // the session expired or ended elsewhere
  streams.Beat();
  EXPECT_FALSE(checked->open());
  EXPECT_EQ(checked->sent.size(), 1u);
  EXPECT_TRUE(steady->open());
  EXPECT_EQ(steady->sent.size(), 2u);
  EXPECT_EQ(streams.open(), 1u);
}

TEST(LiveStreamsTest, AHandleMayOutliveTheRegistry) {
  std::shared_ptr<LiveStreams::Stream> handle;
  {
    LiveStreams streams(NoHeartbeatThread());
    handle = OpenAttached(streams, 1, "s1", std::make_shared<RecordingSink>());
  }
  auto late = std::make_shared<RecordingSink>();
  handle->Attach(late);
  EXPECT_FALSE(late->open());
  handle.reset();  // unregisters from nothing, without touching freed memory
}

}  // namespace
}  // namespace shaobing::api
