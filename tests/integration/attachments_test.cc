// Attachments over HTTP (issue 11, point 9): uploads sniffed from their content against the
// allow-list, limited in size and per account, images thumbnailed by us and guarded against
// decompression bombs; the same content stored once; a report's submitter attaches them; the
// event view lists them; downloads only for those who may see a report carrying them (or the
// uploader), always as attachments with nosniff; backup and restore carry the files.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "store/attachment_files.h"
#include "store/sqlite/sqlite_backup.h"
#include "testing/scratch_dir.h"
#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

// A `width`×`height` image in `format` ("png", "jpg"), a colour gradient, made with libvips.
std::string MakeImage(int width, int height, const std::string& format) {
  if (VIPS_INIT("attachments_test") != 0) return "";
  VipsImage* grey = nullptr;
  vips_xyz(&grey, width, height, nullptr);
  VipsImage* band = nullptr;
  vips_extract_band(grey, &band, 0, nullptr);
  VipsImage* bytes = nullptr;
  vips_cast(band, &bytes, VIPS_FORMAT_UCHAR, nullptr);
  void* buffer = nullptr;
  size_t length = 0;
  const std::string suffix = "." + format;
  vips_image_write_to_buffer(bytes, suffix.c_str(), &buffer, &length, nullptr);
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  g_object_unref(bytes);
  g_object_unref(band);
  g_object_unref(grey);
  return out;
}

const std::map<std::string, std::string> kFile{{"Content-Type", "application/octet-stream"}};

std::string Target(const std::string& name) { return "/api/v1/attachments?name=" + name; }

size_t FilesUnder(const fs::path& dir) {
  size_t n = 0;
  if (!fs::exists(dir)) return 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
  return n;
}

bool NamesError(const testing::HttpResult& r, const std::string& code, const std::string& field) {
  const auto answer = r.Json();
  if (!answer.is_object() || !answer.as_object().contains("error")) return false;
  const auto& e = answer.at("error").as_object();
  if (e.at("code").as_string() == code && e.contains("field") && e.at("field").as_string() == field) return true;
  if (const auto* details = e.if_contains("details")) {
    for (const auto& d : details->as_array()) {
      if (d.at("code").as_string() == code && d.at("field").as_string() == field) return true;
    }
  }
  return false;
}

class AttachmentsTest : public ::testing::Test {
 protected:
  explicit AttachmentsTest(const std::function<void(AppConfig&)>& configure = {}) : server_(configure) {}

  // One signed-in client per account (a sign-in is audited: made before counting).
  testing::HttpClient& As(const std::string& account) {
    auto& c = clients_[account];
    if (!c) c = server_.ClientAs(account);
    return *c;
  }
  testing::HttpResult Upload(const std::string& account, const std::string& name, const std::string& bytes) {
    return As(account).Request("POST", Target(name), bytes, kFile);
  }
  // A first report by 兴庆区委办; its id.
  std::string SubmitReport(const std::string& account = "xingqing") {
    auto r = server_.ClientAs(account)->Post("/api/v1/reports", testing::FirstReportJson());
    EXPECT_EQ(r.status, 201) << r.body;
    event_ = std::to_string(r.Json().at("event_id").as_int64());
    return std::to_string(r.Json().at("id").as_int64());
  }
  fs::path Folder() { return server_.dir() / kAttachmentsFolder; }

  testing::TestServer server_;
  std::map<std::string, std::unique_ptr<testing::HttpClient>> clients_;
  std::string event_;
};

TEST_F(AttachmentsTest, APhotoIsSniffedThumbnailedAndStoredOnce) {
  const std::string png = MakeImage(640, 480, "png");
  ASSERT_FALSE(png.empty());
  As("xingqing");
  As("desk");
  const auto before = server_.AuditCount();
  auto first = Upload("xingqing", "%E7%8E%B0%E5%9C%BA.jpg", png);  // "现场.jpg": the name says JPEG, it is a PNG
  ASSERT_EQ(first.status, 201) << first.body;
  const auto uploaded = first.Json();
  EXPECT_EQ(uploaded.at("media_type"), "image/png");
  EXPECT_EQ(uploaded.at("name"), "现场.jpg");
  EXPECT_EQ(uploaded.at("size").as_int64(), static_cast<std::int64_t>(png.size()));
  EXPECT_EQ(uploaded.at("has_thumbnail"), true);
  const std::string sha(uploaded.at("sha256").as_string());
  EXPECT_EQ(sha, ContentIdOf(png));
  EXPECT_TRUE(fs::is_regular_file(server_.dir() / ContentRelativePath(sha, false)));
  EXPECT_EQ(FilesUnder(Folder()), 2u);  // the photo and its thumbnail

  // The same content again, by another account: one more upload, no other file.
  auto again = Upload("desk", "copy.png", png);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json().at("sha256").as_string(), sha);
  EXPECT_EQ(again.Json().at("name"), "copy.png");
  EXPECT_EQ(FilesUnder(Folder()), 2u);
  EXPECT_EQ(server_.AuditCount(), before + 2);

  // The uploader opens its own thumbnail: our JPEG, at most 320 px.
  auto thumb = server_.ClientAs("xingqing")->Get("/api/v1/attachments/" + sha + "/thumbnail");
  ASSERT_EQ(thumb.status, 200) << thumb.body;
  EXPECT_EQ(thumb.headers["content-type"], "image/jpeg");
  EXPECT_EQ(thumb.body.substr(0, 3), std::string("\xFF\xD8\xFF", 3));
  VipsImage* t = vips_image_new_from_buffer(thumb.body.data(), thumb.body.size(), "", nullptr);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(vips_image_get_width(t), 320);
  EXPECT_EQ(vips_image_get_height(t), 240);
  g_object_unref(t);
}

TEST_F(AttachmentsTest, WhatIsNotAllowedIsRefusedNamingWhyAndChangesNothing) {
  auto* client = &As("xingqing");
  const auto before = server_.AuditCount();
  struct Case {
    std::string name, bytes;
    int status;
    std::string code, field;
  };
  const std::vector<Case> cases{
      {"photo.jpg", "<!DOCTYPE html><html><script>alert(1)</script></html>", 400, "attachment_type_refused", "file"},
      {"drawing.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", 400,
       "attachment_type_refused", "file"},
      {"empty.txt", "", 400, "attachment_empty", "file"},
      {"broken.jpg", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + std::string(200, 'x'), 400,
       "image_unreadable", "file"},
      {std::string(201, 'a') + ".txt", "notes", 400, "text_too_long", "name"},
  };
  for (const auto& c : cases) {
    auto r = client->Request("POST", Target(c.name), c.bytes, kFile);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_TRUE(NamesError(r, c.code, c.field)) << c.name << ": " << r.body;
  }
  // A file declared as JSON is not taken (nor an unknown parameter).
  auto json_body = client->Request("POST", Target("a.txt"), "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(json_body.status, 415) << json_body.body;
  auto unknown = client->Request("POST", "/api/v1/attachments?name=a.txt&type=image/png", "notes", kFile);
  EXPECT_TRUE(NamesError(unknown, "unknown_field", "type")) << unknown.body;
  EXPECT_EQ(server_.AuditCount(), before);
  EXPECT_EQ(FilesUnder(Folder()), 0u);
  // Roles that never attach anything (refused by role, audited as a denial).
  EXPECT_EQ(server_.ClientAs("leader")->Request("POST", Target("a.txt"), "notes", kFile).status, 403);
  EXPECT_EQ(FilesUnder(Folder()), 0u);
}

class AttachmentLimitsTest : public AttachmentsTest {
 protected:
  AttachmentLimitsTest()
      : AttachmentsTest([](AppConfig& c) {
          c.attachments.max_file_bytes = 64 * 1024;
          c.attachments.uploads_per_day = 3;
          c.attachments.thumbnails.max_pixels = 100'000;
        }) {}
};

TEST_F(AttachmentLimitsTest, SizeCountAndPixelLimitsHold) {
  // Over the file limit: the server refuses the body itself (it is the upload's body limit).
  auto big = Upload("xingqing", "big.txt", std::string(65 * 1024, 'a'));
  EXPECT_EQ(big.status, 413) << big.body;
  EXPECT_EQ(big.Json().at("error").at("code"), "body_too_large");
  // Any other route keeps the 1 MiB limit, the upload its own.
  EXPECT_EQ(Upload("xingqing", "fits.txt", std::string(60 * 1024, 'a')).status, 201);
  // A bomb-like image: more pixels than allowed is refused from its header.
  auto huge = Upload("xingqing", "huge.png", MakeImage(400, 300, "png"));
  EXPECT_EQ(huge.status, 400) << huge.body;
  EXPECT_TRUE(NamesError(huge, "image_too_large", "file")) << huge.body;
  // Three uploads a day per account: the third is taken, the fourth is not; others still may.
  EXPECT_EQ(Upload("xingqing", "b.txt", "second note").status, 201);
  EXPECT_EQ(Upload("xingqing", "c.txt", "third note").status, 201);
  auto over = Upload("xingqing", "d.txt", "fourth note");
  EXPECT_EQ(over.status, 429) << over.body;
  EXPECT_EQ(over.Json().at("error").at("code"), "too_many_attachments");
  EXPECT_EQ(Upload("desk", "d.txt", "fourth note").status, 201);
  // A day later the account may upload again.
  server_.clock().Advance(std::chrono::hours(25));
  EXPECT_EQ(server_.ClientAs("xingqing")->Request("POST", Target("d.txt"), "fourth note", kFile).status, 201);
}

TEST_F(AttachmentsTest, TheSubmitterAttachesAndOnlyThoseWhoSeeTheReportDownload) {
  const std::string report = SubmitReport();
  const std::string jpeg = MakeImage(800, 600, "jpg");
  auto up = Upload("xingqing", "%E7%81%AB%E7%81%BE%20%22%E7%8E%B0%E5%9C%BA%22.jpg", jpeg);  // 火灾 "现场".jpg
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string sha(up.Json().at("sha256").as_string());
  auto doc = Upload("xingqing", "notes.txt", "现场记录：三层起火，已疏散。\n");
  ASSERT_EQ(doc.status, 201) << doc.body;
  EXPECT_EQ(doc.Json().at("media_type"), "text/plain");
  const std::string doc_sha(doc.Json().at("sha256").as_string());

  const auto before = server_.AuditCount();
  const std::string attach = "/api/v1/reports/" + report + "/attachments";
  auto linked = As("xingqing").PostJson(attach, json::object{{"attachments", json::array{sha, doc_sha}}});
  ASSERT_EQ(linked.status, 201) << linked.body;
  EXPECT_EQ(linked.Json().at("attachments").as_array().size(), 2u);
  EXPECT_EQ(server_.AuditCount(), before + 1);

  // Refused, changing nothing: again, by someone else, unknown contents, someone else's upload.
  EXPECT_EQ(server_.ClientAs("xingqing")->PostJson(attach, json::object{{"attachments", json::array{sha}}}).status,
            409);
  EXPECT_EQ(server_.ClientAs("desk")->PostJson(attach, json::object{{"attachments", json::array{sha}}}).status, 403);
  auto unknown =
      server_.ClientAs("xingqing")
          ->PostJson(attach, json::object{{"attachments", json::array{std::string(64, 'a'), "../../etc/passwd"}}});
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_TRUE(NamesError(unknown, "unknown_attachment", "attachments[0]")) << unknown.body;
  const std::string other_report = [&] {
    json::object r = json::parse(testing::FirstReportJson()).as_object();
    r["unit"] = "640202-dw";
    r["title"] = "大武口区一仓库起火";
    r["location"] = json::object{{"region", "640202"}, {"address", "某仓库"}};
    auto a = server_.ClientAs("dawukou")->PostJson("/api/v1/reports", r);
    return std::to_string(a.Json().at("id").as_int64());
  }();
  auto stolen = server_.ClientAs("dawukou")->PostJson("/api/v1/reports/" + other_report + "/attachments",
                                                      json::object{{"attachments", json::array{sha}}});
  EXPECT_EQ(stolen.status, 404) << stolen.body;
  EXPECT_EQ(server_.ClientAs("dawukou")->PostJson(attach, json::object{{"attachments", json::array{sha}}}).status, 404);
  EXPECT_TRUE(server_.ClientAs("dawukou")->Get("/api/v1/reports/" + other_report).Json().is_object());

  // The desk sees them on the event's report.
  auto view = server_.ClientAs("desk")->Get("/api/v1/events/" + event_);
  ASSERT_EQ(view.status, 200);
  const auto shown = view.Json();
  const auto& listed = shown.at("reports").as_array().at(0).at("attachments").as_array();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].at("sha256").as_string(), sha);
  EXPECT_EQ(listed[0].at("name"), "火灾 \"现场\".jpg");
  EXPECT_EQ(listed[0].at("media_type"), "image/jpeg");
  EXPECT_EQ(listed[0].at("has_thumbnail"), true);
  EXPECT_EQ(listed[1].at("has_thumbnail"), false);

  // The desk downloads: always an attachment, never a type the browser renders.
  auto got = server_.ClientAs("desk")->Get("/api/v1/attachments/" + sha);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.body, jpeg);
  EXPECT_EQ(got.headers["content-type"], "application/octet-stream");
  EXPECT_EQ(got.headers["x-content-type-options"], "nosniff");
  EXPECT_EQ(got.headers["content-disposition"],
            "attachment; filename=\"__ ____.jpg\"; "
            "filename*=UTF-8''%E7%81%AB%E7%81%BE%20%22%E7%8E%B0%E5%9C%BA%22.jpg");
  auto thumb = server_.ClientAs("desk")->Get("/api/v1/attachments/" + sha + "/thumbnail");
  EXPECT_EQ(thumb.status, 200);
  EXPECT_EQ(thumb.headers["content-type"], "image/jpeg");
  EXPECT_EQ(thumb.headers["content-disposition"].starts_with("attachment; "), true);
  EXPECT_EQ(server_.ClientAs("desk")->Get("/api/v1/attachments/" + doc_sha + "/thumbnail").status, 404);

  // Another unit's reporter: as if it did not exist, like an unknown content and a bad id.
  for (const std::string& target :
       {"/api/v1/attachments/" + sha, "/api/v1/attachments/" + sha + "/thumbnail",
        "/api/v1/attachments/" + std::string(64, '0'), std::string("/api/v1/attachments/x")}) {
    auto r = server_.ClientAs("dawukou")->Get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.Json().at("error").at("code"), "unknown_attachment") << target;
  }
}

TEST_F(AttachmentsTest, BackupAndRestoreCarryTheFiles) {
  const std::string png = MakeImage(100, 100, "png");
  auto up = Upload("xingqing", "a.png", png);
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string sha(up.Json().at("sha256").as_string());
  testing::ScratchDir scratch("attachments-backup");
  const std::string file = (scratch.path() / "backup.sqlite").string();
  auto backup = sqlite::BackupDataDir(server_.dir().string(), server_.app().sqlite_store().audit_anchor(), file);
  ASSERT_TRUE(backup) << backup.error().reason;
  const fs::path restored = scratch.path() / "restored";
  auto restore = sqlite::RestoreDataDir(file, restored.string(), AuditAnchorOptions{}, false);
  ASSERT_TRUE(restore) << restore.error().reason;
  std::ifstream in(restored / ContentRelativePath(sha, false), std::ios::binary);
  const std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, png);
  EXPECT_TRUE(fs::is_regular_file(restored / ContentRelativePath(sha, true)));
}

}  // namespace
}  // namespace shaobing
