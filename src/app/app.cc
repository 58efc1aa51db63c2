#include "app/app.h"

#include <pthread.h>

#include <cstdio>
#include <filesystem>

#include "app/data_dir.h"
#include "app/data_layout.h"
#include "app/upgrade.h"
#include "log/json_log.h"

namespace shaobing {

namespace {

// First start: the gazetteer and the unit registry of the data files into an empty store.
// The files are read only then.
Status BootstrapRegistry(RegistryService& registry, const std::string& files_dir) {
  auto first_start = registry.Load();
  if (!first_start) return Fail(first_start.error());
  if (!*first_start) return {};
  auto regions = LoadGazetteerRegions(files_dir);
  if (!regions) return Fail(regions.error());
  auto tree = RegionTree::Build(*regions);
  if (!tree) return Fail(tree.error());
  auto units = LoadRegistryUnits(files_dir, *tree);
  if (!units) return Fail(units.error());
  return registry.Bootstrap(std::move(*regions), *units);
}

// The stored catalogue versions; on a store without one, the default catalogue published.
Status BootstrapStandards(StandardsService& standards, const std::string& files_dir) {
  auto stored = standards.Load();
  if (!stored) return Fail(stored.error());
  if (*stored) return {};
  auto text = LoadDefaultCatalogueText(files_dir);
  if (!text) return Fail(text.error());
  auto published = standards.Publish(*text, "system");
  return published ? Status{} : Fail(published.error());
}

}  // namespace

Result<std::unique_ptr<App>> App::Build(AppConfig config) {
  std::unique_ptr<App> app(new App(std::move(config)));
  const Clock& clock = app->config_.clock ? *app->config_.clock : app->system_clock_;
  if (auto s = PrepareDataDir(app->config_.data_dir); !s) return Fail(s.error());
  // An older database is backed up before the store migrates it (upgrade.h).
  auto upgrade = BackupBeforeMigration(app->config_.data_dir, app->config_.audit_anchor, clock.Now());
  if (!upgrade) return Fail(upgrade.error());
  // Committed changes go to live push in commit order (store.h, "Change log").
  auto store = SqliteStore::Open({.path = app->config_.data_dir + "/shaobing.db",
                                  .clock = &clock,
                                  .audit_anchor = app->config_.audit_anchor,
                                  .on_change = [bus = &app->bus_](const ChangeRecord& c) { bus->Publish(c); }});
  if (!store) return Fail(store.error());
  app->store_ = std::move(*store);
  if (const auto& u = *upgrade) {
    log::Write("schema_migrated", {{"from", u->from}, {"to", u->to}, {"backup", u->file}});
    if (auto s = app->store_->Write(MigrationAudit(*u)); !s) return Fail(s.error());
  }
  app->registry_ = std::make_unique<RegistryService>(*app->store_, app->directory_);
  if (app->config_.bootstrap_registry) {
    if (auto s = BootstrapRegistry(*app->registry_, app->config_.files_dir); !s) return Fail(s.error());
  } else if (auto s = app->directory_.Reload(*app->store_); !s) {
    return Fail(s.error());
  }
  app->standards_ = std::make_unique<StandardsService>(*app->store_);
  if (auto s = BootstrapStandards(*app->standards_, app->config_.files_dir); !s) return Fail(s.error());
  auto demo = app->store_->GetSetting(kDemoDataSetting);
  if (!demo) return Fail(demo.error());
  app->config_.auth.allow_demo_accounts = demo->has_value() && **demo == "1";
  app->auth_ = std::make_unique<AuthService>(*app->store_, app->directory_, clock, app->config_.auth);
  app->links_ = std::make_unique<LinkIndex>(*app->store_, app->directory_);
  if (auto s = app->links_->Rebuild(clock.Now()); !s) return Fail(s.error());
  ReportLimits limits = app->config_.report_limits;
  limits.clock = &clock;
  auto sender_options = SenderOptionsOf(app->config_.notify);
  if (!sender_options) return Fail(sender_options.error());
  auto sender = notify::CurlSender::Create(std::move(*sender_options));
  if (!sender) return Fail(sender.error());
  app->sender_ = std::move(*sender);
  app->dispatcher_ =
      std::make_unique<NotificationDispatcher>(*app->store_, *app->sender_, clock, app->config_.notify.dispatch);
  app->notifier_ =
      std::make_unique<Notifier>(RoutesOf(app->config_.notify), [d = app->dispatcher_.get()] { d->Wake(); });
  app->notification_log_ =
      std::make_unique<NotificationLog>(*app->store_, app->directory_, [d = app->dispatcher_.get()] { d->Wake(); });
  app->reports_ = std::make_unique<ReportService>(*app->store_, app->directory_, app->standards_.get(),
                                                  app->links_.get(), limits, app->notifier_.get());
  app->fusion_ = std::make_unique<FusionService>(*app->store_, app->directory_, *app->standards_, *app->links_);
  app->events_ = std::make_unique<EventQuery>(*app->store_, app->directory_, *app->standards_, clock);
  app->desk_reports_ = std::make_unique<DeskReportService>(*app->store_, app->directory_, *app->events_, clock,
                                                           DeskReportLimits{}, app->notifier_.get());
  app->consultations_ = std::make_unique<ConsultationService>(*app->store_, app->directory_);
  app->duty_ = std::make_unique<DutyService>(*app->store_, app->directory_);
  app->handovers_ = std::make_unique<HandoverService>(*app->store_, app->directory_, *app->duty_);
  app->escalations_ =
      std::make_unique<EscalationService>(*app->store_, app->directory_, app->config_.escalation, app->notifier_.get());
  ClockTimerOptions timer = app->config_.clock_timer;
  timer.escalate = [e = app->escalations_.get()](const EventRow& root, const std::vector<ReportClock>& clocks,
                                                 TimePoint now) { return e->Pass(root, clocks, now); };
  timer.on_error = [](EventId id, const Error& e) {
    log::Write("error", {{"what", "clock pass failed"}, {"event_id", id}, {"reason", e.reason}});
  };
  app->clock_timer_ = std::make_unique<ClockTimer>(*app->store_, *app->events_, clock, timer);
  // Whatever may move an event's clocks brings the next pass to it.
  app->bus_.Subscribe([t = app->clock_timer_.get()](const Notice& n) {
    if (n.type != "clock") t->Touch(n.event_id);
    return true;
  });
  app->live_streams_ = std::make_unique<api::LiveStreams>(app->config_.live_streams);
  // Every ended session (logout, password change or reset, disabled account, purge) closes its
  // live streams at once.
  app->auth_->OnSessionEnded(
      [streams = app->live_streams_.get()](const std::string& token_hash) { streams->CloseSession(token_hash); });
  app->deps_ = std::make_unique<api::ApiDeps>(api::ApiDeps{
      *app->store_, app->directory_, *app->auth_, *app->reports_, *app->fusion_, *app->registry_, *app->standards_,
      *app->events_, *app->desk_reports_, app->bus_, app->metrics_, *app->live_streams_, clock, app->config_.web_root,
      app->config_.secure_cookies || app->config_.tls_proxy, app->config_.tls_proxy});
  app->deps_->audit_anchor = app->store_->audit_anchor();
  app->deps_->notifications = app->notification_log_.get();
  app->deps_->consultations = app->consultations_.get();
  app->attachment_files_ = std::make_unique<AttachmentFiles>(app->config_.data_dir);
  app->attachments_ = std::make_unique<AttachmentService>(*app->store_, *app->attachment_files_, *app->events_, clock,
                                                          app->config_.attachments);
  app->deps_->attachments = app->attachments_.get();
  app->consultations_->UseAttachments(app->attachments_.get());
  app->attachments_->AddOwnerKind(kConsultationAnswerOwner,
                                  [c = app->consultations_.get()](const Principal& who, std::int64_t answer) {
                                    return c->SeesAnswer(who, answer);
                                  });
  app->timeliness_ = std::make_unique<TimelinessService>(*app->store_, app->directory_, clock);
  app->deps_->timeliness = app->timeliness_.get();
  app->deps_->duty = app->duty_.get();
  app->deps_->handovers = app->handovers_.get();
  app->deps_->escalations = app->escalations_.get();
  app->router_ = api::BuildRouter(*app->deps_);
  return app;
}

App::~App() { Stop(); }

Status App::Start() {
  auto options = config_.http;
  options.observe = [this](const std::string& method, const std::string& route, int status, double seconds) {
    metrics_.ObserveRequest(method, route, status, seconds);
  };
  options.on_connection_refused = [this] { metrics_.ConnectionRefused(); };
  options.on_stream_closed_slow = [this] { metrics_.StreamClosedSlow(); };
  options.upload_path = "/api/v1/attachments";
  options.max_upload_body_bytes = config_.attachments.max_file_bytes;
  auto server = api::HttpServer::Create(options, [this](api::HttpRequest& req, std::shared_ptr<api::Responder> out) {
    router_->Dispatch(req, std::move(out));
  });
  if (!server) return Fail(server.error());
  server_ = std::move(*server);
  server_->Start();
  clock_timer_->Start();
  dispatcher_->Start();
  housekeeper_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "sb-housekeeping");
    MutexLock lock(housekeeping_mu_);
    while (!lock.WaitFor(housekeeping_cv_, config_.housekeeping_every,
                         [this]() REQUIRES(housekeeping_mu_) { return stopping_; })) {
      lock.Unlock();
      Housekeeping();
      lock.Lock();
    }
  });
  return {};
}

void App::Housekeeping() {
  if (auto purged = auth_->PurgeExpired(); !purged) {
    log::Write("error", {{"what", "session purge failed"}, {"reason", purged.error().reason}});
  }
  // Not audited: the log is a delivery aid for live push, not a record (the audit chain is).
  const Clock& clock = config_.clock ? *config_.clock : system_clock_;
  const TimePoint before = clock.Now() - config_.change_log_retention;
  auto purge = [before](Transaction& tx) -> Status {
    auto n = tx.PurgeChanges(before);
    return n ? Status{} : Fail(n.error());
  };
  if (auto s = store_->Write(purge); !s) {
    log::Write("error", {{"what", "change log purge failed"}, {"reason", s.error().reason}});
  }
}

void App::Stop() {
  {
    MutexLock lock(housekeeping_mu_);
    stopping_ = true;
  }
  housekeeping_cv_.notify_all();
  if (housekeeper_.joinable()) housekeeper_.join();
  if (server_) server_->Stop();
  if (clock_timer_) clock_timer_->Stop();
  // Deliveries in flight finish and are recorded while the store is open.
  if (dispatcher_) dispatcher_->Stop();
  // The heartbeat checks sessions in the store: it ends before the store closes.
  if (live_streams_) live_streams_->Stop();
  // Live-push subscribers hold connections of the server: release them while it still exists.
  bus_.Clear();
  if (store_) store_->Close();
}

std::uint16_t App::port() const { return server_ ? server_->port() : 0; }

}  // namespace shaobing
