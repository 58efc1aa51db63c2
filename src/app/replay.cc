#include "app/replay.h"

#include <stdlib.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>

#include "app/app.h"
#include "i18n/messages.h"
#include "loaders/data_files.h"
#include "standards/consultation_clocks.h"
#include "standards/obligation_status.h"

namespace shaobing {
namespace json = boost::json;

namespace {

// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "shaobing-replay-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Principal UnitPrincipal(const Unit& unit) {
  Principal p;
  p.name = "replay:" + unit.id;
  p.role = Role::kReporter;
  p.unit = unit.id;
  p.unit_kind = unit.kind;
  p.region = unit.region;
  return p;
}

Principal DeskPrincipal(const std::string& region) {
  Principal p;
  p.name = "replay:desk:" + region;
  p.role = Role::kDesk;
  p.region = region;
  return p;
}

json::object ObligationJson(const Obligation& o, const Fulfilments& fulfilments, TimePoint now,
                            const std::vector<ReportClock>& clocks) {
  const ObligationState state = StateOf(o, fulfilments, now);
  // Waived by a "do not report" decision after a consultation: never a missed report.
  const char* status = WaivedClockOf(o, clocks) != nullptr ? "waived" : ObligationStatusCode(state.status);
  return {
      {"owner", o.from.kind == PartyKind::kUnit ? o.from.id : "desk:" + o.from.region},
      {"to", LevelCode(o.to.level)},
      {"channel", ChannelCode(o.channel)},
      {"due_at", FormatShanghai(o.due_at)},
      {"fulfilled_at", state.fulfilled_at ? json::value(FormatShanghai(*state.fulfilled_at)) : json::value(nullptr)},
      {"status", status}};
}

json::value TextOrNull(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

// Runs the lines on one app; `labels` in order of first appearance.
class Replayer {
 public:
  Replayer(App& app, ManualClock& clock, const ReplayOptions& options)
      : app_(app), clock_(clock), options_(options), dir_(app.directory().Get()) {}

  Status Run(const ScenarioLine& line) {
    clock_.Set(line.at);
    switch (line.op) {
      case ScenarioOp::kReport:
        return Report(line);
      case ScenarioOp::kDeskReport:
        return DeskReport(line);
      case ScenarioOp::kRuling:
        return Ruling(line);
      case ScenarioOp::kConsultation:
        return Consultation(line);
      case ScenarioOp::kLead:
      case ScenarioOp::kRefute:
        return Fail(LineError(line, std::string("op ") + ScenarioOpCode(line.op) +
                                        " 尚不支持（not supported yet: it comes with the monitor and accountability "
                                        "capabilities）"));
    }
    return {};
  }

  shaobing::Result<json::object> Outcome(TimePoint until) {
    clock_.Set(until);
    json::array events;
    for (const auto& label : labels_) {
      auto detail = app_.events().OpenWhole(event_ids_.at(label));
      if (!detail) return Fail(detail.error());
      json::array obligations;
      for (const auto& o : detail->judgement.plan.obligations) {
        obligations.push_back(ObligationJson(o, detail->fulfilments, detail->now, detail->clocks));
      }
      events.push_back(json::object{{"event", label},
                                    {"grade", TextOrNull(detail->root.grade)},
                                    {"report_to", TextOrNull(detail->root.report_to)},
                                    {"obligations", std::move(obligations)}});
    }
    return json::object{{"events", std::move(events)}, {"findings", json::array()}};
  }

 private:
  Error LineError(const ScenarioLine& line, const std::string& detail) const {
    return Error::Make(ErrorCode::kInvalidArgument, "scenario_line", "",
                       {{"file", options_.scenario_file}, {"line", std::to_string(line.line)}, {"detail", detail}});
  }
  Error LineError(const ScenarioLine& line, const Error& e) const {
    return LineError(line, i18n::ErrorMessage(i18n::Locale::kZhCn, e));
  }

  shaobing::Result<EventId> EventOf(const ScenarioLine& line) const {
    const auto it = event_ids_.find(line.event);
    if (it == event_ids_.end()) {
      return Fail(LineError(line, "事件 " + line.event + " 尚无报告（no report has opened this event yet）"));
    }
    return it->second;
  }

  // The desk at the root of the gazetteer (the region's own), which asks units and rules.
  Principal RegionDesk() const { return DeskPrincipal(dir_->regions.Root().code); }

  Status Report(const ScenarioLine& line) {
    ReportDraft draft = *line.report;
    const Unit* unit = dir_->FindUnit(draft.unit);
    if (unit == nullptr) return Fail(LineError(line, "报送单位 " + draft.unit + " 不在单位名册中（unknown unit）"));
    if (auto it = event_ids_.find(line.event); it != event_ids_.end()) {
      draft.event_id = it->second;
    } else if (draft.kind != ReportKind::kFirst) {
      return Fail(LineError(line, "事件 " + line.event + " 尚无首报（a follow-up needs the event's first report）"));
    }
    auto accepted = app_.reports().SubmitAndWait(UnitPrincipal(*unit), draft);
    if (!accepted && draft.kind == ReportKind::kFirst && draft.event_id &&
        accepted.error().code == ErrorCode::kNotFound) {
      // A unit new to the event joins as a desk would have it: the region desk asks it first.
      auto asked = app_.reports().RequestReport(RegionDesk(), *draft.event_id, unit->id, "（场景）请就此事件报送");
      if (!asked) return Fail(LineError(line, asked.error()));
      accepted = app_.reports().SubmitAndWait(UnitPrincipal(*unit), draft);
    }
    if (!accepted) return Fail(LineError(line, accepted.error()));
    if (event_ids_.emplace(line.event, accepted->event_id).second) labels_.push_back(line.event);
    return {};
  }

  Status DeskReport(const ScenarioLine& line) {
    auto event = EventOf(line);
    if (!event) return Fail(event.error());
    DeskReportDraft draft;
    draft.to = LevelCode(line.to);
    draft.channel = ChannelCode(line.channel);
    draft.told = "（场景）";
    if (line.channel == Channel::kWritten) draft.text = "（场景）书面报告";
    draft.at = line.at;
    auto recorded = app_.desk_reports().Record(DeskPrincipal(line.from), *event, draft);
    if (!recorded) return Fail(LineError(line, recorded.error()));
    return {};
  }

  Status Ruling(const ScenarioLine& line) {
    auto event = EventOf(line);
    if (!event) return Fail(event.error());
    const auto* value = line.fields.if_contains("value");
    const auto* figure = line.fields.if_contains("figure");
    if (value == nullptr || !value->is_number() || figure == nullptr || !figure->is_string()) {
      return Fail(LineError(line, "ruling 须有 figure（数字项）与数值 value"));
    }
    const auto* reason = line.fields.if_contains("reason");
    const std::string why = reason != nullptr && reason->is_string() ? std::string(reason->get_string()) : "（场景）";
    auto ruled =
        app_.fusion().Resolve(RegionDesk(), *event, std::string(figure->get_string()), value->to_number<double>(), why);
    if (!ruled) return Fail(LineError(line, ruled.error()));
    return {};
  }

  // The desk's decision after 会商, held off the platform: recorded over the consultation
  // service by the desk of the event's own region (the lowest desk that sees it), so that a
  // "do not report" waives every desk's open clocks on it (the units' stay owed).
  Status Consultation(const ScenarioLine& line) {
    auto event = EventOf(line);
    if (!event) return Fail(event.error());
    const auto* decision = line.fields.if_contains("decision");
    const auto* reason = line.fields.if_contains("reason");
    if (decision == nullptr || !decision->is_string() || reason == nullptr || !reason->is_string()) {
      return Fail(LineError(line, "consultation 须有 decision（report、do_not_report、escalate、watch）与 reason"));
    }
    auto detail = app_.events().OpenWhole(*event);
    if (!detail) return Fail(LineError(line, detail.error()));
    auto recorded =
        app_.consultations().RecordHeld(DeskPrincipal(detail->root.region), *event, std::string(decision->get_string()),
                                        std::string(reason->get_string()));
    if (!recorded) return Fail(LineError(line, recorded.error()));
    return {};
  }

  App& app_;
  ManualClock& clock_;
  const ReplayOptions& options_;
  std::shared_ptr<const DirectorySnapshot> dir_;
  std::map<std::string, EventId> event_ids_;
  std::vector<std::string> labels_;
};

}  // namespace

Result<json::object> RunReplay(const std::vector<ScenarioLine>& lines, const ReplayOptions& options) {
  TempDir temp;
  if (temp.path().empty()) {
    return Fail(Error::Make(ErrorCode::kInternal, "file_error", "",
                            {{"file", std::filesystem::temp_directory_path().string()},
                             {"detail", "无法创建临时目录（cannot create a temporary directory）"}}));
  }
  const TimePoint start = lines.empty() ? TimePoint{} : lines.front().at;
  ManualClock clock(start);
  AppConfig config;
  config.data_dir = temp.path() + "/data";
  config.files_dir = options.files_dir;
  config.clock = &clock;
  config.housekeeping_every = std::chrono::hours(24 * 365);
  auto app = App::Build(std::move(config));
  if (!app) return Fail(app.error());
  if (options.catalogue) {
    if (auto published = (*app)->standards().Publish(*options.catalogue, "replay"); !published) {
      return Fail(published.error());
    }
  }
  Replayer replayer(**app, clock, options);
  for (const auto& line : lines) {
    if (auto s = replayer.Run(line); !s) return Fail(s.error());
  }
  const TimePoint until = options.until.value_or(lines.empty() ? start : lines.back().at + std::chrono::hours(24 * 7));
  auto result = replayer.Outcome(until);
  (*app)->Stop();
  return result;
}

}  // namespace shaobing
