#pragma once
// Attachments (issue 11, point 9): scene photos and documents uploaded once, kept by content,
// and linked to the rows that carry them — reports now, a consultation's answer or another
// owner kind later (AddOwnerKind and LinkInWrite are the API such a feature calls).
//
// Upload: the type is sniffed from the content against the allow-list (media/sniff.h), the
// size and the per-account limits are checked, an image gets our thumbnail (media/thumbnail.h)
// and must decode, the file is durable before its row commits (store/attachment_files.h), and
// the same content uploaded again is stored once. Every upload and link is audited.
//
// Who may open a content: an account that uploaded it, or one that may see an owner carrying
// it (for a report: services/event_query.h ReportFor — its unit's own report, or a report of
// an event it sees whole). Anyone else is answered as for an unknown content.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "media/thumbnail.h"
#include "services/event_query.h"
#include "store/attachment_files.h"
#include "store/store.h"

namespace shaobing {

inline constexpr char kReportOwner[] = "report";
inline constexpr char kConsultationAnswerOwner[] = "consultation_answer";

struct AttachmentLimits {
  size_t max_file_bytes = size_t{10} << 20;  // one file; never more than the HTTP body limit
  size_t max_name_bytes = 200;               // the file name as given (UTF-8 bytes)
  int uploads_per_day = 100;                 // per account, over the last 24 hours
  std::int64_t bytes_per_day = std::int64_t{300} << 20;
  int max_per_owner = 20;  // attachments one report (or other owner) carries
  media::ThumbnailLimits thumbnails;
};

// What an upload answers: the content and the name this caller gave it.
struct UploadedAttachment {
  AttachmentRecord content;
  std::string file_name;
};

// A content a caller may open, with the name to offer it under and its bytes.
struct AttachmentDownload {
  AttachmentRecord content;
  std::string file_name;
  std::string bytes;  // the original, or the thumbnail (JPEG) when asked for
};

class AttachmentService {
 public:
  // Whether `who` may see the owner row `owner_id` of a kind (and so its attachments).
  using OwnerVisibility = std::function<bool(const Principal& who, std::int64_t owner_id)>;

  AttachmentService(Store& store, const AttachmentFiles& files, EventQuery& events, const Clock& clock,
                    AttachmentLimits limits = {});

  // Keeps `content` uploaded by `who` as `file_name`. kInvalidArgument naming the field:
  // "attachment_empty", kTooLarge "attachment_too_large" (max), "attachment_type_refused" (value, allowed),
  // "image_too_large", "image_unreadable", "text_too_long"/"invalid_value" (name);
  // kExhausted "too_many_attachments" over the account's limits.
  Result<UploadedAttachment> Upload(const Principal& who, std::string_view file_name, std::string_view content);

  // Links already-uploaded contents to the owner row `owner_kind`/`owner_id`, inside the
  // caller's own write job (after it checked that `who` may attach to that row). Each content
  // must exist and have been uploaded by `who` (or be on an owner `who` may see); at most
  // max_per_owner on one owner. Errors name `field` ("attachments[i]"): "unknown_attachment"
  // (kNotFound), "attachment_already_linked" (kConflict), "too_many_linked" (max). Audited
  // ("attachment.link", target "<owner_kind>:<owner_id>").
  Status LinkInWrite(Transaction& tx, const Principal& who, std::string_view owner_kind, std::int64_t owner_id,
                     const std::vector<std::string>& sha256s, std::string_view field = "attachments");

  // The submitter of report `report_id` attaches contents to it (the report form uploads,
  // submits, then attaches). kNotFound "unknown_report" for a report `who` may not read;
  // kPermissionDenied "not_submitter" for one it did not submit.
  Result<std::vector<LinkedAttachment>> AttachToReport(const Principal& who, ReportId report_id,
                                                       const std::vector<std::string>& sha256s);

  // Registers who may see an owner kind's rows ("report" is registered by the constructor).
  void AddOwnerKind(std::string owner_kind, OwnerVisibility visible);

  // The content (or its thumbnail) for `who`. kNotFound "unknown_attachment" for an unknown
  // content, one without a thumbnail when asked for one, and (a denial) one `who` may not open.
  Result<AttachmentDownload> Open(const Principal& who, std::string_view sha256, bool thumbnail);

  // The attachments of reports, by report id (the event view).
  Result<std::map<ReportId, std::vector<LinkedAttachment>>> OfReports(const std::vector<ReportId>& ids);
  // The attachments of owners of a kind, by owner id (ids without any are left out).
  Result<std::map<std::int64_t, std::vector<LinkedAttachment>>> OfOwners(std::string_view owner_kind,
                                                                         const std::vector<std::int64_t>& ids);

  const AttachmentLimits& limits() const { return limits_; }

 private:
  // The name `who` may know the content by, when it may open it at all.
  Result<std::optional<std::string>> NameFor(const Principal& who, const AttachmentRecord& content);

  Store& store_;
  const AttachmentFiles& files_;
  EventQuery& events_;
  const Clock& clock_;
  AttachmentLimits limits_;
  std::map<std::string, OwnerVisibility, std::less<>> owners_;  // filled before serving, read-only after
};

}  // namespace shaobing
