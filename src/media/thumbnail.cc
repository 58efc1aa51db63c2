#include "media/thumbnail.h"

#include <vips/vips.h>

#include <memory>

namespace shaobing::media {
namespace {

Error Unreadable(std::string_view detail) {
  return Error::Make(ErrorCode::kInvalidArgument, "image_unreadable", "file", {{"detail", std::string(detail)}});
}

// Starts libvips once for the process, locked down for untrusted input.
bool StartVips() {
  static const bool kStarted = [] {
    if (VIPS_INIT("shaobing") != 0) return false;
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* allowed : {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp"}) {
      vips_operation_block_set(allowed, FALSE);
    }
    return true;
  }();
  return kStarted;
}

// The last libvips error, taken (the buffer is per process: cleared after reading).
std::string TakeVipsError() {
  std::string message = vips_error_buffer();
  vips_error_clear();
  return message.substr(0, 200);
}

struct Unref {
  void operator()(VipsImage* i) const { g_object_unref(i); }
};
using ImagePtr = std::unique_ptr<VipsImage, Unref>;

}  // namespace

Result<std::string> MakeThumbnail(std::string_view image, const ThumbnailLimits& limits) {
  if (!StartVips()) return Fail(Unreadable("libvips did not start"));
  // Only the header is read here: libvips decodes lazily.
  ImagePtr header(vips_image_new_from_buffer(image.data(), image.size(), "", nullptr));
  if (!header) return Fail(Unreadable(TakeVipsError()));
  const int width = vips_image_get_width(header.get());
  const int height = vips_image_get_height(header.get());
  header.reset();
  if (width <= 0 || height <= 0 || width > limits.max_dimension || height > limits.max_dimension ||
      static_cast<std::int64_t>(width) * height > limits.max_pixels) {
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "image_too_large", "file",
                            {{"width", std::to_string(width)},
                             {"height", std::to_string(height)},
                             {"max", std::to_string(limits.max_pixels)}}));
  }
  VipsImage* out = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(image.data()), image.size(), &out, limits.max_side, "height",
                            limits.max_side, "size", VIPS_SIZE_DOWN, nullptr) != 0) {
    return Fail(Unreadable(TakeVipsError()));
  }
  ImagePtr thumb(out);
  if (vips_image_hasalpha(thumb.get()) != 0) {  // transparency on white, as a viewer shows it
    VipsArrayDouble* white = vips_array_double_newv(1, 255.0);
    VipsImage* flat = nullptr;
    const int failed = vips_flatten(thumb.get(), &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (failed != 0) return Fail(Unreadable(TakeVipsError()));
    thumb.reset(flat);
  }
  void* buffer = nullptr;
  size_t length = 0;
  if (vips_jpegsave_buffer(thumb.get(), &buffer, &length, "Q", 80, "strip", TRUE, nullptr) != 0) {
    return Fail(Unreadable(TakeVipsError()));
  }
  std::string jpeg(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return jpeg;
}

}  // namespace shaobing::media
