#pragma once
// The type of an uploaded file, from its content alone (libmagic): what the client says is
// never believed. Only the types of the allow-list are kept:
//   image/jpeg, image/png, image/webp            scene photos (thumbnailed, media/thumbnail.h)
//   application/pdf                              documents
//   application/vnd.openxmlformats-officedocument.wordprocessingml.document   (.docx)
//   application/vnd.openxmlformats-officedocument.spreadsheetml.sheet         (.xlsx)
//   text/plain                                   notes
// Not kept: HTML, SVG, scripts, executables, archives, the old binary Office formats (macros),
// GIF (animations, a decoder of its own) and whatever libmagic does not recognise. Whatever is
// kept is still served only as a download (application/octet-stream, nosniff).
#include <optional>
#include <string>
#include <string_view>

namespace shaobing::media {

struct AllowedType {
  std::string_view media_type;
  std::string_view extension;  // the usual one, without the dot
  bool image = false;          // thumbnailed
};

// The libmagic media type of `content` ("application/octet-stream" when unknown, "" when
// libmagic cannot run). Thread-safe (one libmagic handle per thread).
std::string SniffMediaType(std::string_view content);

// The allow-list entry of a sniffed type; nullopt when it is not allowed.
std::optional<AllowedType> FindAllowed(std::string_view media_type);

// The allow-list's types, comma-separated (for error messages).
std::string AllowedTypesList();

}  // namespace shaobing::media
