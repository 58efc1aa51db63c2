#pragma once
// Thumbnails of scene photos, made by us (libvips): the image is decoded with
// shrink-on-load, fitted in a square of `max_side` pixels, turned upright by its EXIF
// orientation and re-encoded as a baseline JPEG without metadata. Only the JPEG, PNG and WebP
// loaders may run (libvips' other loaders are blocked), one thread, no operation cache.
// Decompression bombs: the dimensions are read from the header first and an image of more
// than `max_pixels` or wider/higher than `max_dimension` is refused before any decoding.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace shaobing::media {

struct ThumbnailLimits {
  int max_side = 320;                     // the thumbnail fits in max_side × max_side
  std::int64_t max_pixels = 100'000'000;  // a 108 MP phone photo is about that
  int max_dimension = 20'000;             // either side
};

// The JPEG thumbnail of `image`. kInvalidArgument "image_too_large" (width, height, max) when
// over the limits, "image_unreadable" when libvips cannot decode it.
Result<std::string> MakeThumbnail(std::string_view image, const ThumbnailLimits& limits = {});

}  // namespace shaobing::media
