#include "app/cli.h"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include "api/views.h"
#include "app/app.h"
#include "app/data_files.h"
#include "app/demo.h"
#include "core/report_json.h"
#include "i18n/messages.h"
#include "api/judgement_json.h"
#include "standards/catalogue_loader.h"
#include "standards/evaluation_json.h"
#include "standards/load_error.h"
#include "simulate/eval_link.h"
#include "simulate/simulator.h"
#include "store/audit_chain.h"

namespace shaobing {
namespace json = boost::json;

namespace {

constexpr int kBadInput = 2;

int Die(const Error& e, int status = kBadInput) {
  std::cerr << "shaobing: " << i18n::ErrorMessage(i18n::Locale::kZhCn, e) << "\n";
  return status;
}

void PrintJson(const json::value& v) { std::cout << json::serialize(v) << std::endl; }

// Splits "HOST:PORT".
bool ParseListen(const std::string& listen, api::HttpServerOptions& http) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  http.host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  const int p = std::stoi(port);
  if (p > 65535) return false;
  http.port = static_cast<std::uint16_t>(p);
  return !http.host.empty();
}

std::string DefaultWebRoot() {
  const std::string built = std::string(SHAOBING_SOURCE_DIR) + "/web/dist";
  return std::filesystem::exists(built + "/index.html") ? built : "";
}

Result<std::unique_ptr<App>> OpenApp(const std::string& data_dir, const std::string& files_dir) {
  AppConfig config;
  config.data_dir = data_dir;
  config.files_dir = files_dir;
  return App::Build(config);
}

Result<Principal> PrincipalByName(App& app, const std::string& name) {
  auto user = app.store().FindUser(name);
  if (!user) return Fail(user.error());
  if (!*user) return Fail(Error::Make(ErrorCode::kInvalidArgument, "unknown_user", "user", {{"value", name}}));
  return app.auth().PrincipalOf(**user);
}

std::atomic<int> g_signal{0};

int Serve(const std::string& listen, const std::string& data_dir, const std::string& files_dir,
          std::string web_root, bool demo) {
  AppConfig config;
  config.data_dir = data_dir;
  config.files_dir = files_dir;
  config.web_root = web_root.empty() ? DefaultWebRoot() : web_root;
  if (!ParseListen(listen, config.http)) {
    return Die(Error::Make(ErrorCode::kInvalidArgument, "invalid_value", "listen",
                           {{"value", listen}, {"allowed", "HOST:PORT"}}));
  }
  std::optional<DemoSeedResult> seeded;
  if (demo) {
    auto r = SeedDemo(data_dir, files_dir, std::chrono::floor<std::chrono::minutes>(SystemClock().Now()));
    if (!r) return Die(r.error());
    seeded = *r;
  }
  auto app = App::Build(config);
  if (!app) return Die(app.error());
  // Block the stop signals in every thread; this one waits for them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  if (auto s = (*app)->Start(); !s) return Die(s.error());
  const std::string url = "http://" + config.http.host + ":" + std::to_string((*app)->port()) + "/";
  std::cout << i18n::Render(i18n::Locale::kZhCn, "cli.served", {{"url", url}}) << std::endl;
  if (seeded) {
    std::cout << i18n::Render(i18n::Locale::kZhCn, "cli.demo_accounts") << std::endl;
    for (const auto& a : seeded->accounts) {
      std::cout << "  " << a.name << " / " << a.password << " / " << a.role << "  " << a.display << std::endl;
    }
  }
  int sig = 0;
  sigwait(&signals, &sig);
  std::cout << i18n::Render(i18n::Locale::kZhCn, "cli.shutdown") << std::endl;
  (*app)->Stop();
  return 0;
}

int AuditVerify(const std::string& data_dir) {
  if (!std::filesystem::exists(data_dir + "/shaobing.db")) {
    return Die(Error::Make(ErrorCode::kInvalidArgument, "file_error", "data",
                           {{"file", data_dir + "/shaobing.db"}, {"detail", "no database"}}));
  }
  auto app = OpenApp(data_dir, "");
  if (!app) return Die(app.error());
  std::string prev = kGenesisHash;
  std::int64_t next = 1;
  for (;;) {
    auto page = (*app)->store().ReadAudit(next - 1, 10000);
    if (!page) return Die(page.error(), 1);
    if (page->empty()) break;
    if (auto s = VerifyChain(*page, prev, next); !s) {
      PrintJson(json::object{{"records", next - 1}, {"ok", false}, {"broken_at", std::stoll(s.error().args[0].value)}});
      std::cerr << "shaobing: " << i18n::ErrorMessage(i18n::Locale::kZhCn, s.error()) << "\n";
      return 1;
    }
  }
  PrintJson(json::object{{"records", next - 1}, {"ok", true}});
  return 0;
}

// Reads a whole stream.
std::string ReadAll(std::istream& in) {
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Result<Catalogue> LoadCatalogueFile(const std::string& file) {
  auto text = ReadTextFile(file);
  if (!text) return Fail(text.error());
  auto catalogue = LoadCatalogue(*text, std::filesystem::path(file).filename().string());
  if (!catalogue) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "catalogue_invalid", "catalogue",
                            {{"detail", FormatLoadError(catalogue.error())}}));
  }
  return catalogue;
}

Result<RegionTree> LoadGazetteer(const std::string& files_dir) {
  const std::string regions_file = DataPath(files_dir, "regions/ningxia.yaml");
  auto text = ReadTextFile(regions_file);
  if (!text) return Fail(text.error());
  auto regions = ParseRegionsYaml(*text, regions_file);
  if (!regions) return Fail(regions.error());
  return RegionTree::Build(std::move(*regions));
}

// shaobing classify: one report on stdin → the CONTRACTS.md §3 judgement on stdout. Needs no
// database: the gazetteer and the catalogue come from the data files.
int Classify(const std::string& catalogue_file, const std::string& at, const std::string& files_dir) {
  const std::string file = catalogue_file.empty() ? DataPath(files_dir, "standards/default.yaml") : catalogue_file;
  auto catalogue = LoadCatalogueFile(file);
  if (!catalogue) return Die(catalogue.error());
  auto tree = LoadGazetteer(files_dir);
  if (!tree) return Die(tree.error());
  std::optional<TimePoint> when;
  if (!at.empty()) {
    when = ParseIsoTime(at);
    if (!when) return Die(Error::Make(ErrorCode::kInvalidArgument, "invalid_time", "--at", {{"value", at}}));
  }
  auto draft = ParseReport(ReadAll(std::cin), *tree, {.require_fields = false});
  if (!draft) return Die(draft.error());
  EventFacts facts = FactsFromDraft(*draft);
  for (const Region* r : tree->Lineage(facts.region)) facts.region_lineage.push_back(r->code);
  // --at: judge as at that moment (the calendar of sensitive times and the rules in force
  // then) when the report itself does not say when it happened.
  if (when && !facts.occurred_at) facts.occurred_at = when;
  PrintJson(EvaluationToJson(Evaluate(*catalogue, facts)));
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  InitCrypto();
  CLI::App cli{"哨兵 Shaobing — 紧急信息报送与研判平台 / emergency information reporting and analysis"};
  cli.require_subcommand(1);
  std::string data_dir, files_dir, listen = "127.0.0.1:8080", web_root;
  bool demo = false;

  auto* serve = cli.add_subcommand("serve", "启动服务 / serve the API and the web app");
  serve->add_option("--listen", listen, "HOST:PORT");
  serve->add_option("--data", data_dir, "数据目录（SQLite 数据库）/ data directory")->required();
  serve->add_option("--files", files_dir, "区划、单位、演示数据文件目录 / data files directory");
  serve->add_option("--web", web_root, "前端构建目录 / built web app");
  serve->add_flag("--demo", demo, "载入演示数据 / seed the demo region");

  auto* migrate = cli.add_subcommand("migrate", "迁移数据库 / apply database migrations");
  migrate->add_option("--data", data_dir)->required();

  auto* user = cli.add_subcommand("user", "账号 / accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "新增账号（密码从标准输入读取）/ add an account, password on stdin");
  std::string name, role, unit, region, display;
  user_add->add_option("--data", data_dir)->required();
  user_add->add_option("--name", name)->required();
  user_add->add_option("--role", role)->required();
  user_add->add_option("--unit", unit);
  user_add->add_option("--region", region);
  user_add->add_option("--display", display);
  user_add->add_option("--files", files_dir);

  auto* audit = cli.add_subcommand("audit", "审计日志 / audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand("verify", "校验哈希链 / verify the hash chain");
  audit_verify->add_option("--data", data_dir)->required();

  auto* import_units = cli.add_subcommand("import-units", "导入单位名册（YAML 或 CSV）/ import units");
  std::string file;
  import_units->add_option("FILE", file)->required();
  import_units->add_option("--data", data_dir)->required();
  import_units->add_option("--files", files_dir);

  auto* report = cli.add_subcommand("report", "报告 / reports");
  report->require_subcommand(1);
  auto* report_submit = report->add_subcommand("submit", "以某账号提交报告 / submit a report as an account");
  std::string as_user;
  report_submit->add_option("FILE", file)->required();
  report_submit->add_option("--data", data_dir)->required();
  report_submit->add_option("--user", as_user, "提交账号 / account name")->required();
  report_submit->add_option("--files", files_dir);

  auto* event = cli.add_subcommand("event", "事件 / events");
  event->require_subcommand(1);
  auto* event_show = event->add_subcommand("show", "显示事件及其报告 / show an event with its reports");
  std::int64_t event_id = 0;
  event_show->add_option("ID", event_id)->required();
  event_show->add_option("--data", data_dir)->required();

  auto* classify = cli.add_subcommand("classify", "按报送标准研判一份报告（标准输入）/ classify a report from stdin");
  std::string catalogue_file, at;
  classify->add_option("--catalogue", catalogue_file, "报送标准目录 YAML / catalogue file");
  classify->add_option("--at", at, "研判时刻（ISO 8601，带时区）/ judge as at this time");
  classify->add_option("--files", files_dir);

  auto* standards = cli.add_subcommand("standards", "报送标准目录 / reporting-standard catalogue");
  standards->require_subcommand(1);
  auto* standards_check = standards->add_subcommand("check", "校验目录文件 / validate a catalogue file");
  standards_check->add_option("FILE", file)->required();

  auto* eval = cli.add_subcommand("eval", "评测 / evaluation");
  eval->require_subcommand(1);
  auto* eval_link = eval->add_subcommand("link", "评测报告归并 / evaluate report-to-event linking");
  std::string reports_file, truth_file;
  eval_link->add_option("--reports", reports_file, "报告 NDJSON / reports")->required();
  eval_link->add_option("--truth", truth_file, "真值 NDJSON / truth")->required();
  eval_link->add_option("--files", files_dir);

  auto* simulate = cli.add_subcommand("simulate", "生成模拟事件与报告 / generate a simulated scenario");
  simulate::SimulatorOptions sim;
  std::string out_dir;
  simulate->add_option("--seed", sim.seed);
  simulate->add_option("--events", sim.events);
  simulate->add_option("--days", sim.days);
  simulate->add_option("--wording", sim.wording_mix, "0 或 1 / 0 or 1")->check(CLI::Range(0, 1));
  simulate->add_option("--out", out_dir, "输出目录 / output directory")->required();
  simulate->add_option("--files", files_dir);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kBadInput;
  }

  if (serve->parsed()) return Serve(listen, data_dir, files_dir, web_root, demo);
  if (classify->parsed()) return Classify(catalogue_file, at, files_dir);
  if (eval_link->parsed() || simulate->parsed()) {
    auto tree = LoadGazetteer(files_dir);
    if (!tree) return Die(tree.error());
    if (simulate->parsed()) {
      auto reports = simulate::Simulate(*tree, sim);
      if (auto s = simulate::WriteSimulation(reports, out_dir); !s) return Die(s.error());
      PrintJson(json::object{{"reports", reports.size()}, {"events", sim.events}, {"out", out_dir}});
      return 0;
    }
    auto result = simulate::EvalLink(reports_file, truth_file, *tree);
    if (!result) return Die(result.error());
    PrintJson(*result);
    return 0;
  }
  if (standards_check->parsed()) {
    auto catalogue = LoadCatalogueFile(file);
    if (!catalogue) return Die(catalogue.error());
    PrintJson(json::object{{"ok", true}, {"version", catalogue->version()}, {"rules", catalogue->spec().rules.size()}});
    return 0;
  }

  if (migrate->parsed()) {
    std::filesystem::create_directories(data_dir);
    auto v = SqliteStore::Migrate(data_dir + "/shaobing.db");
    if (!v) return Die(v.error());
    PrintJson(json::object{{"version", *v}});
    return 0;
  }

  if (user_add->parsed()) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto app = OpenApp(data_dir, files_dir);
    if (!app) return Die(app.error());
    auto id = (*app)->auth().AddUser({name, display, password, role, unit, region}, "cli");
    if (!id) return Die(id.error());
    PrintJson(json::object{{"id", *id}});
    return 0;
  }

  if (audit_verify->parsed()) return AuditVerify(data_dir);

  if (import_units->parsed()) {
    auto app = OpenApp(data_dir, files_dir);
    if (!app) return Die(app.error());
    auto units = LoadUnitsFile(file, (*app)->directory().Get()->regions);
    if (!units) return Die(units.error());
    if (auto s = (*app)->registry().ImportUnits(*units, "cli"); !s) return Die(s.error());
    PrintJson(json::object{{"imported", units->size()}});
    return 0;
  }

  if (report_submit->parsed()) {
    auto app = OpenApp(data_dir, files_dir);
    if (!app) return Die(app.error());
    auto text = ReadTextFile(file);
    if (!text) return Die(text.error());
    auto draft = ParseReport(*text, (*app)->directory().Get()->regions);
    if (!draft) return Die(draft.error());
    auto who = PrincipalByName(**app, as_user);
    if (!who) return Die(who.error());
    auto accepted = (*app)->reports().SubmitAndWait(*who, std::move(*draft));
    if (!accepted) return Die(accepted.error());
    PrintJson(json::object{{"id", accepted->id}, {"event_id", accepted->event_id}, {"sequence", accepted->sequence}});
    return 0;
  }

  if (event_show->parsed()) {
    auto app = OpenApp(data_dir, "");
    if (!app) return Die(app.error());
    auto e = (*app)->store().GetEvent(event_id);
    if (!e) return Die(e.error());
    if (!*e) {
      return Die(Error::Make(ErrorCode::kNotFound, "unknown_event", "ID", {{"value", std::to_string(event_id)}}));
    }
    auto reports = (*app)->store().ReportsOfEvent(event_id);
    if (!reports) return Die(reports.error());
    auto records = (*app)->store().EvaluationsOfEvent(event_id);
    if (!records) return Die(records.error());
    auto adjustments = (*app)->store().SensitiveAdjustmentsOfEvent(event_id);
    if (!adjustments) return Die(adjustments.error());
    auto dir = (*app)->directory().Get();
    auto view = api::EventJson(**e, *reports, *dir, i18n::Locale::kZhCn);
    api::AddJudgement(view, JudgeEvent(**e, *reports, *records, *adjustments, (*app)->standards(), *dir), *reports, *dir,
                      SystemClock().Now(), i18n::Locale::kZhCn);
    PrintJson(view);
    return 0;
  }
  return kBadInput;
}

}  // namespace shaobing
