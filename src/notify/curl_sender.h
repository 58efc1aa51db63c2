#pragma once
// The NotificationSender adapter on libcurl (services/notification_sender.h):
//   webhook: HTTP(S) POST of the row's JSON payload, with
//            X-Shaobing-Signature: sha256=<hex HMAC-SHA256 of the body with the webhook's secret>,
//            Idempotency-Key: <key> and X-Shaobing-Delivery: <outbox id>; acknowledged by a 2xx;
//   email:   SMTP(S): MAIL FROM, RCPT TO, DATA with the message of message_format.h
//            (Message-ID from the idempotency key); acknowledged by 250 after the data;
//   sms:     HTTP(S) POST of the gateway's body template ({phone}, {text}); acknowledged by a 2xx.
// Every request has a connect and a total timeout, follows no redirect and may use only the
// schemes its kind allows (http/https, smtp/smtps). Secrets are never put in an error text.
// Thread-safe: each Send uses its own curl handle.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "core/error.h"
#include "services/notification_sender.h"

namespace shaobing::notify {

struct WebhookTarget {
  std::string url;     // http:// or https://
  std::string secret;  // the HMAC key (read from the webhook's secret_file); never logged
};

struct SmtpTarget {
  std::string url;  // smtp://host:port or smtps://host:port; "" = no e-mail
  std::string from;
  std::string username;  // "" = no authentication
  std::string password;  // from password_file; never logged
};

struct SmsTarget {
  std::string url;                                                       // "" = no SMS
  std::string body_template = R"({"phone":"{phone}","text":"{text}"})";  // {phone}, {text}: JSON-escaped
  std::string content_type = "application/json";
};

struct CurlSenderOptions {
  std::map<std::string, WebhookTarget> webhooks;  // by name (the outbox row's destination)
  SmtpTarget smtp;
  SmsTarget sms;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{15000};
};

class CurlSender final : public NotificationSender {
 public:
  // Initialises libcurl (once per process); kUnavailable when it cannot.
  static Result<std::unique_ptr<CurlSender>> Create(CurlSenderOptions options);
  DeliveryResult Send(const OutboxEntry& entry) override;

 private:
  explicit CurlSender(CurlSenderOptions options) : options_(std::move(options)) {}
  DeliveryResult Webhook(const OutboxEntry& entry);
  DeliveryResult Email(const OutboxEntry& entry);
  DeliveryResult Sms(const OutboxEntry& entry);

  CurlSenderOptions options_;
};

}  // namespace shaobing::notify
