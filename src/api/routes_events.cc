// GET /api/v1/events, GET /api/v1/events/{id}, GET /api/v1/stream (live push, SSE).
#include <boost/json.hpp>
#include <limits>

#include "api/api.h"
#include "api/query_params.h"
#include "api/stream_feed.h"
#include "store/audit_chain.h"
#include "views/attachment_json.h"
#include "views/event_view.h"
#include "views/judgement_json.h"
#include "views/views.h"

namespace shaobing::api {
namespace json = boost::json;

namespace {

// Whether a live notice concerns the principal: the visibility rule of events, applied to
// the event's region and the unit that just reported.
bool Concerns(const Principal& who, const Notice& n, const DirectorySnapshot& dir) {
  EventRow event;
  event.region = n.region;
  return CanSeeEvent(who, event, {n.unit}, dir.regions);
}

// Sends the stream's missed changes after `resume` (the client's Last-Event-ID; nullopt: a
// new stream, which gets "event: start" naming where it begins), or "event: reset" when the log cannot give them all:
// the id is not of this log, its next change was purged, or more than `max_replay` changes followed it. False when the
// log could not be read (the stream is then closed; the client retries).
bool CatchUp(StreamFeed& feed, Store& store, std::optional<std::int64_t> resume, int max_replay) {
  auto page = resume ? store.ChangesAfter(std::max<std::int64_t>(*resume, 0), max_replay + 1)
                     : store.ChangesAfter(std::numeric_limits<std::int64_t>::max(), 0);
  if (!page) return false;
  if (!resume) {
    feed.Start(page->newest);
    return true;
  }
  if (*resume < 0 || *resume > page->newest) {
    feed.Reset(page->newest, "unknown_id");
  } else if (*resume + 1 < page->first_kept) {
    feed.Reset(page->newest, "too_old");
  } else if (page->changes.size() > static_cast<size_t>(max_replay)) {
    feed.Reset(page->newest, "too_far_behind");
  } else {
    feed.Replay(page->changes, page->changes.empty() ? *resume : page->changes.back().seq);
  }
  return true;
}

// The client's Last-Event-ID (header, or ?last_event_id= for EventSource polyfills that
// cannot set it); -1 for one that is not an id; nullopt when none was given.
std::optional<std::int64_t> ResumeFrom(const HttpRequest& request) {
  std::string given = request.last_event_id;
  if (auto it = request.query.find("last_event_id"); given.empty() && it != request.query.end()) given = it->second;
  if (given.empty()) return std::nullopt;
  return ParseNumericId(given).value_or(-1);
}

}  // namespace

void AddEventRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/events", Access::AnyUser(), [&deps](Context& ctx) {
    std::optional<EventId> before;
    std::vector<FieldError> problems;
    const int limit = LimitParam(ctx.request, 50, problems);
    if (auto it = ctx.request.query.find("cursor"); it != ctx.request.query.end() && !it->second.empty()) {
      auto n = ParseNumericId(it->second);
      if (!n)
        problems.push_back({"invalid_query", "cursor", {{"value", it->second}}});
      else
        before = *n;
    }
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto events = deps.events.List(ctx.who(), limit, before);
    if (!events) return ctx.ReplyError(events.error());
    auto dir = deps.directory.Get();
    json::array items;
    for (const auto& e : *events) {
      json::object item = views::EventSummaryJson(e.event, *dir);
      if (e.restricted) {
        item.erase("figures");
        item.erase("report_count");
        item["restricted"] = true;
      } else {
        item["clocks"] = views::ClockSummaryJson(e.clocks);
      }
      items.push_back(std::move(item));
    }
    json::value next = nullptr;
    if (static_cast<int>(events->size()) == limit) next = std::to_string(events->back().event.id);
    ctx.Reply(200, json::object{{"events", std::move(items)}, {"next", next}});
  });

  router.Add("GET", "/api/v1/events/{id}", Access::AnyUser(), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto event = deps.events.Open(ctx.who(), *id);
    if (!event) return ctx.ReplyError(event.error());
    auto view = views::EventViewJson(*event, ctx.locale);
    if (deps.attachments != nullptr) {  // each report the caller sees, with its attachments
      std::vector<ReportId> ids;
      for (const auto& r : event->reports) ids.push_back(r.id);
      auto attached = deps.attachments->OfReports(ids);
      if (!attached) return ctx.ReplyError(attached.error());
      views::AddReportAttachments(view, *attached);
      // The consultations, each a ConsultationJson (the shared view of an event carries none).
      std::vector<json::object*> consultations;
      if (auto* list = view.if_contains("consultations")) {
        for (auto& c : list->as_array()) consultations.push_back(&c.as_object());
      }
      if (auto s = AddAnswerAttachments(deps, consultations); !s) return ctx.ReplyError(s.error());
    }
    ctx.Reply(200, view);
  });

  // A desk asks a unit of its region to report on an event (it may then join the event).
  router.Add("POST", "/api/v1/events/{id}/requests", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"unit", "message"}, problems);
    const std::string unit = StringField(*body, "unit", problems);
    const std::string message = StringField(*body, "message", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto request = deps.reports.RequestReport(ctx.who(), *id, unit, message);
    if (!request) return ctx.ReplyError(request.error());
    ctx.Reply(201, views::RequestJson(*request, *deps.directory.Get()));
  });

  // A desk records its own report upward (上报): to a level above its own, by phone (whom it
  // told) or in writing (the text sent); `at` when it was told (default: now).
  router.Add("POST", "/api/v1/events/{id}/desk-reports", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"to", "channel", "told", "text", "at"}, problems);
    DeskReportDraft draft;
    draft.to = StringField(*body, "to", problems);
    draft.channel = StringField(*body, "channel", problems);
    draft.told = StringField(*body, "told", problems);
    draft.text = StringField(*body, "text", problems);
    draft.at = TimeField(*body, "at", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto report = deps.desk_reports.Record(ctx.who(), *id, draft);
    if (!report) return ctx.ReplyError(report.error());
    ctx.Reply(201, views::DeskReportJson(*report, *deps.directory.Get(), ctx.locale));
  });

  // The desk marks the event handled (处置完毕): its follow-up clocks close.
  router.Add("POST", "/api/v1/events/{id}/closure", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"reason", "at"}, problems);
    const std::string reason = StringField(*body, "reason", problems);
    const auto at = TimeField(*body, "at", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto closure = deps.desk_reports.Close(ctx.who(), *id, reason, at);
    if (!closure) return ctx.ReplyError(closure.error());
    ctx.Reply(201, views::ClosureJson(*closure));
  });

  // The written report's draft, generated from the event's 综合情况, for the officer to edit.
  router.Add("GET", "/api/v1/events/{id}/desk-report-draft", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto text = deps.desk_reports.Draft(ctx.who(), *id);
    if (!text) return ctx.ReplyError(text.error());
    ctx.Reply(200, json::object{{"event_id", *id}, {"text", *text}});
  });

  // The desk confirms or dismisses a sensitive factor (A3), with a reason.
  router.Add("POST", "/api/v1/events/{id}/sensitive", Access::Only({Role::kDesk}), [&deps](Context& ctx) {
    const auto id = IdParam(ctx, "unknown_event");
    if (!id) return;
    auto body = JsonBody(ctx.request);
    if (!body) return ctx.ReplyError(body.error());
    std::vector<FieldError> problems;
    RejectUnknown(*body, {"action", "kind", "code", "reason"}, problems);
    SensitiveAdjustment a;
    a.action = StringField(*body, "action", problems);
    a.kind = StringField(*body, "kind", problems);
    a.code = StringField(*body, "code", problems);
    a.reason = StringField(*body, "reason", problems);
    if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
    auto row = deps.reports.AdjustSensitive(ctx.who(), *id, std::move(a));
    if (!row) return ctx.ReplyError(row.error());
    auto nullable = [](const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); };
    ctx.Reply(
        201,
        json::object{{"event_id", row->id}, {"grade", nullable(row->grade)}, {"report_to", nullable(row->report_to)}});
  });

  // Live push: each committed change the caller may see as "id: <seq>", "event: <type>"
  // (report, request, desk_report, event, clock, closure) and data {event_id, report_id, kind, unit, at}, and
  // a ": ping" comment every heartbeat. With Last-Event-ID the missed changes come first
  // (StreamFeed, CatchUp). At most LiveStreamsOptions::max_per_user streams per user (429
  // too_many_streams); a stream ends with its session (logout, expiry: checked at each
  // heartbeat) and when its reader falls too far behind (http_server.h).
  router.Add("GET", "/api/v1/stream", Access::AnyUser(), [&deps](Context& ctx) {
    const Principal who = ctx.who();
    // Checked at each heartbeat without counting as activity: an open page alone does not
    // keep a session from its idle timeout.
    auto still_valid = [&auth = deps.auth, token = ctx.token] { return auth.StillValid(token); };
    auto stream = deps.live_streams.Open(who.user_id, Blake2bHex(ctx.token), std::move(still_valid));
    if (!stream) return ctx.ReplyError(stream.error());
    HttpResponse head;
    head.content_type = "text/event-stream; charset=utf-8";
    auto sink = ctx.responder->StartStream(std::move(head));
    if (!sink) return;
    (*stream)->Attach(sink);
    sink->Send(": connected\n\n");
    const auto& options = deps.live_streams.options();
    auto feed = std::make_shared<StreamFeed>(
        sink, [who, &deps](const Notice& n) { return Concerns(who, n, *deps.directory.Get()); }, options.max_held);
    // Subscribed before the log is read (StreamFeed's contract). The subscription owns the
    // stream's registration; both end when the connection closes.
    const auto subscription = deps.bus.Subscribe([feed, stream = *stream](const Notice& n) { return feed->OnLive(n); });
    sink->OnClose([&bus = deps.bus, subscription] { bus.Unsubscribe(subscription); });
    if (!CatchUp(*feed, deps.store, ResumeFrom(ctx.request), options.max_replay)) sink->Close();
  });
}

}  // namespace shaobing::api
