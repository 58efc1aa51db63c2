#include "views/attachment_json.h"

#include "core/time.h"

namespace shaobing::views {

boost::json::object AttachmentJson(const AttachmentRecord& content, const std::string& name) {
  return {{"sha256", content.sha256},
          {"name", name},
          {"media_type", content.media_type},
          {"size", content.size},
          {"has_thumbnail", content.has_thumbnail}};
}

boost::json::object LinkedAttachmentJson(const LinkedAttachment& a) {
  auto o = AttachmentJson(a.content, a.link.file_name);
  o["linked_by"] = a.link.linked_by;
  o["linked_at"] = FormatShanghai(a.link.linked_at);
  return o;
}

boost::json::array LinkedAttachmentsJson(const std::vector<LinkedAttachment>& attachments) {
  boost::json::array out;
  for (const auto& a : attachments) out.push_back(LinkedAttachmentJson(a));
  return out;
}

void AddOwnedAttachments(boost::json::object& parent, std::string_view list,
                         const std::map<std::int64_t, std::vector<LinkedAttachment>>& by_owner) {
  auto* items = parent.if_contains(list);
  if (items == nullptr || !items->is_array()) return;
  for (auto& item : items->as_array()) {
    if (!item.is_object()) continue;
    auto& owner = item.as_object();
    const auto* id = owner.if_contains("id");
    const auto found = id != nullptr && id->is_int64() ? by_owner.find(id->as_int64()) : by_owner.end();
    owner["attachments"] = found != by_owner.end() ? LinkedAttachmentsJson(found->second) : boost::json::array{};
  }
}

void AddReportAttachments(boost::json::object& view,
                          const std::map<std::int64_t, std::vector<LinkedAttachment>>& by_report) {
  AddOwnedAttachments(view, "reports", by_report);
}

}  // namespace shaobing::views
