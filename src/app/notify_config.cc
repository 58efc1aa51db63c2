#include "app/notify_config.h"

#include "loaders/data_files.h"

namespace shaobing {
namespace {

Result<std::string> ReadSecret(const std::string& path) {
  auto text = ReadTextFile(path);
  if (!text) return Fail(text.error());
  std::string s = std::move(*text);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (s.empty()) return Fail(Error::Make(ErrorCode::kInvalidArgument, "notify_secret", "file", {{"file", path}}));
  return s;
}

}  // namespace

NotifyRoutes RoutesOf(const NotifyConfig& config) {
  NotifyRoutes routes;
  for (const auto& w : config.webhooks) routes.webhooks.push_back({w.name, w.regions, w.kinds});
  if (!config.smtp.url.empty()) routes.email = config.email;
  if (!config.sms.url.empty()) routes.sms = config.sms_recipients;
  return routes;
}

Result<notify::CurlSenderOptions> SenderOptionsOf(const NotifyConfig& config) {
  notify::CurlSenderOptions o;
  for (const auto& w : config.webhooks) {
    auto secret = ReadSecret(w.secret_file);
    if (!secret) return Fail(secret.error());
    o.webhooks[w.name] = {w.url, std::move(*secret)};
  }
  o.smtp = config.smtp;
  if (!config.smtp_password_file.empty()) {
    auto password = ReadSecret(config.smtp_password_file);
    if (!password) return Fail(password.error());
    o.smtp.password = std::move(*password);
  }
  o.sms = config.sms;
  o.connect_timeout = config.connect_timeout;
  o.total_timeout = config.total_timeout;
  return o;
}

}  // namespace shaobing
