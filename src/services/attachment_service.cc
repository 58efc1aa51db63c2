#include "services/attachment_service.h"

#include <boost/json/array.hpp>

#include "core/utf8.h"
#include "media/sniff.h"

namespace shaobing {
namespace {

Error UnknownAttachment(std::string_view sha256, std::string field = "sha256") {
  return Error::Make(ErrorCode::kNotFound, "unknown_attachment", std::move(field), {{"value", std::string(sha256)}});
}

// The name as given, reduced to its last path part; problems named on field "name".
std::string CheckedName(std::string_view given, size_t max_bytes, std::vector<FieldError>& problems) {
  std::string name(given);
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name.erase(0, slash + 1);
  if (name.size() > max_bytes) {
    problems.push_back({"text_too_long", "name", {{"max", std::to_string(max_bytes)}}});
  } else if (!IsValidUtf8(name)) {
    problems.push_back({"invalid_value", "name", {{"value", ValidUtf8(name)}, {"allowed", "UTF-8"}}});
  } else {
    for (const unsigned char c : name) {
      if (c < 0x20 || c == 0x7f) {
        problems.push_back(
            {"invalid_value", "name", {{"value", ValidUtf8(name)}, {"allowed", "no control characters"}}});
        break;
      }
    }
  }
  return name;
}

boost::json::array IdsJson(const std::vector<std::string>& ids) {
  boost::json::array a;
  for (const auto& id : ids) a.emplace_back(id);
  return a;
}

}  // namespace

AttachmentService::AttachmentService(Store& store, const AttachmentFiles& files, EventQuery& events, const Clock& clock,
                                     AttachmentLimits limits)
    : store_(store), files_(files), events_(events), clock_(clock), limits_(limits) {
  AddOwnerKind(kReportOwner,
               [this](const Principal& who, std::int64_t id) { return static_cast<bool>(events_.ReportFor(who, id)); });
}

void AttachmentService::AddOwnerKind(std::string owner_kind, OwnerVisibility visible) {
  owners_[std::move(owner_kind)] = std::move(visible);
}

Result<UploadedAttachment> AttachmentService::Upload(const Principal& who, std::string_view file_name,
                                                     std::string_view content) {
  std::vector<FieldError> problems;
  std::string name = CheckedName(file_name, limits_.max_name_bytes, problems);
  if (!problems.empty()) return Fail(Error::Invalid(std::move(problems)));
  if (content.empty()) return Fail(Error::Make(ErrorCode::kInvalidArgument, "attachment_empty", "file"));
  if (content.size() > limits_.max_file_bytes) {
    return Fail(Error::Make(ErrorCode::kTooLarge, "attachment_too_large", "file",
                            {{"max", std::to_string(limits_.max_file_bytes)}}));
  }
  const std::string sniffed = media::SniffMediaType(content);
  const auto allowed = media::FindAllowed(sniffed);
  if (!allowed) {
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "attachment_type_refused", "file",
                    {{"value", sniffed.empty() ? "unknown" : sniffed}, {"allowed", media::AllowedTypesList()}}));
  }
  if (name.empty()) name = "attachment." + std::string(allowed->extension);

  // The limits are checked before any file is written (and again in the write job).
  const auto since = clock_.Now() - std::chrono::hours(24);
  auto over_limit = [&](const UploadTally& t) -> Status {
    if (t.count + 1 > limits_.uploads_per_day ||
        t.bytes + static_cast<std::int64_t>(content.size()) > limits_.bytes_per_day) {
      return Fail(Error::Make(
          ErrorCode::kExhausted, "too_many_attachments", "file",
          {{"max", std::to_string(limits_.uploads_per_day)}, {"max_bytes", std::to_string(limits_.bytes_per_day)}}));
    }
    return {};
  };
  auto tally = store_.UploadsSince(who.name, since);
  if (!tally) return Fail(tally.error());
  if (auto s = over_limit(*tally); !s) return Fail(s.error());

  std::string thumbnail;
  if (allowed->image) {
    auto made = media::MakeThumbnail(content, limits_.thumbnails);
    if (!made) return Fail(made.error());
    thumbnail = std::move(*made);
  }
  AttachmentRecord record{.sha256 = ContentIdOf(content),
                          .size = static_cast<std::int64_t>(content.size()),
                          .media_type = std::string(allowed->media_type),
                          .has_thumbnail = allowed->image,
                          .file_name = name,
                          .uploaded_by = who.name};
  if (auto s = files_.Put(record.sha256, content); !s) return Fail(s.error());
  if (allowed->image) {
    if (auto s = files_.Put(record.sha256, thumbnail, true); !s) return Fail(s.error());
  }
  auto written = store_.Write([&](Transaction& tx) -> Status {
    auto t = tx.UploadsSince(who.name, since);
    if (!t) return Fail(t.error());
    if (auto s = over_limit(*t); !s) return s;
    auto existing = tx.GetAttachment(record.sha256);
    if (!existing) return Fail(existing.error());
    if (*existing) {
      record = **existing;  // the same content: its first row stays
    } else {
      record.created_at = tx.Now();
      if (auto s = tx.InsertAttachment(record); !s) return s;
    }
    auto upload = tx.InsertAttachmentUpload(AttachmentUpload{.sha256 = record.sha256,
                                                             .uploaded_by = who.name,
                                                             .file_name = name,
                                                             .size = record.size,
                                                             .uploaded_at = tx.Now()});
    if (!upload) return Fail(upload.error());
    return tx.Audit("user:" + who.name, "attachment.upload", "attachment:" + record.sha256,
                    {{"upload", *upload},
                     {"name", name},
                     {"size", record.size},
                     {"media_type", record.media_type},
                     {"stored_before", existing->has_value()}});
  });
  if (!written) return Fail(written.error());
  return UploadedAttachment{std::move(record), std::move(name)};
}

Status AttachmentService::LinkInWrite(Transaction& tx, const Principal& who, std::string_view owner_kind,
                                      std::int64_t owner_id, const std::vector<std::string>& sha256s,
                                      std::string_view field) {
  auto present = tx.LinksOfOwner(owner_kind, owner_id);
  if (!present) return Fail(present.error());
  if (present->size() + sha256s.size() > static_cast<size_t>(limits_.max_per_owner)) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "too_many_linked", std::string(field),
                            {{"max", std::to_string(limits_.max_per_owner)}}));
  }
  for (size_t i = 0; i < sha256s.size(); ++i) {
    const std::string& sha = sha256s[i];
    const std::string at = std::string(field) + "[" + std::to_string(i) + "]";
    if (!IsContentId(sha)) return Fail(UnknownAttachment(sha, at));
    auto content = tx.GetAttachment(sha);
    if (!content) return Fail(content.error());
    if (!*content) return Fail(UnknownAttachment(sha, at));
    auto upload = tx.LatestUploadBy(who.name, sha);
    if (!upload) return Fail(upload.error());
    std::string name;
    if (*upload) {
      name = (*upload)->file_name;
    } else {
      auto known = NameFor(who, **content);
      if (!known) return Fail(known.error());
      if (!*known) return Fail(Error::Denied(UnknownAttachment(sha, at)));
      name = **known;
    }
    const AttachmentLink link{.sha256 = sha,
                              .owner_kind = std::string(owner_kind),
                              .owner_id = owner_id,
                              .file_name = name,
                              .linked_by = who.name,
                              .linked_at = tx.Now()};
    if (auto s = tx.InsertAttachmentLink(link); !s) {
      Error e = s.error();
      if (e.reason == "attachment_already_linked") e.field = at;
      return Fail(std::move(e));
    }
  }
  return tx.Audit("user:" + who.name, "attachment.link", std::string(owner_kind) + ":" + std::to_string(owner_id),
                  {{"attachments", IdsJson(sha256s)}});
}

Result<std::vector<LinkedAttachment>> AttachmentService::AttachToReport(const Principal& who, ReportId report_id,
                                                                        const std::vector<std::string>& sha256s) {
  auto report = events_.ReportFor(who, report_id);
  if (!report) return Fail(report.error());
  if (report->logged_by != who.name) {
    return Fail(
        Error::Make(ErrorCode::kPermissionDenied, "not_submitter", "id", {{"value", std::to_string(report_id)}}));
  }
  if (sha256s.empty()) return Fail(Error::Invalid({{"missing_field", "attachments", {}}}));
  auto event = store_.GetEvent(report->event_id);
  if (!event) return Fail(event.error());
  const std::string region = *event ? (*event)->region : "";
  auto written = store_.Write([&](Transaction& tx) -> Status {
    if (auto s = LinkInWrite(tx, who, kReportOwner, report_id, sha256s); !s) return s;
    return tx.Publish(ChangeRecord{.type = "attachment",
                                   .event_id = report->event_id,
                                   .report_id = report_id,
                                   .unit = report->draft.unit,
                                   .region = region});
  });
  if (!written) return Fail(written.error());
  auto linked = OfReports({report_id});
  if (!linked) return Fail(linked.error());
  return (*linked)[report_id];
}

Result<std::optional<std::string>> AttachmentService::NameFor(const Principal& who, const AttachmentRecord& content) {
  auto upload = store_.LatestUploadBy(who.name, content.sha256);
  if (!upload) return Fail(upload.error());
  if (*upload) return std::optional<std::string>((*upload)->file_name);
  auto links = store_.LinksOfAttachment(content.sha256);
  if (!links) return Fail(links.error());
  for (const auto& link : *links) {
    const auto owner = owners_.find(link.owner_kind);
    if (owner != owners_.end() && owner->second(who, link.owner_id)) return std::optional<std::string>(link.file_name);
  }
  return std::optional<std::string>();
}

Result<AttachmentDownload> AttachmentService::Open(const Principal& who, std::string_view sha256, bool thumbnail) {
  if (!IsContentId(sha256)) return Fail(UnknownAttachment(sha256));
  auto content = store_.GetAttachment(sha256);
  if (!content) return Fail(content.error());
  if (!*content) return Fail(UnknownAttachment(sha256));
  auto name = NameFor(who, **content);
  if (!name) return Fail(name.error());
  if (!*name) return Fail(Error::Denied(UnknownAttachment(sha256)));
  if (thumbnail && !(*content)->has_thumbnail) return Fail(UnknownAttachment(sha256));
  auto bytes = files_.Read(sha256, thumbnail);
  if (!bytes) return Fail(Error::Internal("attachment file missing: " + std::string(sha256)));
  return AttachmentDownload{std::move(**content), std::move(**name), std::move(*bytes)};
}

Result<std::map<ReportId, std::vector<LinkedAttachment>>> AttachmentService::OfReports(
    const std::vector<ReportId>& ids) {
  return OfOwners(kReportOwner, ids);
}

Result<std::map<std::int64_t, std::vector<LinkedAttachment>>> AttachmentService::OfOwners(
    std::string_view owner_kind, const std::vector<std::int64_t>& ids) {
  auto rows = store_.AttachmentsOfOwners(owner_kind, ids);
  if (!rows) return Fail(rows.error());
  std::map<std::int64_t, std::vector<LinkedAttachment>> out;
  for (auto& row : *rows) out[row.link.owner_id].push_back(std::move(row));
  return out;
}

}  // namespace shaobing
