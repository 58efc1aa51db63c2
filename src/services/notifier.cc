#include "services/notifier.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "i18n/messages.h"

namespace shaobing {
namespace {

bool Subscribes(const WebhookSubscription& w, const Notification& n) {
  const auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  return (has(w.regions, "*") || has(w.regions, n.region)) && (w.kinds.empty() || has(w.kinds, n.kind));
}

}  // namespace

std::string IdempotencyKey(const Notification& n, NotifyChannel channel, std::string_view destination) {
  std::string input = n.kind;
  for (const std::string_view part : {std::string_view(n.cause), NotifyChannelCode(channel), destination}) {
    input += '\n';
    input += part;
  }
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr, 0);
  char hex[2 * sizeof out + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string("sb-") + hex;
}

Result<int> Notifier::Enqueue(Transaction& tx, const Notification& n) const {
  std::vector<std::pair<NotifyChannel, std::string>> to;
  for (const auto& w : routes_.webhooks) {
    if (Subscribes(w, n)) to.emplace_back(NotifyChannel::kWebhook, w.name);
  }
  if (const auto it = routes_.email.find(n.region); it != routes_.email.end()) {
    for (const auto& a : it->second) to.emplace_back(NotifyChannel::kEmail, a);
  }
  if (const auto it = routes_.sms.find(n.region); it != routes_.sms.end()) {
    for (const auto& p : it->second) to.emplace_back(NotifyChannel::kSms, p);
  }
  int written = 0;
  const TimePoint now = tx.Now();
  for (const auto& [channel, destination] : to) {
    OutboxEntry e;
    e.kind = n.kind;
    e.channel = channel;
    e.destination = destination;
    e.region = n.region;
    e.subject = n.subject;
    e.idempotency_key = IdempotencyKey(n, channel, destination);
    if (n.event != nullptr) {
      e.event_id = n.event->id;
      e.event_region_path = n.event->region_path;
    }
    e.created_at = now;
    e.next_attempt_at = now;
    boost::json::object payload{{"kind", n.kind},
                                {"region", n.region},
                                {"subject", n.subject},
                                {"text", n.text},
                                {"idempotency_key", e.idempotency_key},
                                {"created_at", FormatShanghai(now)}};
    payload["event_id"] = n.event != nullptr ? boost::json::value(n.event->id) : boost::json::value(nullptr);
    e.payload = boost::json::serialize(payload);
    auto id = tx.EnqueueNotification(e);
    if (!id) return Fail(id.error());
    if (*id) ++written;
  }
  return written;
}

Result<int> NotifyReportable(Transaction& tx, const Notifier& notifier, const RegionTree& regions, const EventRow& row,
                             std::string_view before) {
  const auto now = ParseLevel(row.report_to);
  if (!now) return 0;
  if (const auto was = ParseLevel(before); was && *was >= *now) return 0;
  const Region* desk = regions.AncestorAt(row.region, *now);
  if (desk == nullptr) return 0;
  const Region* place = regions.Find(row.region);
  const std::vector<ErrorArg> args{{"title", row.title},
                                   {"region", place != nullptr ? place->name : row.region},
                                   {"level", desk->name},
                                   {"desk", i18n::Render(i18n::Locale::kZhCn, "party.desk", {{"region", desk->name}})}};
  return notifier.Enqueue(tx, {.kind = "event.reportable",
                               .region = desk->code,
                               .cause = "event:" + std::to_string(row.id) + ":" + row.report_to,
                               .event = &row,
                               .subject = i18n::Render(i18n::Locale::kZhCn, "notify.event_reportable.subject", args),
                               .text = i18n::Render(i18n::Locale::kZhCn, "notify.event_reportable.text", args)});
}

}  // namespace shaobing
