#pragma once
// The composition root: one place that builds the store, the services, the API and the HTTP
// server from a configuration, so that main() and tests start the same thing.
#include <condition_variable>
#include <memory>
#include <string>
#include <thread>

#include "api/api.h"
#include "api/http_server.h"
#include "api/metrics.h"
#include "app/notify_config.h"
#include "core/thread_annotations.h"
#include "services/attachment_service.h"
#include "services/auth_service.h"
#include "services/clock_timer.h"
#include "services/consultation_service.h"
#include "services/desk_report_service.h"
#include "services/directory.h"
#include "services/duty_service.h"
#include "services/escalation_service.h"
#include "services/event_bus.h"
#include "services/event_query.h"
#include "services/fusion_service.h"
#include "services/handover_service.h"
#include "services/link_index.h"
#include "services/registry_service.h"
#include "services/report_service.h"
#include "services/standards_service.h"
#include "store/sqlite/sqlite_store.h"

namespace shaobing {

struct AppConfig {
  std::string data_dir;                  // holds shaobing.db; created when missing
  std::string files_dir;                 // data/ files (gazetteer, units, demo); "" = the source tree's
  std::string web_root;                  // the built web app; "" = none
  const Clock* clock = nullptr;          // nullptr = the system clock
  api::HttpServerOptions http;           // listen address, threads, limits
  api::LiveStreamsOptions live_streams;  // streams per user, heartbeat
  AuthOptions auth;                      // allow_demo_accounts is read from the data directory
  ReportLimits report_limits;            // its clock is the app's
  bool bootstrap_registry = true;        // import the gazetteer and units into an empty store
  // Reached through a TLS-terminating proxy on this machine: the session cookie is Secure and
  // the proxy's X-Forwarded-For names the client (login throttling, audit).
  bool tls_proxy = false;
  bool secure_cookies = false;                   // the cookie is Secure (TLS proxy implies it)
  std::chrono::seconds housekeeping_every{300};  // purging ended sessions and old changes
  // Live push: how long the change log keeps a change for streams resuming after a reconnect
  // (older ones are purged by the housekeeping; a client further behind gets `reset`).
  std::chrono::hours change_log_retention{24 * 7};
  AuditAnchorOptions audit_anchor;  // key and anchor files of the audit chain; "" = in data_dir
  EscalationTerms escalation;       // the overdue clocks' escalation: minutes of its steps, the hold
  ClockTimerOptions clock_timer;    // the reporting clocks' passes (period 0: only Tick())
  NotifyConfig notify;              // webhooks, e-mail, SMS; the dispatcher runs from Start()
  // Uploads: the file size (also the HTTP body limit of POST /api/v1/attachments alone), the
  // per-account limits, thumbnails (services/attachment_service.h).
  AttachmentLimits attachments;
};

class App {
 public:
  // Opens the store (applying migrations) and builds everything; serves nothing yet.
  static Result<std::unique_ptr<App>> Build(AppConfig config);
  ~App();

  Status Start();  // binds and serves
  void Stop();     // graceful: requests in flight finish, then the store closes
  // Runs the periodic work once (purging expired sessions); Start() runs it on a timer.
  void Housekeeping();
  std::uint16_t port() const;

  Store& store() { return *store_; }
  SqliteStore& sqlite_store() { return *store_; }
  Directory& directory() { return directory_; }
  AuthService& auth() { return *auth_; }
  ReportService& reports() { return *reports_; }
  FusionService& fusion() { return *fusion_; }
  RegistryService& registry() { return *registry_; }
  StandardsService& standards() { return *standards_; }
  EventQuery& events() { return *events_; }
  DeskReportService& desk_reports() { return *desk_reports_; }
  ClockTimer& clock_timer() { return *clock_timer_; }
  ConsultationService& consultations() { return *consultations_; }
  DutyService& duty() { return *duty_; }
  HandoverService& handovers() { return *handovers_; }
  EscalationService& escalations() { return *escalations_; }
  NotificationDispatcher& notifications() { return *dispatcher_; }
  EventBus& bus() { return bus_; }
  api::LiveStreams& live_streams() { return *live_streams_; }
  const api::Router& router() const { return *router_; }

 private:
  explicit App(AppConfig config) : config_(std::move(config)) {}
  AppConfig config_;
  SystemClock system_clock_;
  std::unique_ptr<SqliteStore> store_;
  Directory directory_;
  EventBus bus_;
  api::Metrics metrics_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<LinkIndex> links_;
  std::unique_ptr<ReportService> reports_;
  std::unique_ptr<FusionService> fusion_;
  std::unique_ptr<RegistryService> registry_;
  std::unique_ptr<StandardsService> standards_;
  std::unique_ptr<EventQuery> events_;
  std::unique_ptr<notify::CurlSender> sender_;
  std::unique_ptr<NotificationDispatcher> dispatcher_;
  std::unique_ptr<Notifier> notifier_;  // the dispatcher is woken after each commit that enqueued
  std::unique_ptr<NotificationLog> notification_log_;
  std::unique_ptr<TimelinessService> timeliness_;  // GET /api/v1/metrics/timeliness
  std::unique_ptr<DeskReportService> desk_reports_;
  std::unique_ptr<AttachmentFiles> attachment_files_;  // <data>/attachments
  std::unique_ptr<AttachmentService> attachments_;
  std::unique_ptr<DutyService> duty_;
  std::unique_ptr<HandoverService> handovers_;
  std::unique_ptr<EscalationService> escalations_;
  std::unique_ptr<ClockTimer> clock_timer_;
  std::unique_ptr<ConsultationService> consultations_;
  std::unique_ptr<api::LiveStreams> live_streams_;  // its heartbeat checks sessions with auth_
  std::unique_ptr<api::ApiDeps> deps_;
  std::unique_ptr<api::Router> router_;
  std::unique_ptr<api::HttpServer> server_;
  std::thread housekeeper_;
  Mutex housekeeping_mu_;
  std::condition_variable housekeeping_cv_;
  bool stopping_ GUARDED_BY(housekeeping_mu_) = false;
};

}  // namespace shaobing
