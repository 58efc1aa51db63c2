#pragma once
// The HTTP API of CONTRACTS.md §4 over the application services.
#include <memory>
#include <string>

#include "api/live_streams.h"
#include "api/metrics.h"
#include "api/router.h"
#include "services/attachment_service.h"
#include "services/auth_service.h"
#include "services/consultation_service.h"
#include "services/desk_report_service.h"
#include "services/directory.h"
#include "services/duty_service.h"
#include "services/escalation_service.h"
#include "services/event_bus.h"
#include "services/event_query.h"
#include "services/fusion_service.h"
#include "services/handover_service.h"
#include "services/notification_log.h"
#include "services/registry_service.h"
#include "services/report_service.h"
#include "services/standards_service.h"
#include "services/timeliness_service.h"
#include "store/audit_anchor.h"
#include "store/store.h"

namespace shaobing::api {

struct ApiDeps {
  Store& store;
  Directory& directory;
  AuthService& auth;
  ReportService& reports;
  FusionService& fusion;
  RegistryService& registry;
  StandardsService& standards;
  EventQuery& events;  // every read of events: roots, visibility, the assembled view
  DeskReportService& desk_reports;
  EventBus& bus;
  Metrics& metrics;
  LiveStreams& live_streams;  // open GET /api/v1/stream streams
  const Clock& clock;
  std::string web_root;                          // built web app (index.html …); empty: none
  bool secure_cookies = false;                   // the session cookie is Secure (TLS, or a TLS proxy in front)
  bool trust_forwarded_for = false;              // a TLS proxy on loopback names the client in X-Forwarded-For
  AuditAnchorOptions audit_anchor;               // where the store anchors the audit chain (resolved paths)
  NotificationLog* notifications = nullptr;      // the delivery log; set by the composition root
  ConsultationService* consultations = nullptr;  // 会商; set by the composition root
  AttachmentService* attachments = nullptr;      // uploads and downloads; set by the composition root

  // The timeliness figures (GET /api/v1/metrics/timeliness); set by the composition root.
  const TimelinessService* timeliness = nullptr;
  DutyService* duty = nullptr;               // rosters and duty logs; set by the composition root
  EscalationService* escalations = nullptr;  // overdue clocks' escalation; set by the composition root
  HandoverService* handovers = nullptr;      // handovers between shifts; set by the composition root
};

std::unique_ptr<Router> BuildRouter(ApiDeps& deps);

// Route groups, one file each.
void AddSystemRoutes(Router& router, ApiDeps& deps);
void AddAuthRoutes(Router& router, ApiDeps& deps);
void AddReportRoutes(Router& router, ApiDeps& deps);
void AddEventRoutes(Router& router, ApiDeps& deps);
void AddAdminRoutes(Router& router, ApiDeps& deps);
void AddUserRoutes(Router& router, ApiDeps& deps);
void AddStandardsRoutes(Router& router, ApiDeps& deps);
void AddFusionRoutes(Router& router, ApiDeps& deps);
void AddNotificationRoutes(Router& router, ApiDeps& deps);
void AddConsultationRoutes(Router& router, ApiDeps& deps);  // needs deps.consultations
void AddAttachmentRoutes(Router& router, ApiDeps& deps);
void AddTimelinessRoutes(Router& router, ApiDeps& deps);  // routes_timeliness.cc
void AddDutyRoutes(Router& router, ApiDeps& deps);
void AddHandoverRoutes(Router& router, ApiDeps& deps);  // routes_handovers.cc; needs deps.duty, deps.handovers

// The range [from, to) of a duty read: the query's `from` and `to` ("2026-12-03 08:00" or ISO
// 8601), each by default the one given. A bad value is answered 400 (invalid_query) and gives
// false.
bool DutyRange(Context& ctx, TimePoint default_from, TimePoint default_to, TimePoint& from, TimePoint& to);
// Fills "attachments" of each answer of the consultations (views::ConsultationJson objects),
// in one read.
Status AddAnswerAttachments(ApiDeps& deps, const std::vector<boost::json::object*>& consultations);
// The query's `desk` (a region code), "" for the caller's own.
std::string DeskParam(const Context& ctx);

// A non-negative decimal id from a path or query parameter; nullopt for anything else.
std::optional<std::int64_t> ParseNumericId(const std::string& text);
// The path parameter "id" as ParseNumericId reads it; anything else is answered 404 `reason`
// ("unknown_event", naming the value, like an id that does not exist) and gives nullopt.
std::optional<std::int64_t> IdParam(Context& ctx, const char* reason);

// Parses a JSON object body; kInvalidArgument (invalid_json / not_an_object) otherwise.
Result<boost::json::object> JsonBody(const HttpRequest& request);
// Rejects keys outside `known` (unknown_field), collecting into `problems`.
void RejectUnknown(const boost::json::object& body, std::initializer_list<std::string_view> known,
                   std::vector<FieldError>& problems);
// The body {"reason": "..."} of an action that needs only a reason (invalid_json, unknown_field,
// wrong_type; an empty reason is the service's to refuse).
Result<std::string> ReasonBody(const HttpRequest& request);
// 503 "busy" with Retry-After 1: the hashing pool is full.
Error Busy();
// A string member ("" when absent; wrong_type when not a string).
std::string StringField(const boost::json::object& body, std::string_view key, std::vector<FieldError>& problems);
// An ISO 8601 time with its offset (nullopt when absent or null; wrong_type when not a string,
// invalid_time when not such a time).
std::optional<TimePoint> TimeField(const boost::json::object& body, std::string_view key,
                                   std::vector<FieldError>& problems);

}  // namespace shaobing::api
