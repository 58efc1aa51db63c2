#pragma once
// The `notify:` section of the serve configuration as values (serve_config.cc parses it),
// and how the composition root turns it into the senders' options (reading the secret files).
//
//   notify:
//     webhooks:
//       - {name: ops, url: "https://hooks.example/sb", secret_file: /etc/shaobing/ops.secret,
//          regions: ["640000"], kinds: [desk_report.recorded]}
//     smtp: {url: "smtps://mail.example:465", from: shaobing@example.org,
//            username: shaobing, password_file: /etc/shaobing/smtp.password}
//     email: {"640000": [duty@example.org]}          # desk region -> addresses
//     sms: {url: "https://sms.example/send", body: '{"to":"{phone}","msg":"{text}"}',
//           content_type: application/json, recipients: {"640000": ["13800000000"]}}
//     retry: {first_delay_seconds: 30, max_delay_seconds: 3600, max_attempts: 8}
//     timeouts: {connect_seconds: 5, total_seconds: 15}
#include <string>
#include <vector>

#include "core/error.h"
#include "notify/curl_sender.h"
#include "services/notification_dispatcher.h"
#include "services/notifier.h"

namespace shaobing {

struct NotifyWebhookConfig {
  std::string name;
  std::string url;          // http:// or https://
  std::string secret_file;  // the HMAC key, read at start; never logged
  std::vector<std::string> regions;
  std::vector<std::string> kinds;  // empty: every kind
};

struct NotifyConfig {
  std::vector<NotifyWebhookConfig> webhooks;
  notify::SmtpTarget smtp;         // password comes from smtp_password_file
  std::string smtp_password_file;  // "" = none
  notify::SmsTarget sms;
  std::map<std::string, std::vector<std::string>> email;  // desk region -> addresses
  std::map<std::string, std::vector<std::string>> sms_recipients;
  DispatcherOptions dispatch;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{15000};
};

// Who is told of what.
NotifyRoutes RoutesOf(const NotifyConfig& config);

// The senders' options: URLs, and the secrets read from their files (trailing newline cut).
// kInvalidArgument "notify_secret" naming the file when one cannot be read or is empty.
Result<notify::CurlSenderOptions> SenderOptionsOf(const NotifyConfig& config);

}  // namespace shaobing
