// Feeds: an uploaded file's bytes to media::SniffMediaType (libmagic) and, when the sniffed
// type is an allowed image, to media::MakeThumbnail (libvips, with small limits so that the
// header check before decoding is reached often) — the path POST /api/v1/attachments takes.
// Asserts: no crash, leak or undefined behaviour; a refusal is a client error whose message
// renders; a thumbnail is a JPEG (FF D8 FF … FF D9) that libvips reads back at most
// max_side pixels on each side.
#include <vips/vips.h>

#include <cstdint>

#include "fuzz_support.h"
#include "media/sniff.h"
#include "media/thumbnail.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace shaobing;
  const std::string_view bytes = fuzz::Text(data, size);
  const std::string type = media::SniffMediaType(bytes);
  FUZZ_CHECK(!type.empty(), "libmagic runs");
  const auto allowed = media::FindAllowed(type);
  if (!allowed || !allowed->image) return 0;
  const media::ThumbnailLimits limits{.max_side = 32, .max_pixels = 1 << 20, .max_dimension = 4096};
  auto thumb = media::MakeThumbnail(bytes, limits);
  if (!thumb) {
    fuzz::CheckInputError(thumb.error());
    return 0;
  }
  FUZZ_CHECK(thumb->size() > 4 && thumb->starts_with("\xFF\xD8\xFF") && thumb->ends_with("\xFF\xD9"), "a JPEG");
  VipsImage* back = vips_image_new_from_buffer(thumb->data(), thumb->size(), "", nullptr);
  FUZZ_CHECK(back != nullptr, "the thumbnail reads back");
  FUZZ_CHECK(vips_image_get_width(back) <= limits.max_side && vips_image_get_height(back) <= limits.max_side,
             "the thumbnail fits");
  g_object_unref(back);
  return 0;
}
