#include "api/api.h"

#include <boost/json.hpp>

#include "api/query_params.h"

namespace shaobing::api {

std::optional<std::int64_t> ParseNumericId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

int LimitParam(const HttpRequest& request, int fallback, std::vector<FieldError>& problems) {
  const auto it = request.query.find("limit");
  if (it == request.query.end()) return fallback;
  const auto n = ParseNumericId(it->second);
  if (!n || *n < 1 || *n > 500) {
    problems.push_back({"invalid_query", "limit", {{"value", it->second}}});
    return fallback;
  }
  return static_cast<int>(*n);
}

Result<boost::json::object> JsonBody(const HttpRequest& request) {
  boost::system::error_code ec;
  auto v = boost::json::parse(request.body, ec);
  if (ec) return Fail(Error::Make(ErrorCode::kInvalidArgument, "invalid_json", "", {{"detail", ec.message()}}));
  if (!v.is_object()) return Fail(Error::Make(ErrorCode::kInvalidArgument, "not_an_object", ""));
  return std::move(v.as_object());
}

void RejectUnknown(const boost::json::object& body, std::initializer_list<std::string_view> known,
                   std::vector<FieldError>& problems) {
  for (const auto& kv : body) {
    if (std::find(known.begin(), known.end(), kv.key()) == known.end()) {
      problems.push_back({"unknown_field", std::string(kv.key()), {}});
    }
  }
}

std::optional<std::int64_t> IdParam(Context& ctx, const char* reason) {
  auto id = ParseNumericId(ctx.Param("id"));
  if (!id) ctx.ReplyError(Error::Make(ErrorCode::kNotFound, reason, "id", {{"value", ctx.Param("id")}}));
  return id;
}

std::string StringField(const boost::json::object& body, std::string_view key, std::vector<FieldError>& problems) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) {
    problems.push_back({"wrong_type", std::string(key), {{"expected", "string"}}});
    return {};
  }
  return std::string(v->get_string());
}

std::optional<TimePoint> TimeField(const boost::json::object& body, std::string_view key,
                                   std::vector<FieldError>& problems) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) {
    problems.push_back({"wrong_type", std::string(key), {{"expected", "string"}}});
    return std::nullopt;
  }
  auto t = ParseIsoTime(v->get_string());
  if (!t) problems.push_back({"invalid_time", std::string(key), {{"value", std::string(v->get_string())}}});
  return t;
}

Result<std::string> ReasonBody(const HttpRequest& request) {
  auto body = JsonBody(request);
  if (!body) return Fail(body.error());
  std::vector<FieldError> problems;
  RejectUnknown(*body, {"reason"}, problems);
  std::string reason = StringField(*body, "reason", problems);
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  return reason;
}

Error Busy() { return Error::Make(ErrorCode::kUnavailable, "busy", "", {{"retry_after", "1"}}); }

std::unique_ptr<Router> BuildRouter(ApiDeps& deps) {
  // Every refusal of an authenticated caller is audited (who, what, from where).
  auto denials = [&deps](const RequestInfo& r, const Error& e) {
    deps.store.Submit(
        [r, reason = e.reason](Transaction& tx) {
          return tx.Audit(r.actor, "access.denied", r.path.substr(0, 256),
                          {{"method", r.method},
                           {"route", r.route},
                           {"reason", reason},
                           {"address", r.client_address},
                           {"request_id", r.request_id}});
        },
        [](Status) {});
  };
  auto router = std::make_unique<Router>([&deps](std::string_view token) { return deps.auth.Authenticate(token); },
                                         RouterOptions{.trust_forwarded_for = deps.trust_forwarded_for}, denials);
  AddSystemRoutes(*router, deps);
  AddAuthRoutes(*router, deps);
  AddReportRoutes(*router, deps);
  AddEventRoutes(*router, deps);
  AddAdminRoutes(*router, deps);
  AddUserRoutes(*router, deps);
  AddStandardsRoutes(*router, deps);
  AddFusionRoutes(*router, deps);
  if (deps.notifications != nullptr) AddNotificationRoutes(*router, deps);
  if (deps.consultations != nullptr) AddConsultationRoutes(*router, deps);
  if (deps.attachments != nullptr) AddAttachmentRoutes(*router, deps);
  if (deps.timeliness != nullptr) AddTimelinessRoutes(*router, deps);
  if (deps.duty != nullptr && deps.escalations != nullptr) AddDutyRoutes(*router, deps);
  if (deps.duty != nullptr && deps.handovers != nullptr) AddHandoverRoutes(*router, deps);
  return router;
}

}  // namespace shaobing::api
