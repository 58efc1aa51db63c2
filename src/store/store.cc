#include "store/store.h"

#include <array>
#include <future>
#include <utility>

namespace shaobing {

boost::json::array FilingMovesJson(const std::vector<FilingMove>& moves) {
  auto id = [](const std::optional<EventId>& x) { return x ? boost::json::value(*x) : boost::json::value(nullptr); };
  boost::json::array a;
  for (const auto& m : moves)
    a.push_back(boost::json::object{{"filing", m.filing}, {"before", id(m.before)}, {"after", id(m.after)}});
  return a;
}

namespace {

// The stored codes of the notification enums, and their lookup both ways.
constexpr std::array<std::pair<NotifyChannel, std::string_view>, 3> kChannelCodes{
    {{NotifyChannel::kWebhook, "webhook"}, {NotifyChannel::kEmail, "email"}, {NotifyChannel::kSms, "sms"}}};
constexpr std::array<std::pair<OutboxState, std::string_view>, 3> kStateCodes{
    {{OutboxState::kPending, "pending"}, {OutboxState::kSent, "sent"}, {OutboxState::kDead, "dead"}}};

template <typename E, size_t N>
std::string_view CodeOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, code] : table) {
    if (v == value) return code;
  }
  return table[0].second;
}

template <typename E, size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view code) {
  for (const auto& [v, c] : table) {
    if (c == code) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view NotifyChannelCode(NotifyChannel c) { return CodeOf(kChannelCodes, c); }
std::optional<NotifyChannel> ParseNotifyChannel(std::string_view code) { return ValueOf(kChannelCodes, code); }
std::string_view OutboxStateCode(OutboxState s) { return CodeOf(kStateCodes, s); }
std::optional<OutboxState> ParseOutboxState(std::string_view code) { return ValueOf(kStateCodes, code); }

Status Store::Write(WriteJob job) {
  std::promise<Status> done;
  auto result = done.get_future();
  Submit(std::move(job), [&done](Status s) { done.set_value(std::move(s)); });
  return result.get();
}

}  // namespace shaobing
