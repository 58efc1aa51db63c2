#pragma once
// JSON views of attachments: what an upload answers and what an owner (a report) carries.
// The name is the uploader's text: clients show it as text only.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>
#include <string_view>
#include <vector>

#include "store/attachment_records.h"

namespace shaobing::views {

// {sha256, name, media_type, size, has_thumbnail}
boost::json::object AttachmentJson(const AttachmentRecord& content, const std::string& name);
// The same with linked_by and linked_at.
boost::json::object LinkedAttachmentJson(const LinkedAttachment& attachment);
boost::json::array LinkedAttachmentsJson(const std::vector<LinkedAttachment>& attachments);
// Adds "attachments" (possibly empty) to each object of `parent[list]`, by its "id": the event
// view's "reports", a consultation's "answers".
void AddOwnedAttachments(boost::json::object& parent, std::string_view list,
                         const std::map<std::int64_t, std::vector<LinkedAttachment>>& by_owner);
// Adds "attachments" (possibly empty) to each item of the event view's "reports", by id.
void AddReportAttachments(boost::json::object& view,
                          const std::map<std::int64_t, std::vector<LinkedAttachment>>& by_report);

}  // namespace shaobing::views
