// The sniffer and the thumbnailer on small real inputs: types come from the content only,
// the allow-list holds, thumbnails fit and the pixel limit is checked before decoding.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include "media/sniff.h"
#include "media/thumbnail.h"

namespace shaobing::media {
namespace {

std::string Png(int width, int height) {
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, width, height, "bands", 3, nullptr), 0);
  void* buffer = nullptr;
  size_t length = 0;
  EXPECT_EQ(vips_pngsave_buffer(black, &buffer, &length, nullptr), 0);
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  g_object_unref(black);
  return out;
}

TEST(Sniff, TypesComeFromTheContent) {
  ASSERT_EQ(VIPS_INIT("media_test"), 0);
  EXPECT_EQ(SniffMediaType(Png(8, 8)), "image/png");
  EXPECT_EQ(SniffMediaType("%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"), "application/pdf");
  EXPECT_EQ(SniffMediaType("现场记录：三层起火。\n"), "text/plain");
  EXPECT_EQ(SniffMediaType("<!DOCTYPE html><html><body>x</body></html>"), "text/html");
  EXPECT_TRUE(FindAllowed("image/png")->image);
  EXPECT_FALSE(FindAllowed("application/pdf")->image);
  for (const char* refused : {"text/html", "image/svg+xml", "image/gif", "application/zip", "application/x-executable",
                              "application/msword", "application/octet-stream"}) {
    EXPECT_FALSE(FindAllowed(refused).has_value()) << refused;
  }
}

TEST(Thumbnail, FitsTheSquareAndRefusesTooManyPixelsFromTheHeader) {
  auto thumb = MakeThumbnail(Png(1000, 500));
  ASSERT_TRUE(thumb) << thumb.error().reason;
  VipsImage* back = vips_image_new_from_buffer(thumb->data(), thumb->size(), "", nullptr);
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(vips_image_get_width(back), 320);
  EXPECT_EQ(vips_image_get_height(back), 160);
  g_object_unref(back);
  auto big = MakeThumbnail(Png(400, 300), ThumbnailLimits{.max_pixels = 100'000});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().reason, "image_too_large");
  auto junk = MakeThumbnail("\x89PNG\r\n\x1a\nnot really");
  ASSERT_FALSE(junk);
  EXPECT_EQ(junk.error().reason, "image_unreadable");
}

}  // namespace
}  // namespace shaobing::media
