#pragma once
// The attachments' files, content-addressed under the data directory:
//   <data>/attachments/<first two hex>/<sha256>             the content, as uploaded
//   <data>/attachments/<first two hex>/<sha256>.thumb.jpg   its thumbnail (images only; ours)
// A file is written beside its place (…​.part), synced, renamed into place and its folder
// synced: once Put returns, the file survives a crash, so a row naming it may commit. The same
// content put twice is written once. Nothing here is ever deleted; a file whose row never
// committed (the write job failed after it) is kept and reused by the next upload of it.
// The folders are created 0700 and the files 0600 (the data directory's umask, app/data_dir.h).
#include <string>
#include <string_view>

#include "core/error.h"

namespace shaobing {

inline constexpr char kAttachmentsFolder[] = "attachments";

// True for 64 lowercase hex digits: the only names the file store opens.
bool IsContentId(std::string_view sha256);
// The SHA-256 of `content`, lowercase hex.
std::string ContentIdOf(std::string_view content);
// "attachments/ab/abcd…" (and with ".thumb.jpg"): the path relative to the data directory.
std::string ContentRelativePath(std::string_view sha256, bool thumbnail);

class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::string data_dir) : data_dir_(std::move(data_dir)) {}

  // Writes `content` durably as `sha256` (its thumbnail when `thumbnail`) unless already there.
  // kUnavailable "attachment_unwritable" when it cannot.
  Status Put(std::string_view sha256, std::string_view content, bool thumbnail = false) const;
  // The content (or thumbnail); kNotFound "unknown_attachment" when the file is missing.
  Result<std::string> Read(std::string_view sha256, bool thumbnail = false) const;

 private:
  std::string data_dir_;
};

}  // namespace shaobing
