#include "app/install_paths.h"

#include <filesystem>
#include <system_error>

namespace shaobing {
namespace {

// <prefix>/share/shaobing for the running executable (/proc/self/exe: <prefix>/bin/shaobing).
std::filesystem::path InstalledShare() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / "share" / "shaobing";
}

std::string SourceTree() {
#ifdef SHAOBING_SOURCE_DIR
  return SHAOBING_SOURCE_DIR;
#else
  return "";
#endif
}

bool IsDir(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_directory(p, ec);
}

bool HasIndex(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_regular_file(p / "index.html", ec);
}

}  // namespace

std::string ShippedDataDir() {
  if (const auto installed = InstalledShare() / "data"; IsDir(installed)) return installed.string();
  if (const auto source = SourceTree(); !source.empty()) return source + "/data";
  return "";
}

std::string ShippedWebRoot() {
  if (const auto installed = InstalledShare() / "web"; HasIndex(installed)) return installed.string();
  if (const auto source = SourceTree(); !source.empty() && HasIndex(source + "/web/dist")) return source + "/web/dist";
  return "";
}

}  // namespace shaobing
