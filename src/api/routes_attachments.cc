// Attachments: POST /api/v1/attachments (the file as the body), GET /api/v1/attachments/{sha256}
// and …/thumbnail (always as a download), POST /api/v1/reports/{id}/attachments.
#include <boost/json.hpp>
#include <cctype>

#include "api/api.h"
#include "views/attachment_json.h"

namespace shaobing::api {
namespace json = boost::json;
namespace {

// `name` as an ASCII fallback (anything else and the quoting characters become '_') and as
// RFC 5987 UTF-8 percent-encoding, for Content-Disposition.
std::string DispositionOf(std::string_view name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const unsigned char c : name) {
    // One '_' per character the fallback cannot carry (a UTF-8 sequence's first byte only).
    const bool plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';';
    if (plain) {
      ascii += static_cast<char>(c);
    } else if (c < 0x80 || c >= 0xc0) {
      ascii += '_';
    }
    const bool attr_char =
        std::isalnum(c) != 0 || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (attr_char && c < 0x80) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xf];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

void ReplyDownload(Context& ctx, AttachmentService& attachments, bool thumbnail) {
  auto got = attachments.Open(ctx.who(), ctx.Param("sha256"), thumbnail);
  if (!got) return ctx.ReplyError(got.error());
  HttpResponse r;
  r.status = 200;
  // The original is never given a type a browser would render; the thumbnail is our own JPEG.
  r.content_type = thumbnail ? "image/jpeg" : "application/octet-stream";
  r.body = std::move(got->bytes);
  const std::string name = thumbnail ? got->file_name + ".thumb.jpg" : got->file_name;
  r.headers = {{"Content-Disposition", DispositionOf(name)},
               {"X-Content-Type-Options", "nosniff"},
               {"Cache-Control", "private, max-age=0, no-store"}};
  ctx.ReplyRaw(std::move(r));
}

}  // namespace

void AddAttachmentRoutes(Router& router, ApiDeps& deps) {
  AttachmentService& attachments = *deps.attachments;
  // The file is the body (application/octet-stream); its name in ?name=. The type is sniffed.
  router.Add(
      "POST", "/api/v1/attachments", Access::Only({Role::kReporter, Role::kDesk, Role::kExpert}).OctetStreamBody(),
      [&attachments](Context& ctx) {
        std::vector<FieldError> problems;
        for (const auto& [key, value] : ctx.request.query) {
          if (key != "name") problems.push_back({"unknown_field", key, {}});
        }
        if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
        const auto name = ctx.request.query.find("name");
        auto up = attachments.Upload(ctx.who(), name != ctx.request.query.end() ? name->second : "", ctx.request.body);
        if (!up) return ctx.ReplyError(up.error());
        ctx.Reply(201, views::AttachmentJson(up->content, up->file_name),
                  {{"Location", "/api/v1/attachments/" + up->content.sha256}});
      });

  router.Add("GET", "/api/v1/attachments/{sha256}", Access::AnyUser(),
             [&attachments](Context& ctx) { ReplyDownload(ctx, attachments, false); });
  router.Add("GET", "/api/v1/attachments/{sha256}/thumbnail", Access::AnyUser(),
             [&attachments](Context& ctx) { ReplyDownload(ctx, attachments, true); });

  // The report's submitter attaches uploaded contents: {"attachments": ["<sha256>", ...]}.
  router.Add(
      "POST", "/api/v1/reports/{id}/attachments", Access::Only({Role::kReporter, Role::kDesk}),
      [&attachments](Context& ctx) {
        const auto id = IdParam(ctx, "unknown_report");
        if (!id) return;
        auto body = JsonBody(ctx.request);
        if (!body) return ctx.ReplyError(body.error());
        std::vector<FieldError> problems;
        RejectUnknown(*body, {"attachments"}, problems);
        std::vector<std::string> ids;
        const auto* list = body->if_contains("attachments");
        if (list == nullptr) {
          problems.push_back({"missing_field", "attachments", {}});
        } else if (!list->is_array()) {
          problems.push_back({"wrong_type", "attachments", {{"expected", "array"}}});
        } else {
          for (size_t i = 0; i < list->as_array().size(); ++i) {
            const auto& v = list->as_array()[i];
            if (!v.is_string()) {
              problems.push_back({"wrong_type", "attachments[" + std::to_string(i) + "]", {{"expected", "string"}}});
            } else {
              ids.emplace_back(v.as_string());
            }
          }
        }
        if (!problems.empty()) return ctx.ReplyError(Error::Invalid(std::move(problems)));
        auto linked = attachments.AttachToReport(ctx.who(), *id, ids);
        if (!linked) return ctx.ReplyError(linked.error());
        ctx.Reply(201, json::object{{"report_id", *id}, {"attachments", views::LinkedAttachmentsJson(*linked)}});
      });
}

}  // namespace shaobing::api
