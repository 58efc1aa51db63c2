#include "store/store.h"

#include <future>

namespace shaobing {

boost::json::array FilingMovesJson(const std::vector<FilingMove>& moves) {
  auto id = [](const std::optional<EventId>& x) { return x ? boost::json::value(*x) : boost::json::value(nullptr); };
  boost::json::array a;
  for (const auto& m : moves)
    a.push_back(boost::json::object{{"filing", m.filing}, {"before", id(m.before)}, {"after", id(m.after)}});
  return a;
}

std::string_view NotifyChannelCode(NotifyChannel c) {
  switch (c) {
    case NotifyChannel::kWebhook:
      return "webhook";
    case NotifyChannel::kEmail:
      return "email";
    case NotifyChannel::kSms:
      return "sms";
  }
  return "webhook";
}

std::optional<NotifyChannel> ParseNotifyChannel(std::string_view code) {
  for (const auto c : {NotifyChannel::kWebhook, NotifyChannel::kEmail, NotifyChannel::kSms}) {
    if (NotifyChannelCode(c) == code) return c;
  }
  return std::nullopt;
}

std::string_view OutboxStateCode(OutboxState s) {
  switch (s) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kDead:
      return "dead";
  }
  return "pending";
}

std::optional<OutboxState> ParseOutboxState(std::string_view code) {
  for (const auto s : {OutboxState::kPending, OutboxState::kSent, OutboxState::kDead}) {
    if (OutboxStateCode(s) == code) return s;
  }
  return std::nullopt;
}

Status Store::Write(WriteJob job) {
  std::promise<Status> done;
  auto result = done.get_future();
  Submit(std::move(job), [&done](Status s) { done.set_value(std::move(s)); });
  return result.get();
}

}  // namespace shaobing
