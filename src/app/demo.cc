#include "app/demo.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <map>

#include "app/app.h"
#include "app/data_dir.h"
#include "app/data_layout.h"
#include "app/demo_duty.h"
#include "app/demo_history.h"
#include "app/demo_roster.h"
#include "core/report_json.h"
#include "core/utf8.h"
#include "i18n/messages.h"
#include "loaders/data_files.h"

namespace shaobing {
namespace json = boost::json;

namespace {

struct ScenarioReport {
  std::string event_key, key, as;
  long offset = 0;
  YAML::Node report;
  bool link = false;  // a first report left to the linker (no event_id), as a department sends it
};

Error DemoError(const std::string& file, int line, const std::string& detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "file_syntax", "",
                     {{"file", file}, {"line", std::to_string(line)}, {"detail", detail}});
}

Result<std::vector<DemoAccount>> LoadAccounts(const std::string& file) {
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  return ParseDemoAccounts(*text, file);
}

// Demo accounts have published passwords: they are made only in a directory that is, or
// becomes, a demo one — never among real data. Marks an empty store as a demo one;
// kInvalidArgument "not_demo_data" for a store that holds users or events and is not one.
Status ClaimForDemo(Store& store, const std::string& db_dir) {
  auto demo = store.GetSetting(kDemoDataSetting);
  if (!demo) return Fail(demo.error());
  if (demo->has_value()) return {};
  auto users = store.ListUsers();
  if (!users) return Fail(users.error());
  auto events = store.ListEvents({.limit = 1, .unrestricted = true});
  if (!events) return Fail(events.error());
  if (!users->empty() || !events->empty()) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "not_demo_data", "data", {{"dir", db_dir}}));
  }
  auto marked = store.Write([](Transaction& tx) -> Status {
    if (auto s = tx.SetSetting(kDemoDataSetting, "1"); !s) return s;
    return tx.Audit("system", "settings.demo_data", "settings", {{"value", "1"}});
  });
  return marked ? Status{} : Fail(marked.error());
}

// Creates the accounts "before" the scenario starts (a week before `now`); returns each
// account's principal by name.
Result<std::map<std::string, Principal>> CreateAccounts(App& app, ManualClock& clock,
                                                        const std::vector<DemoAccount>& accounts, TimePoint now) {
  std::map<std::string, Principal> principals;
  for (const auto& a : accounts) {
    NewUser u{a.name, a.display, a.password, a.role, a.unit, a.region, false, "demo"};
    clock.Set(now - std::chrono::hours(24 * 7));
    auto id = app.auth().AddUser(u, "system");
    if (!id) return Fail(id.error());
    auto user = app.store().GetUser(*id);
    auto principal = app.auth().PrincipalOf(*user.value());
    if (!principal) return Fail(principal.error());
    principals[u.name] = *principal;
  }
  return principals;
}

// The scenario's reports (data/demo/scenario.yaml), in order of receipt across events.
Result<std::vector<ScenarioReport>> ReadScenario(const std::string& scenario_file) {
  auto text = ReadTextFile(scenario_file);
  if (!text) return Fail(text.error());
  std::vector<ScenarioReport> all;
  try {
    for (const auto& ev : YAML::Load(*text)["events"]) {
      for (const auto& r : ev["reports"]) {
        all.push_back({ev["key"].as<std::string>(), r["key"].as<std::string>(), r["as"].as<std::string>(),
                       r["received_offset_minutes"].as<long>(), r["report"], r["link"] && r["link"].as<bool>()});
      }
    }
  } catch (const YAML::Exception& e) {
    return Fail(DemoError(scenario_file, e.mark.line + 1, e.msg));
  }
  // Sort positions, not the entries: assigning a YAML::Node writes through to the node it
  // refers to instead of rebinding it.
  std::vector<size_t> order(all.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return all[a].offset < all[b].offset; });
  std::vector<ScenarioReport> sorted;
  sorted.reserve(all.size());
  for (size_t position : order) sorted.push_back(all[position]);
  return sorted;
}

// Submits the scenario's reports as their accounts, each at its moment (the clock set to
// `now` + its offset). Returns the number of events the scenario's reports landed on.
Result<int> ReplayScenario(App& app, ManualClock& clock, const std::map<std::string, Principal>& principals,
                           const std::vector<ScenarioReport>& scenario, const std::string& scenario_file, TimePoint now,
                           DemoSeedResult& result) {
  std::map<std::string, EventId> event_ids;
  std::map<std::string, ReportId> report_ids;
  std::map<std::string, EventId> unit_events;  // "event key|unit" -> the event its series is on
  auto dir = app.directory().Get();
  for (const ScenarioReport& r : scenario) {
    const int line = r.report.Mark().line + 1;
    json::object body = YamlToJson(r.report).as_object();
    if (auto* occurred = body.if_contains("occurred_offset_minutes")) {
      const auto minutes = occurred->to_number<std::int64_t>();
      body.erase("occurred_offset_minutes");
      body["occurred_at"] = FormatShanghai(now + std::chrono::minutes(minutes));
    }
    // Later units' first reports join the event the scenario groups them under, unless left to
    // the linker ("link: true"); follow-ups always name their event.
    const bool to_linker = r.link && body.contains("kind") && body.at("kind") == "first";
    if (auto it = event_ids.find(r.event_key); it != event_ids.end() && !to_linker) body["event_id"] = it->second;
    const std::string unit =
        body.contains("unit") && body.at("unit").is_string() ? std::string(body.at("unit").as_string()) : "";
    if (auto it = unit_events.find(r.event_key + "|" + unit); it != unit_events.end() && !to_linker) {
      body["event_id"] = it->second;  // where the linker put this unit's series
    }
    if (auto* sup = body.if_contains("supersedes")) body["supersedes"] = report_ids.at(std::string(sup->as_string()));
    auto draft = ParseReportValue(body, dir->regions);
    if (!draft) {
      return Fail(DemoError(scenario_file, line,
                            "report " + r.key + ": " + i18n::ErrorMessage(i18n::Locale::kZhCn, draft.error())));
    }
    auto who = principals.find(r.as);
    if (who == principals.end()) return Fail(DemoError(scenario_file, line, "unknown account " + r.as));
    clock.Set(now + std::chrono::minutes(r.offset));
    auto accepted = app.reports().SubmitAndWait(who->second, std::move(*draft));
    if (!accepted) {
      return Fail(DemoError(scenario_file, line,
                            "report " + r.key + ": " + i18n::ErrorMessage(i18n::Locale::kZhCn, accepted.error())));
    }
    event_ids.emplace(r.event_key, accepted->event_id);
    unit_events[r.event_key + "|" + unit] = accepted->event_id;
    report_ids[r.key] = accepted->id;
    ++result.reports;
  }
  return static_cast<int>(event_ids.size());
}

}  // namespace

Result<std::vector<DemoAccount>> ParseDemoAccounts(const std::string& text, const std::string& file) {
  if (const size_t at = InvalidUtf8At(text); at != std::string::npos) {
    return Fail(DemoError(file, LineAt(text, at), "not UTF-8 text; save the file as UTF-8"));
  }
  try {
    std::vector<DemoAccount> out;
    for (const auto& n : YAML::Load(text)["accounts"]) {
      auto optional = [&n](const char* key) { return n[key] ? n[key].as<std::string>() : std::string(); };
      out.push_back({n["name"].as<std::string>(), n["password"].as<std::string>(), n["role"].as<std::string>(),
                     optional("display"), optional("unit"), optional("region")});
    }
    // SeedDemo starts from the first account.
    if (out.empty()) return Fail(DemoError(file, 1, "missing list 'accounts' (at least one account)"));
    return out;
  } catch (const YAML::Exception& e) {
    return Fail(DemoError(file, e.mark.line + 1, e.msg));
  }
}

Result<DemoSeedResult> SeedDemo(const std::string& db_dir, const std::string& files_dir, TimePoint now,
                                const AuditAnchorOptions& audit_anchor) {
  // The same composition as the server's, on a clock the replay sets to each report's moment.
  ManualClock clock(now);
  AppConfig config;
  config.data_dir = db_dir;
  config.files_dir = files_dir;
  config.clock = &clock;
  config.audit_anchor = audit_anchor;
  auto app = App::Build(std::move(config));
  if (!app) return Fail(app.error());
  if (auto s = ClaimForDemo((*app)->store(), db_dir); !s) return Fail(s.error());

  DemoSeedResult result;
  auto accounts = LoadAccounts(DataPath(files_dir, kDemoAccountsFile));
  if (!accounts) return Fail(accounts.error());
  result.accounts = *accounts;
  auto existing = (*app)->store().FindUser(accounts->front().name);
  if (!existing) return Fail(existing.error());
  if (*existing) {
    result.already_seeded = true;
    return result;
  }
  auto principals = CreateAccounts(**app, clock, *accounts, now);
  if (!principals) return Fail(principals.error());

  // A simulated week of multi-department history before the scenario begins.
  const auto history = SeedDemoHistory((*app)->reports(), clock, *(*app)->directory().Get(), principals->at("desk"),
                                       now - std::chrono::hours(24 * 11), now - std::chrono::hours(24 * 4), 40);
  result.history_reports = history.accepted;
  result.reports += history.accepted;

  const std::string scenario_file = DataPath(files_dir, kDemoScenarioFile);
  auto scenario = ReadScenario(scenario_file);
  if (!scenario) return Fail(scenario.error());
  auto events = ReplayScenario(**app, clock, *principals, *scenario, scenario_file, now, result);
  if (!events) return Fail(events.error());
  result.events = *events;
  // The desks reported upward, followed up and closed as a real desk would have.
  clock.Set(now);
  auto duty = SeedDemoDuty(**app, now);
  if (!duty) return Fail(duty.error());
  // Who is on duty at the demo's desks, over its days and the week ahead.
  if (auto roster = SeedDemoRoster(**app, now); !roster) return Fail(roster.error());
  (*app)->Stop();
  return result;
}

}  // namespace shaobing
