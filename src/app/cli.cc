#include "app/cli.h"

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <csignal>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "app/data_layout.h"
#include "app/demo.h"
#include "app/install_paths.h"
#include "app/replay.h"
#include "app/serve_config.h"
#include "app/upgrade.h"
#include "core/report_json.h"
#include "i18n/messages.h"
#include "loaders/data_files.h"
#include "loaders/scenario.h"
#include "simulate/eval_link.h"
#include "simulate/simulator.h"
#include "standards/catalogue_loader.h"
#include "standards/evaluation_json.h"
#include "standards/load_error.h"
#include "store/audit_verify.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_store.h"
#include "views/event_view.h"

namespace shaobing {
namespace json = boost::json;

namespace {

constexpr int kBadInput = 2;

int Die(const Error& e, int status = kBadInput) {
  std::cerr << "shaobing: " << i18n::ErrorMessage(i18n::Locale::kZhCn, e) << "\n";
  return status;
}

void PrintJson(const json::value& v) { std::cout << json::serialize(v) << std::endl; }

// Runs `job` on the data directory's store (migrated and anchored as the server's), opened
// and closed around it.
Status WriteToDataDir(const std::string& data_dir, const AuditAnchorOptions& anchor, WriteJob job) {
  SystemClock clock;
  auto store = SqliteStore::Open({.path = data_dir + "/shaobing.db", .clock = &clock, .audit_anchor = anchor});
  if (!store) return Fail(store.error());
  auto s = (*store)->Write(std::move(job));
  (*store)->Close();
  return s;
}

Result<std::unique_ptr<App>> OpenApp(const std::string& data_dir, const std::string& files_dir,
                                     const AuditAnchorOptions& audit_anchor) {
  AppConfig config;
  config.data_dir = data_dir;
  config.files_dir = files_dir;
  config.audit_anchor = audit_anchor;
  return App::Build(config);
}

Result<Principal> PrincipalByName(App& app, const std::string& name) {
  auto user = app.store().FindUser(name);
  if (!user) return Fail(user.error());
  if (!*user) return Fail(Error::Make(ErrorCode::kInvalidArgument, "unknown_user", "user", {{"value", name}}));
  return app.auth().PrincipalOf(**user);
}

// Lifts the soft limit on open descriptors to the hard one (often 1024 against 524288 under
// systemd), so that the server's connection limits are met before the process runs out of
// descriptors.
void RaiseDescriptorLimit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

int Serve(ServeSettings settings) {
  // Block the stop signals before any thread starts (the demo seeding and App::Build start
  // the store's threads), so that every thread inherits the mask and only this one, waiting
  // in sigwait below, takes them: a stop is always the graceful one.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  log::Configure(settings.log_format, stdout);
  AppConfig config = std::move(settings.app);
  if (config.data_dir.empty()) {
    return Die(
        Error::Make(ErrorCode::kInvalidArgument, "missing_field", "--data", {}));  // nor `data:` in a --config file
  }
  if (config.web_root.empty()) config.web_root = ShippedWebRoot();
  if (!ParseListen(settings.listen, config.http)) {
    return Die(Error::Make(ErrorCode::kInvalidArgument, "invalid_value", "listen",
                           {{"value", settings.listen}, {"allowed", "HOST:PORT"}}));
  }
  const std::string& data_dir = config.data_dir;
  const std::string& files_dir = config.files_dir;
  const AuditAnchorOptions& audit_anchor = config.audit_anchor;
  const bool demo = settings.demo;
  std::optional<DemoSeedResult> seeded;
  if (demo) {
    auto r = SeedDemo(data_dir, files_dir, std::chrono::floor<std::chrono::minutes>(SystemClock().Now()), audit_anchor);
    if (!r) return Die(r.error());
    seeded = *r;
  }
  RaiseDescriptorLimit();
  auto app = App::Build(config);
  if (!app) return Die(app.error());
  if (auto s = (*app)->Start(); !s) return Die(s.error());
  const std::string url = "http://" + config.http.host + ":" + std::to_string((*app)->port()) + "/";
  // stdout carries the log only (log/json_log.h); what a person starting the server reads —
  // the address, the demo accounts — goes to stderr.
  log::Write("listening", {{"url", url}, {"data", data_dir}, {"demo", demo}});
  std::cerr << i18n::Render(i18n::Locale::kZhCn, "cli.served", {{"url", url}}) << std::endl;
  if (seeded) {
    if (!seeded->already_seeded) {
      std::cerr << i18n::Render(i18n::Locale::kZhCn, "cli.demo_seeded",
                                {{"reports", std::to_string(seeded->reports)},
                                 {"history", std::to_string(seeded->history_reports)}})
                << std::endl;
    }
    std::cerr << i18n::Render(i18n::Locale::kZhCn, "cli.demo_accounts") << std::endl;
    for (const auto& a : seeded->accounts) {
      std::cerr << "  " << a.name << " / " << a.password << " / " << a.role << "  " << a.display << std::endl;
    }
  }
  int sig = 0;
  sigwait(&signals, &sig);
  log::Write("shutdown", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  std::cerr << i18n::Render(i18n::Locale::kZhCn, "cli.shutdown") << std::endl;
  (*app)->Stop();
  log::Write("stopped", {});
  return 0;
}

// CONTRACTS.md §3: {"records", "ok"} and, since the chain is anchored outside the database,
// "anchored_seq" and "unanchored"; on a finding exit 1 with "broken_at" (when it names a
// record), "reason", and the message on stderr.
int AuditVerify(const std::string& data_dir, const AuditAnchorOptions& audit_anchor) {
  if (!std::filesystem::exists(data_dir + "/shaobing.db")) {
    return Die(Error::Make(ErrorCode::kInvalidArgument, "file_error", "data",
                           {{"file", data_dir + "/shaobing.db"}, {"detail", "没有数据库 / no database"}}));
  }
  auto app = OpenApp(data_dir, "", audit_anchor);
  if (!app) return Die(app.error());
  auto check = VerifyAnchoredChain((*app)->store(), (*app)->sqlite_store().audit_anchor());
  if (!check) return Die(check.error(), 1);
  json::object out{{"records", check->records},
                   {"ok", !check->broken},
                   {"anchored_seq", check->anchored_seq},
                   {"unanchored", check->unanchored}};
  if (!check->broken) {
    PrintJson(out);
    return 0;
  }
  if (auto seq = FindingSeq(*check->broken)) out["broken_at"] = *seq;
  out["reason"] = check->broken->reason;
  PrintJson(out);
  std::cerr << "shaobing: " << i18n::ErrorMessage(i18n::Locale::kZhCn, *check->broken) << "\n";
  return 1;
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

// shaobing classify: one report on stdin → the CONTRACTS.md §3 judgement on stdout. Needs no
// database: the gazetteer and the catalogue come from the data files.
int Classify(const std::string& catalogue_file, const std::string& at, const std::string& files_dir) {
  const std::string file = catalogue_file.empty() ? DataPath(files_dir, kDefaultCatalogueFile) : catalogue_file;
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
  facts.region_lineage = tree->LineageCodes(facts.region);
  // --at: judge as at that moment (the calendar of sensitive times and the rules in force
  // then) when the report itself does not say when it happened.
  if (when && !facts.occurred_at) facts.occurred_at = when;
  PrintJson(EvaluationToJson(Evaluate(*catalogue, facts)));
  return 0;
}

// Help text from the i18n files: Chinese first, then English.
std::string Help(const char* key) {
  return i18n::Render(i18n::Locale::kZhCn, key) + " / " + i18n::Render(i18n::Locale::kEn, key);
}

// One command of the command line (a leaf: `serve`, `user add`, …) and what runs it once the
// command line named it. The options it registered write into state the handler owns.
struct Command {
  CLI::App* app;
  std::function<int()> run;
};
using Commands = std::vector<Command>;

// Every command that opens the database takes the audit key and anchor files, so that all of
// them anchor to the same place when the operator keeps those files elsewhere.
void AddAnchorOptions(CLI::App* command, AuditAnchorOptions& audit_anchor) {
  command->add_option("--audit-key", audit_anchor.key_file, Help("cli.help.audit_key"));
  command->add_option("--audit-anchor", audit_anchor.anchor_file, Help("cli.help.audit_anchor"));
}

// ---- serve, config check

struct ServeOptions {
  std::string config_file, listen = "127.0.0.1:8080", data_dir, files_dir, web_root, log_format;
  bool demo = false, tls_proxy = false;
  AuditAnchorOptions audit_anchor;
};

// The defaults, then the configuration file, then the options given on the command line.
int RunServe(const CLI::App& serve, const ServeOptions& o) {
  ServeSettings settings;
  if (!o.config_file.empty()) {
    if (auto s = ApplyServeConfigFile(o.config_file, settings); !s) return Die(s.error());
  }
  if (serve.count("--listen")) settings.listen = o.listen;
  if (serve.count("--data")) settings.app.data_dir = o.data_dir;
  if (serve.count("--files")) settings.app.files_dir = o.files_dir;
  if (serve.count("--web")) settings.app.web_root = o.web_root;
  if (serve.count("--demo")) settings.demo = o.demo;
  if (serve.count("--tls-proxy")) settings.app.tls_proxy = o.tls_proxy;
  if (serve.count("--log-format")) log::ParseFormat(o.log_format, settings.log_format);
  if (serve.count("--audit-key")) settings.app.audit_anchor.key_file = o.audit_anchor.key_file;
  if (serve.count("--audit-anchor")) settings.app.audit_anchor.anchor_file = o.audit_anchor.anchor_file;
  return Serve(std::move(settings));
}

int ConfigCheck(const std::string& config_file) {
  ServeSettings settings;
  if (auto s = ApplyServeConfigFile(config_file, settings); !s) return Die(s.error());
  std::cout << i18n::Render(i18n::Locale::kZhCn, "cli.config_ok", {{"file", config_file}}) << std::endl;
  return 0;
}

void AddServeCommands(CLI::App& cli, Commands& commands) {
  auto o = std::make_shared<ServeOptions>();
  auto* serve = cli.add_subcommand("serve", Help("cli.help.serve"));
  serve->add_option("--listen", o->listen, "HOST:PORT");
  serve->add_option("--config", o->config_file, Help("cli.help.serve.config"))->check(CLI::ExistingFile);
  serve->add_option("--data", o->data_dir, Help("cli.help.serve.data"));
  serve->add_option("--files", o->files_dir, Help("cli.help.serve.files"));
  serve->add_option("--web", o->web_root, Help("cli.help.serve.web"));
  serve->add_flag("--demo", o->demo, Help("cli.help.serve.demo"));
  serve->add_flag("--tls-proxy", o->tls_proxy, Help("cli.help.serve.tls_proxy"));
  serve->add_option("--log-format", o->log_format, Help("cli.help.serve.log_format"))
      ->check(CLI::IsMember({"json", "text"}));
  AddAnchorOptions(serve, o->audit_anchor);
  commands.push_back({serve, [serve, o] { return RunServe(*serve, *o); }});

  auto* config = cli.add_subcommand("config", Help("cli.help.config"));
  config->require_subcommand(1);
  auto* config_check = config->add_subcommand("check", Help("cli.help.config_check"));
  auto config_file = std::make_shared<std::string>();
  config_check->add_option("file", *config_file, Help("cli.help.serve.config"))->required();
  commands.push_back({config_check, [config_file] { return ConfigCheck(*config_file); }});
}

// ---- backup, restore, migrate

struct CopyOptions {
  std::string data_dir, backup_file;
  bool force = false;
  AuditAnchorOptions audit_anchor;
};

// backup (restore = false) or restore, and the audit record of it.
int CopyData(const CopyOptions& o, bool restore) {
  auto done = !restore ? sqlite::BackupDataDir(o.data_dir, o.audit_anchor, o.backup_file)
                       : sqlite::RestoreDataDir(o.backup_file, o.data_dir, o.audit_anchor, o.force);
  if (!done) return Die(done.error());
  // Who copied every report out, and what replaced the data, is on the record: the backup
  // in the directory it copied (after its snapshot), the restore in the restored one.
  const std::string action = !restore ? "data.backup" : "data.restore";
  const json::object detail{{"file", std::filesystem::absolute(o.backup_file).string()},
                            {"audit_seq", done->audit_seq},
                            {"bytes", done->bytes}};
  if (auto s = WriteToDataDir(o.data_dir, o.audit_anchor,
                              [&](Transaction& tx) { return tx.Audit("cli", action, "data:" + o.data_dir, detail); });
      !s) {
    return Die(s.error());
  }
  PrintJson(json::object{{!restore ? "backup" : "restored", o.backup_file},
                         {"data", o.data_dir},
                         {"audit_seq", done->audit_seq},
                         {"anchor_lines", done->anchor_lines},
                         {"bytes", done->bytes}});
  return 0;
}

// An older database is backed up first and the migration audited, as `serve` does (upgrade.h).
int Migrate(const std::string& data_dir) {
  const AuditAnchorOptions audit_anchor;  // `migrate` takes no anchor options: the defaults
  std::filesystem::create_directories(data_dir);
  auto backup = BackupBeforeMigration(data_dir, audit_anchor, SystemClock().Now());
  if (!backup) return Die(backup.error());
  if (*backup) {
    // The store migrates as it opens, then records the migration in the same chain.
    if (auto s = WriteToDataDir(data_dir, audit_anchor, MigrationAudit(**backup)); !s) return Die(s.error());
    PrintJson(json::object{{"version", (*backup)->to}, {"backup", (*backup)->file}});
    return 0;
  }
  auto v = SqliteStore::Migrate(data_dir + "/shaobing.db");
  if (!v) return Die(v.error());
  PrintJson(json::object{{"version", *v}});
  return 0;
}

void AddDataCommands(CLI::App& cli, Commands& commands) {
  auto b = std::make_shared<CopyOptions>();
  auto* backup = cli.add_subcommand("backup", Help("cli.help.backup"));
  backup->add_option("--data", b->data_dir, Help("cli.help.serve.data"))->required();
  backup->add_option("--out", b->backup_file, Help("cli.help.backup.out"))->required();
  AddAnchorOptions(backup, b->audit_anchor);
  commands.push_back({backup, [b] { return CopyData(*b, false); }});

  auto r = std::make_shared<CopyOptions>();
  auto* restore = cli.add_subcommand("restore", Help("cli.help.restore"));
  restore->add_option("--from", r->backup_file, Help("cli.help.restore.from"))->required();
  restore->add_option("--data", r->data_dir, Help("cli.help.serve.data"))->required();
  restore->add_flag("--force", r->force, Help("cli.help.restore.force"));
  AddAnchorOptions(restore, r->audit_anchor);
  commands.push_back({restore, [r] { return CopyData(*r, true); }});

  auto data_dir = std::make_shared<std::string>();
  auto* migrate = cli.add_subcommand("migrate", Help("cli.help.migrate"));
  migrate->add_option("--data", *data_dir)->required();
  commands.push_back({migrate, [data_dir] { return Migrate(*data_dir); }});
}

// ---- user add, audit verify, import-units, report submit, event show (through the App)

struct StoreOptions {
  std::string data_dir, files_dir;
  AuditAnchorOptions audit_anchor;
};

struct UserAddOptions : StoreOptions {
  std::string name, role, unit, region, display;
};

// The password comes on stdin (one line).
int UserAdd(const UserAddOptions& o) {
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  auto app = OpenApp(o.data_dir, o.files_dir, o.audit_anchor);
  if (!app) return Die(app.error());
  auto id = (*app)->auth().AddUser({o.name, o.display, password, o.role, o.unit, o.region}, "cli");
  if (!id) return Die(id.error());
  PrintJson(json::object{{"id", *id}});
  return 0;
}

int ImportUnits(const StoreOptions& o, const std::string& file) {
  auto app = OpenApp(o.data_dir, o.files_dir, o.audit_anchor);
  if (!app) return Die(app.error());
  auto units = LoadUnitsFile(file, (*app)->directory().Get()->regions);
  if (!units) return Die(units.error());
  if (auto s = (*app)->registry().ImportUnits(*units, "cli"); !s) return Die(s.error());
  PrintJson(json::object{{"imported", units->size()}});
  return 0;
}

int ReportSubmit(const StoreOptions& o, const std::string& file, const std::string& as_user) {
  auto app = OpenApp(o.data_dir, o.files_dir, o.audit_anchor);
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

int EventShow(const StoreOptions& o, std::int64_t event_id) {
  auto app = OpenApp(o.data_dir, "", o.audit_anchor);
  if (!app) return Die(app.error());
  auto event = (*app)->events().OpenWhole(event_id);
  if (!event && event.error().reason == "unknown_event") {
    return Die(Error::Make(ErrorCode::kNotFound, "unknown_event", "ID", {{"value", std::to_string(event_id)}}));
  }
  if (!event) return Die(event.error());
  auto view = views::EventViewJson(*event, i18n::Locale::kZhCn);
  PrintJson(view);
  return 0;
}

void AddStoreCommands(CLI::App& cli, Commands& commands) {
  auto* user = cli.add_subcommand("user", Help("cli.help.user"));
  user->require_subcommand(1);
  auto u = std::make_shared<UserAddOptions>();
  auto* user_add = user->add_subcommand("add", Help("cli.help.user.add"));
  user_add->add_option("--data", u->data_dir)->required();
  user_add->add_option("--name", u->name)->required();
  user_add->add_option("--role", u->role)->required();
  user_add->add_option("--unit", u->unit);
  user_add->add_option("--region", u->region);
  user_add->add_option("--display", u->display);
  user_add->add_option("--files", u->files_dir);
  AddAnchorOptions(user_add, u->audit_anchor);
  commands.push_back({user_add, [u] { return UserAdd(*u); }});

  auto* audit = cli.add_subcommand("audit", Help("cli.help.audit"));
  audit->require_subcommand(1);
  auto v = std::make_shared<StoreOptions>();
  auto* audit_verify = audit->add_subcommand("verify", Help("cli.help.audit.verify"));
  audit_verify->add_option("--data", v->data_dir)->required();
  AddAnchorOptions(audit_verify, v->audit_anchor);
  commands.push_back({audit_verify, [v] { return AuditVerify(v->data_dir, v->audit_anchor); }});

  struct FileOptions : StoreOptions {
    std::string file, as_user;
  };
  auto i = std::make_shared<FileOptions>();
  auto* import_units = cli.add_subcommand("import-units", Help("cli.help.import_units"));
  import_units->add_option("FILE", i->file)->required();
  import_units->add_option("--data", i->data_dir)->required();
  import_units->add_option("--files", i->files_dir);
  AddAnchorOptions(import_units, i->audit_anchor);
  commands.push_back({import_units, [i] { return ImportUnits(*i, i->file); }});

  auto* report = cli.add_subcommand("report", Help("cli.help.report"));
  report->require_subcommand(1);
  auto r = std::make_shared<FileOptions>();
  auto* report_submit = report->add_subcommand("submit", Help("cli.help.report.submit"));
  report_submit->add_option("FILE", r->file)->required();
  report_submit->add_option("--data", r->data_dir)->required();
  report_submit->add_option("--user", r->as_user, Help("cli.help.report_submit.user"))->required();
  report_submit->add_option("--files", r->files_dir);
  AddAnchorOptions(report_submit, r->audit_anchor);
  commands.push_back({report_submit, [r] { return ReportSubmit(*r, r->file, r->as_user); }});

  auto* event = cli.add_subcommand("event", Help("cli.help.event"));
  event->require_subcommand(1);
  struct ShowOptions : StoreOptions {
    std::int64_t event_id = 0;
  };
  auto e = std::make_shared<ShowOptions>();
  auto* event_show = event->add_subcommand("show", Help("cli.help.event.show"));
  event_show->add_option("ID", e->event_id)->required();
  event_show->add_option("--data", e->data_dir)->required();
  AddAnchorOptions(event_show, e->audit_anchor);
  commands.push_back({event_show, [e] { return EventShow(*e, e->event_id); }});
}

// ---- classify, standards check, eval link, simulate (data files only, no database)

int StandardsCheck(const std::string& file) {
  auto catalogue = LoadCatalogueFile(file);
  if (!catalogue) return Die(catalogue.error());
  PrintJson(json::object{{"ok", true}, {"version", catalogue->version()}, {"rules", catalogue->spec().rules.size()}});
  return 0;
}

int EvalLink(const std::string& reports_file, const std::string& truth_file, const std::string& files_dir) {
  auto tree = LoadGazetteer(files_dir);
  if (!tree) return Die(tree.error());
  auto result = simulate::EvalLink(reports_file, truth_file, *tree);
  if (!result) return Die(result.error());
  PrintJson(*result);
  return 0;
}

int Simulate(const simulate::SimulatorOptions& sim, const std::string& out_dir, const std::string& files_dir) {
  auto tree = LoadGazetteer(files_dir);
  if (!tree) return Die(tree.error());
  auto reports = simulate::Simulate(*tree, sim);
  if (auto s = simulate::WriteSimulation(reports, out_dir); !s) return Die(s.error());
  PrintJson(json::object{{"reports", reports.size()}, {"events", sim.events}, {"out", out_dir}});
  return 0;
}

struct ReplayCliOptions {
  std::string scenario_file, until, catalogue_file, files_dir;
};

// CONTRACTS.md §5: exit 2 naming the line of a bad scenario line.
int Replay(const ReplayCliOptions& o) {
  auto tree = LoadGazetteer(o.files_dir);
  if (!tree) return Die(tree.error());
  auto text = ReadTextFile(o.scenario_file);
  if (!text) return Die(text.error());
  auto lines = ParseScenario(*text, o.scenario_file, *tree);
  if (!lines) return Die(lines.error());
  ReplayOptions options;
  options.files_dir = o.files_dir;
  options.scenario_file = o.scenario_file;
  if (!o.until.empty()) {
    options.until = ParseIsoTime(o.until);
    if (!options.until)
      return Die(Error::Make(ErrorCode::kInvalidArgument, "invalid_time", "until", {{"value", o.until}}));
  }
  if (!o.catalogue_file.empty()) {
    auto catalogue = ReadTextFile(o.catalogue_file);
    if (!catalogue) return Die(catalogue.error());
    options.catalogue = std::move(*catalogue);
  }
  auto result = RunReplay(*lines, options);
  if (!result) return Die(result.error());
  PrintJson(*result);
  return 0;
}

void AddOfflineCommands(CLI::App& cli, Commands& commands) {
  struct ClassifyOptions {
    std::string catalogue_file, at, files_dir;
  };
  auto c = std::make_shared<ClassifyOptions>();
  auto* classify = cli.add_subcommand("classify", Help("cli.help.classify"));
  classify->add_option("--catalogue", c->catalogue_file, Help("cli.help.classify.catalogue"));
  classify->add_option("--at", c->at, Help("cli.help.classify.at"));
  classify->add_option("--files", c->files_dir);
  commands.push_back({classify, [c] { return Classify(c->catalogue_file, c->at, c->files_dir); }});

  auto* standards = cli.add_subcommand("standards", Help("cli.help.standards"));
  standards->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto* standards_check = standards->add_subcommand("check", Help("cli.help.standards.check"));
  standards_check->add_option("FILE", *file)->required();
  commands.push_back({standards_check, [file] { return StandardsCheck(*file); }});

  auto* eval = cli.add_subcommand("eval", Help("cli.help.eval"));
  eval->require_subcommand(1);
  struct EvalOptions {
    std::string reports_file, truth_file, files_dir;
  };
  auto e = std::make_shared<EvalOptions>();
  auto* eval_link = eval->add_subcommand("link", Help("cli.help.eval.link"));
  eval_link->add_option("--reports", e->reports_file, Help("cli.help.eval_link.reports"))->required();
  eval_link->add_option("--truth", e->truth_file, Help("cli.help.eval_link.truth"))->required();
  eval_link->add_option("--files", e->files_dir);
  commands.push_back({eval_link, [e] { return EvalLink(e->reports_file, e->truth_file, e->files_dir); }});

  auto r = std::make_shared<ReplayCliOptions>();
  auto* replay = cli.add_subcommand("replay", Help("cli.help.replay"));
  replay->add_option("--scenario", r->scenario_file, Help("cli.help.replay.scenario"))->required();
  replay->add_option("--until", r->until, Help("cli.help.replay.until"));
  replay->add_option("--catalogue", r->catalogue_file, Help("cli.help.classify.catalogue"));
  replay->add_option("--files", r->files_dir);
  commands.push_back({replay, [r] { return Replay(*r); }});

  struct SimulateOptions {
    simulate::SimulatorOptions sim;
    std::string out_dir, files_dir;
  };
  auto s = std::make_shared<SimulateOptions>();
  auto* simulate = cli.add_subcommand("simulate", Help("cli.help.simulate"));
  simulate->add_option("--seed", s->sim.seed);
  simulate->add_option("--events", s->sim.events);
  simulate->add_option("--days", s->sim.days);
  simulate->add_option("--wording", s->sim.wording_mix, Help("cli.help.simulate.wording"))->check(CLI::Range(0, 1));
  simulate->add_option("--out", s->out_dir, Help("cli.help.simulate.out"))->required();
  simulate->add_option("--files", s->files_dir);
  commands.push_back({simulate, [s] { return Simulate(s->sim, s->out_dir, s->files_dir); }});
}

}  // namespace

int RunCli(int argc, char** argv) {
  InitCrypto();
  // Commands print their answer on stdout; what they log (an upgrade's backup) goes to
  // stderr. `serve` logs on stdout.
  log::Configure(log::Format::kJson, stderr);
  CLI::App cli{Help("cli.help.app")};
  cli.require_subcommand(1);
  // Registered in the order the help lists them.
  Commands commands;
  AddServeCommands(cli, commands);
  AddDataCommands(cli, commands);
  AddStoreCommands(cli, commands);
  AddOfflineCommands(cli, commands);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e) == 0 ? 0 : kBadInput;
  }
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kBadInput;
}

}  // namespace shaobing
