#include "api/stream_feed.h"

#include <boost/json.hpp>

namespace shaobing::api {
namespace json = boost::json;

StreamFeed::StreamFeed(std::shared_ptr<StreamSink> sink, Concerns concerns, size_t max_held)
    : sink_(std::move(sink)), concerns_(std::move(concerns)), max_held_(max_held) {}

std::string StreamFeed::Format(const Notice& n) {
  json::object data{{"event_id", n.event_id},
                    {"report_id", n.report_id},
                    {"kind", n.kind},
                    {"unit", n.unit},
                    {"at", FormatShanghai(n.at)}};
  return "id: " + std::to_string(n.seq) + "\nevent: " + n.type + "\ndata: " + json::serialize(data) + "\n\n";
}

bool StreamFeed::SendLocked(const Notice& n) {
  if (n.seq <= last_sent_) return true;  // replayed already
  last_sent_ = n.seq;
  if (!concerns_(n)) return true;
  return sink_->Send(Format(n));
}

bool StreamFeed::OnLive(const Notice& n) {
  if (!sink_->open()) return false;
  MutexLock lock(mu_);
  if (!replaying_) return SendLocked(n);
  if (held_.size() >= max_held_) {
    sink_->Close();  // the client resumes from its last id, by replay
    return false;
  }
  held_.push_back(n);
  return true;
}

void StreamFeed::GoLive(std::int64_t through) {
  last_sent_ = std::max(last_sent_, through);
  for (const auto& n : held_) {
    if (!SendLocked(n)) break;
  }
  held_.clear();
  held_.shrink_to_fit();
  replaying_ = false;
}

void StreamFeed::Replay(const std::vector<Notice>& replayed, std::int64_t through) {
  MutexLock lock(mu_);
  for (const auto& n : replayed) {
    if (!SendLocked(n)) break;
  }
  GoLive(through);
}

void StreamFeed::Mark(std::int64_t newest, const std::string& type, const json::object& data) {
  MutexLock lock(mu_);
  sink_->Send("id: " + std::to_string(newest) + "\nevent: " + type + "\ndata: " + json::serialize(data) + "\n\n");
  GoLive(newest);
}

void StreamFeed::Start(std::int64_t newest) { Mark(newest, "start", {}); }

void StreamFeed::Reset(std::int64_t newest, const std::string& reason) { Mark(newest, "reset", {{"reason", reason}}); }

}  // namespace shaobing::api
