#include "services/desk_report_service.h"

#include "fusion/summary.h"
#include "i18n/messages.h"
#include "services/event_refresh.h"
#include "standards/grade.h"

namespace shaobing {
namespace {

Error UnknownEvent(EventId id) {
  return Error::Make(ErrorCode::kNotFound, "unknown_event", "id", {{"value", std::to_string(id)}});
}

// The checks that need no store: levels, channel, texts.
void CheckDraft(const DeskReportDraft& d, Level desk_level, const DeskReportLimits& limits,
                std::vector<FieldError>& problems) {
  const auto to = ParseLevel(d.to);
  if (d.to.empty()) {
    problems.push_back({"missing_field", "to", {}});
  } else if (!to || *to == Level::kCounty) {
    problems.push_back({"invalid_value", "to", {{"value", d.to}, {"allowed", "city, region, centre"}}});
  } else if (*to <= desk_level) {
    std::string allowed;
    for (const Level l : {Level::kCity, Level::kRegion, Level::kCentre}) {
      if (l > desk_level) allowed += (allowed.empty() ? "" : ", ") + std::string(LevelCode(l));
    }
    problems.push_back({"level_not_above", "to", {{"value", d.to}, {"allowed", allowed}}});
  }
  const auto channel = ParseChannel(d.channel);
  if (d.channel.empty()) {
    problems.push_back({"missing_field", "channel", {}});
  } else if (!channel) {
    problems.push_back({"invalid_value", "channel", {{"value", d.channel}, {"allowed", "phone, written"}}});
  }
  if (channel == Channel::kPhone && IsBlank(d.told)) problems.push_back({"missing_field", "told", {}});
  if (channel == Channel::kWritten && IsBlank(d.text)) problems.push_back({"missing_field", "text", {}});
  if (d.told.size() > limits.max_told) {
    problems.push_back({"text_too_long", "told", {{"max", std::to_string(limits.max_told)}}});
  }
  if (d.text.size() > limits.max_text) {
    problems.push_back({"text_too_long", "text", {{"max", std::to_string(limits.max_text)}}});
  }
}

// The receiving desk (the region of level `to` above the reporting desk) told that the report
// was recorded; nothing when the tree has no desk at that level (the centre).
Result<int> NotifyDeskReport(Transaction& tx, const Notifier& notifier, const RegionTree& regions, const EventRow& root,
                             const DeskReport& report) {
  const Region* from = regions.Find(report.from_region);
  const Region* to = regions.AncestorAt(report.from_region, report.to);
  if (from == nullptr || to == nullptr) return 0;
  const std::vector<ErrorArg> args{
      {"from", from->name},
      {"to", to->name},
      {"title", root.title},
      {"channel", i18n::Render(i18n::Locale::kZhCn, std::string("notify.channel.") + ChannelCode(report.channel))},
      {"at", FormatShanghai(report.reported_at)}};
  return notifier.Enqueue(tx, {.kind = "desk_report.recorded",
                               .region = to->code,
                               .cause = "desk_report:" + std::to_string(report.id),
                               .event = &root,
                               .subject = i18n::Render(i18n::Locale::kZhCn, "notify.desk_report.subject", args),
                               .text = i18n::Render(i18n::Locale::kZhCn, "notify.desk_report.text", args)});
}

// A time the officer states (`at`): a minute's grace for the officer's watch; nothing done
// before the event happened.
Status CheckStatedTime(TimePoint at, TimePoint now, std::optional<TimePoint> occurred_at) {
  if (at > now + std::chrono::minutes(1)) {
    return Fail(Error::Invalid({{"time_in_future", "at", {{"value", FormatShanghai(at)}}}}));
  }
  if (occurred_at && at < *occurred_at) {
    return Fail(Error::Invalid(
        {{"before_occurrence", "at", {{"value", FormatShanghai(at)}, {"occurred_at", FormatShanghai(*occurred_at)}}}}));
  }
  return {};
}

}  // namespace

Result<DeskReport> DeskReportService::Record(const Principal& who, EventId event_id, const DeskReportDraft& draft) {
  auto dir = directory_.Get();
  const Region* desk = dir->regions.Find(who.region);
  if (who.role != Role::kDesk || desk == nullptr) return Fail(Error::Denied(UnknownEvent(event_id)));
  std::vector<FieldError> problems;
  CheckDraft(draft, desk->level, limits_, problems);
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  DeskReport report;
  report.from_region = desk->code;
  report.to = *ParseLevel(draft.to);
  report.channel = *ParseChannel(draft.channel);
  report.told = draft.told;
  report.text = draft.text;
  report.recorded_by = who.name;
  int enqueued = 0;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto root = RootEvent(tx, event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(event_id)); !s) return s;
    const TimePoint now = tx.Now();
    report.recorded_at = now;
    report.reported_at = draft.at.value_or(now);
    if (auto s = CheckStatedTime(report.reported_at, now, root->occurred_at); !s) return s;
    report.event_id = root->id;
    auto id = tx.InsertDeskReport(report);
    if (!id) return Fail(id.error());
    report.id = *id;
    if (auto s = tx.Publish(ChangeRecord{.type = "desk_report",
                                         .event_id = root->id,
                                         .kind = std::string(ChannelCode(report.channel)),
                                         .region = root->region});
        !s) {
      return s;
    }
    if (auto s = tx.Audit("user:" + who.name, "event.desk_report", "event:" + std::to_string(root->id),
                          {{"id", *id},
                           {"from_region", report.from_region},
                           {"to", LevelCode(report.to)},
                           {"channel", ChannelCode(report.channel)},
                           {"at", FormatShanghai(report.reported_at)},
                           {"told", report.told},
                           {"text", report.text}});
        !s) {
      return s;
    }
    // The shift's own action, in the desk's duty log as it happens.
    const std::string told = i18n::Render(
        i18n::Locale::kZhCn, "duty.log_text.desk_report",
        {{"to", std::string(LevelNameZh(report.to))},
         {"channel", i18n::Render(i18n::Locale::kZhCn, std::string("notify.channel.") + ChannelCode(report.channel))},
         {"told", report.told}});
    if (auto e = tx.InsertDutyLog({0, desk->code, "desk_report", root->id, told, report.reported_at, who.name, now});
        !e)
      return Fail(e.error());
    if (notifier_ == nullptr) return {};
    auto n = NotifyDeskReport(tx, *notifier_, dir->regions, *root, report);
    if (!n) return Fail(n.error());
    enqueued = *n;
    return {};
  });
  if (!written) return Fail(written.error());
  if (enqueued > 0) notifier_->Committed();
  return report;
}

Result<EventClosure> DeskReportService::Close(const Principal& who, EventId event_id, const std::string& reason,
                                              std::optional<TimePoint> at) {
  auto dir = directory_.Get();
  if (who.role != Role::kDesk || dir->regions.Find(who.region) == nullptr) {
    return Fail(Error::Denied(UnknownEvent(event_id)));
  }
  if (IsBlank(reason)) return Fail(Error::Invalid({{"missing_field", "reason", {}}}));
  if (reason.size() > limits_.max_reason) {
    return Fail(Error::Invalid({{"text_too_long", "reason", {{"max", std::to_string(limits_.max_reason)}}}}));
  }
  EventClosure closure;
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto root = RootEvent(tx, event_id, "id");
    if (!root) return Fail(root.error());
    if (auto s = CheckCanSee(tx, who, *root, *dir, "id", std::to_string(event_id)); !s) return s;
    auto earlier = tx.ClosuresOfEvent(root->id);
    if (!earlier) return Fail(earlier.error());
    if (!earlier->empty()) {
      const EventClosure& first = earlier->front();
      return Fail(Error::Make(
          ErrorCode::kConflict, "already_closed", "id",
          {{"value", std::to_string(root->id)}, {"at", FormatShanghai(first.at)}, {"by", first.closed_by}}));
    }
    closure = EventClosure{0, root->id, reason, who.name, at.value_or(tx.Now())};
    if (auto s = CheckStatedTime(closure.at, tx.Now(), root->occurred_at); !s) return s;
    auto id = tx.InsertClosure(closure);
    if (!id) return Fail(id.error());
    closure.id = *id;
    if (auto s = tx.Publish(ChangeRecord{.type = "closure", .event_id = root->id, .region = root->region}); !s)
      return s;
    if (auto e = tx.InsertDutyLog({0, who.region, "closure", root->id, reason, closure.at, who.name, tx.Now()}); !e)
      return Fail(e.error());
    return tx.Audit("user:" + who.name, "event.close", "event:" + std::to_string(root->id),
                    {{"id", *id}, {"reason", reason}, {"at", FormatShanghai(closure.at)}});
  });
  if (!written) return Fail(written.error());
  return closure;
}

Result<std::string> DeskReportService::Draft(const Principal& who, EventId event_id) {
  if (who.role != Role::kDesk) return Fail(Error::Denied(UnknownEvent(event_id)));
  auto detail = events_.Open(who, event_id);
  if (!detail) return Fail(detail.error());
  if (detail->access != EventAccess::kFull) return Fail(Error::Denied(UnknownEvent(event_id)));
  const Region* desk = detail->dir->regions.Find(who.region);
  std::string text = "关于" + detail->root.title + "的报告\n\n";
  if (const auto& e = detail->judgement.latest) {
    if (e->grade) text += "事件等级：" + std::string(GradeNameZh(*e->grade)) + "。";
    if (e->report_to) text += "按报送标准须报至" + std::string(LevelNameZh(*e->report_to)) + "。";
    if (e->grade || e->report_to) text += "\n\n";
  }
  text += detail->fusion.summary;
  // Signed as the event view names the desk (i18n "party.desk"): the text is a Chinese document.
  text +=
      "\n\n" + i18n::Render(i18n::Locale::kZhCn, "party.desk", {{"region", desk != nullptr ? desk->name : who.region}});
  text += "　" + fusion::ShortTimeZh(clock_.Now());
  return text;
}

}  // namespace shaobing
