#pragma once
// What the store keeps of attachments (migration 0012): the content once per SHA-256, every
// upload of it, and its links to owners' rows. The files themselves are the attachment file
// store's (store/attachment_files.h); a row is written only after its file is durable.
#include <cstdint>
#include <string>

#include "core/time.h"

namespace shaobing {

// One stored content.
struct AttachmentRecord {
  std::string sha256;  // lowercase hex, 64 characters
  std::int64_t size = 0;
  std::string media_type;  // sniffed (media/sniff.h), one of the allow-list
  bool has_thumbnail = false;
  std::string file_name;    // the first uploader's name for it
  std::string uploaded_by;  // the first uploader's account
  TimePoint created_at{};
};

// One upload of a content by an account (the same content uploaded again is another row and
// no other file).
struct AttachmentUpload {
  std::int64_t id = 0;
  std::string sha256;
  std::string uploaded_by;
  std::string file_name;
  std::int64_t size = 0;
  TimePoint uploaded_at{};
};

// A content on an owner's row: a report ("report", its id), a consultation's answer
// ("consultation_answer"), ...
struct AttachmentLink {
  std::string sha256;
  std::string owner_kind;
  std::int64_t owner_id = 0;
  std::string file_name;  // the name its linker uploaded it under
  std::string linked_by;
  TimePoint linked_at{};
};

// A link with its content's record, for the views.
struct LinkedAttachment {
  AttachmentLink link;
  AttachmentRecord content;
};

// What one account uploaded since a moment (the per-account limits).
struct UploadTally {
  std::int64_t count = 0;
  std::int64_t bytes = 0;
};

}  // namespace shaobing
