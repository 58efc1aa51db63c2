// GET /healthz, GET /metrics (no login) and the web app's static files.
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api.h"
#include "api/static_files.h"

namespace shaobing::api {
namespace fs = std::filesystem;

namespace {

std::string ContentType(const fs::path& p) {
  static const std::map<std::string, std::string> kTypes{{".html", "text/html; charset=utf-8"},
                                                         {".js", "text/javascript; charset=utf-8"},
                                                         {".css", "text/css; charset=utf-8"},
                                                         {".json", "application/json; charset=utf-8"},
                                                         {".svg", "image/svg+xml"},
                                                         {".png", "image/png"},
                                                         {".ico", "image/x-icon"},
                                                         {".woff2", "font/woff2"},
                                                         {".geojson", "application/geo+json"},
                                                         {".txt", "text/plain; charset=utf-8"}};
  auto it = kTypes.find(p.extension().string());
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool ReadFile(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

}  // namespace

void AddSystemRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/healthz", Access::Public(), [&deps](Context& ctx) {
    auto probe = deps.store.ListRegions();
    if (!probe) return ctx.Reply(503, boost::json::object{{"status", "unavailable"}});
    ctx.Reply(200, boost::json::object{{"status", "ok"}});
  });

  router.Add("GET", "/metrics", Access::Public(), [&deps](Context& ctx) {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = deps.metrics.Render() + deps.metrics.RenderLimits(deps.live_streams.open()) +
             Metrics::RenderStore(deps.store.Stats());
    ctx.ReplyRaw(std::move(r));
  });

  // Static files of the built web app (static_files.h); client-side routes get index.html.
  std::error_code ec;
  const fs::path root = deps.web_root.empty() ? fs::path() : fs::canonical(deps.web_root, ec);
  router.SetFallback([root = ec ? fs::path() : root](Context& ctx) {
    const auto file = root.empty() ? std::nullopt : ResolveStaticPath(root, ctx.request.segments);
    HttpResponse r;
    if (!file || !ReadFile(*file, r.body)) {
      return ctx.ReplyError(Error::Make(ErrorCode::kNotFound, "not_found", "", {{"path", ctx.request.path}}));
    }
    r.content_type = ContentType(*file);
    r.headers.emplace_back("Cache-Control", file->filename() == "index.html" ? "no-cache" : "public, max-age=86400");
    ctx.ReplyRaw(std::move(r));
  });
}

}  // namespace shaobing::api
