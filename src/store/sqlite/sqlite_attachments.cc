// The SQLite engine's attachments (migration 0012): contents, uploads and links (parts of
// SqliteTransaction, and the queries its readers share).
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "store/sqlite/sqlite_rows.h"
#include "store/sqlite/sqlite_transaction.h"

namespace shaobing::sqlite {
namespace {

#define SB_ATTACHMENT_COLUMNS "sha256, size, media_type, has_thumbnail, file_name, uploaded_by, created_at"
#define SB_UPLOAD_COLUMNS "id, sha256, uploaded_by, file_name, size, uploaded_at"
#define SB_LINK_COLUMNS "sha256, owner_kind, owner_id, file_name, linked_by, linked_at"

AttachmentRecord ReadAttachment(const Stmt& s, int at = 0) {
  return AttachmentRecord{s.Text(at),
                          s.Int(at + 1),
                          s.Text(at + 2),
                          s.Int(at + 3) != 0,
                          s.Text(at + 4),
                          s.Text(at + 5),
                          FromUnixMillis(s.Int(at + 6))};
}

AttachmentUpload ReadUpload(const Stmt& s) {
  return AttachmentUpload{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4), FromUnixMillis(s.Int(5))};
}

AttachmentLink ReadLink(const Stmt& s) {
  return AttachmentLink{s.Text(0), s.Text(1), s.Int(2), s.Text(3), s.Text(4), FromUnixMillis(s.Int(5))};
}

}  // namespace

Result<std::optional<AttachmentRecord>> QueryAttachment(Db& db, std::string_view sha256) {
  auto s = db.Prepare("SELECT " SB_ATTACHMENT_COLUMNS " FROM attachments WHERE sha256 = ?1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, sha256);
  auto rows = All<AttachmentRecord>(**s, [](const Stmt& st) { return ReadAttachment(st); });
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<AttachmentRecord>();
  return std::optional<AttachmentRecord>(std::move(rows->front()));
}

Result<std::vector<AttachmentLink>> QueryLinksOfAttachment(Db& db, std::string_view sha256) {
  auto s = db.Prepare("SELECT " SB_LINK_COLUMNS " FROM attachment_links WHERE sha256 = ?1 ORDER BY linked_at");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, sha256);
  return All<AttachmentLink>(**s, ReadLink);
}

Result<std::vector<LinkedAttachment>> QueryAttachmentsOfOwners(Db& db, std::string_view owner_kind,
                                                               const std::vector<std::int64_t>& owner_ids) {
  if (owner_ids.empty()) return std::vector<LinkedAttachment>{};
  boost::json::array ids;
  for (const auto id : owner_ids) ids.push_back(id);
  auto s = db.Prepare(
      "SELECT l.sha256, l.owner_kind, l.owner_id, l.file_name, l.linked_by, l.linked_at, "
      "a.sha256, a.size, a.media_type, a.has_thumbnail, a.file_name, a.uploaded_by, a.created_at "
      "FROM attachment_links l JOIN attachments a ON a.sha256 = l.sha256 "
      "WHERE l.owner_kind = ?1 AND l.owner_id IN (SELECT value FROM json_each(?2)) "
      "ORDER BY l.owner_id, l.rowid");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, owner_kind).Bind(2, boost::json::serialize(ids));
  return All<LinkedAttachment>(**s, [](const Stmt& st) {
    return LinkedAttachment{ReadLink(st), ReadAttachment(st, 6)};
  });
}

Result<std::optional<AttachmentUpload>> QueryLatestUploadBy(Db& db, std::string_view account, std::string_view sha256) {
  auto s = db.Prepare("SELECT " SB_UPLOAD_COLUMNS
                      " FROM attachment_uploads WHERE sha256 = ?1 AND uploaded_by = ?2 ORDER BY id DESC LIMIT 1");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, sha256).Bind(2, account);
  auto rows = All<AttachmentUpload>(**s, ReadUpload);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return std::optional<AttachmentUpload>();
  return std::optional<AttachmentUpload>(std::move(rows->front()));
}

Result<std::optional<AttachmentRecord>> SqliteTransaction::GetAttachment(std::string_view sha256) {
  return QueryAttachment(db_, sha256);
}

Status SqliteTransaction::InsertAttachment(const AttachmentRecord& a) {
  auto s = db_.Prepare("INSERT INTO attachments (" SB_ATTACHMENT_COLUMNS
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (sha256) DO NOTHING");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, a.sha256).Bind(2, a.size).Bind(3, a.media_type).Bind(4, a.has_thumbnail ? 1 : 0);
  (*s)->Bind(5, a.file_name).Bind(6, a.uploaded_by).Bind(7, ToUnixMillis(a.created_at));
  return (*s)->Run();
}

Result<std::int64_t> SqliteTransaction::InsertAttachmentUpload(const AttachmentUpload& u) {
  auto s = db_.Prepare(
      "INSERT INTO attachment_uploads (sha256, uploaded_by, file_name, size, uploaded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, u.sha256).Bind(2, u.uploaded_by).Bind(3, u.file_name).Bind(4, u.size);
  (*s)->Bind(5, ToUnixMillis(u.uploaded_at));
  if (auto st = (*s)->Run(); !st) return Fail(st.error());
  return db_.LastInsertId();
}

Result<std::optional<AttachmentUpload>> SqliteTransaction::LatestUploadBy(std::string_view account,
                                                                          std::string_view sha256) {
  return QueryLatestUploadBy(db_, account, sha256);
}

Result<UploadTally> SqliteTransaction::UploadsSince(std::string_view account, TimePoint since) {
  return QueryUploadsSince(db_, account, since);
}

Result<UploadTally> QueryUploadsSince(Db& db, std::string_view account, TimePoint since) {
  auto s = db.Prepare(
      "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM attachment_uploads WHERE uploaded_by = ?1 AND uploaded_at >= ?2");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, account).Bind(2, ToUnixMillis(since));
  auto rows = All<UploadTally>(**s, [](const Stmt& st) { return UploadTally{st.Int(0), st.Int(1)}; });
  if (!rows) return Fail(rows.error());
  return rows->empty() ? UploadTally{} : rows->front();
}

Status SqliteTransaction::InsertAttachmentLink(const AttachmentLink& l) {
  auto s = db_.Prepare("INSERT INTO attachment_links (" SB_LINK_COLUMNS
                       ") VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (owner_kind, owner_id, sha256) DO NOTHING");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, l.sha256).Bind(2, l.owner_kind).Bind(3, l.owner_id).Bind(4, l.file_name).Bind(5, l.linked_by);
  (*s)->Bind(6, ToUnixMillis(l.linked_at));
  if (auto st = (*s)->Run(); !st) return st;
  if (sqlite3_changes(db_.raw()) == 0) {
    return Fail(Error::Make(ErrorCode::kConflict, "attachment_already_linked", "attachments", {{"value", l.sha256}}));
  }
  return {};
}

Result<std::vector<AttachmentLink>> SqliteTransaction::LinksOfOwner(std::string_view owner_kind,
                                                                    std::int64_t owner_id) {
  auto s = db_.Prepare("SELECT " SB_LINK_COLUMNS
                       " FROM attachment_links WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY rowid");
  if (!s) return Fail(s.error());
  (*s)->Bind(1, owner_kind).Bind(2, owner_id);
  return All<AttachmentLink>(**s, ReadLink);
}

}  // namespace shaobing::sqlite
