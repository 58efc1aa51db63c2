#include "notify/curl_sender.h"

#include <curl/curl.h>

#include <boost/json/parse.hpp>
#include <cstring>
#include <mutex>

#include "notify/message_format.h"

namespace shaobing::notify {
namespace {

// One easy handle and its header list, freed together.
class Request {
 public:
  Request() : curl_(curl_easy_init()) {}
  ~Request() {
    curl_slist_free_all(headers_);
    curl_slist_free_all(recipients_);
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  Request(const Request&) = delete;
  Request& operator=(const Request&) = delete;

  CURL* get() const { return curl_; }
  void Header(const std::string& line) { headers_ = curl_slist_append(headers_, line.c_str()); }
  void Recipient(const std::string& address) { recipients_ = curl_slist_append(recipients_, address.c_str()); }
  curl_slist* headers() const { return headers_; }
  curl_slist* recipients() const { return recipients_; }

 private:
  CURL* curl_;
  curl_slist* headers_ = nullptr;
  curl_slist* recipients_ = nullptr;
};

// The receiver's answer is read and dropped, up to 64 KiB (more is an error).
size_t Discard(char* /*data*/, size_t size, size_t n, void* seen) {
  auto& total = *static_cast<size_t*>(seen);
  total += size * n;
  return total > 65536 ? 0 : size * n;
}

struct Upload {
  std::string_view data;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t n, void* user) {
  auto& up = *static_cast<Upload*>(user);
  const size_t len = std::min(size * n, up.data.size() - up.at);
  std::memcpy(buffer, up.data.data() + up.at, len);
  up.at += len;
  return len;
}

// Options every request takes: timeouts, no redirects, no signals, only `protocols`.
void Common(CURL* c, const std::string& url, const char* protocols, const CurlSenderOptions& o, size_t* seen) {
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, seen);
}

// Performs the request; ok on a 2xx (HTTP) or a completed SMTP transfer (250 after DATA).
DeliveryResult Perform(CURL* c, bool smtp) {
  DeliveryResult r;
  const CURLcode code = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  if (code != CURLE_OK) {
    r.error = curl_easy_strerror(code);
    return r;
  }
  r.ok = smtp ? true : (status >= 200 && status < 300);
  if (!r.ok) r.error = "HTTP " + std::to_string(status);
  return r;
}

DeliveryResult Failed(std::string error) { return {false, 0, std::move(error)}; }

std::string PayloadText(const OutboxEntry& e) {
  boost::system::error_code ec;
  const auto v = boost::json::parse(e.payload, ec);
  if (ec || !v.is_object()) return "";
  const auto* t = v.as_object().if_contains("text");
  return t != nullptr && t->is_string() ? std::string(t->as_string()) : "";
}

}  // namespace

Result<std::unique_ptr<CurlSender>> CurlSender::Create(CurlSenderOptions options) {
  static const CURLcode kInit = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, thread-safe
  if (kInit != CURLE_OK) {
    return Fail(
        Error::Make(ErrorCode::kUnavailable, "notify_unavailable", "curl", {{"value", curl_easy_strerror(kInit)}}));
  }
  return std::unique_ptr<CurlSender>(new CurlSender(std::move(options)));
}

DeliveryResult CurlSender::Send(const OutboxEntry& entry) {
  switch (entry.channel) {
    case NotifyChannel::kWebhook:
      return Webhook(entry);
    case NotifyChannel::kEmail:
      return Email(entry);
    case NotifyChannel::kSms:
      return Sms(entry);
  }
  return Failed("unknown channel");
}

DeliveryResult CurlSender::Webhook(const OutboxEntry& entry) {
  const auto it = options_.webhooks.find(entry.destination);
  if (it == options_.webhooks.end()) return Failed("webhook not configured: " + entry.destination);
  Request req;
  if (req.get() == nullptr) return Failed("curl_easy_init failed");
  size_t seen = 0;
  Common(req.get(), it->second.url, "http,https", options_, &seen);
  req.Header("Content-Type: application/json");
  req.Header("X-Shaobing-Signature: " + WebhookSignature(it->second.secret, entry.payload));
  req.Header("Idempotency-Key: " + entry.idempotency_key);
  req.Header("X-Shaobing-Delivery: " + std::to_string(entry.id));
  req.Header("Expect:");  // no 100-continue round trip
  curl_easy_setopt(req.get(), CURLOPT_HTTPHEADER, req.headers());
  curl_easy_setopt(req.get(), CURLOPT_POSTFIELDS, entry.payload.c_str());
  curl_easy_setopt(req.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(entry.payload.size()));
  return Perform(req.get(), false);
}

DeliveryResult CurlSender::Email(const OutboxEntry& entry) {
  const SmtpTarget& smtp = options_.smtp;
  if (smtp.url.empty()) return Failed("smtp not configured");
  const std::string message = BuildEmail({.from = smtp.from,
                                          .to = entry.destination,
                                          .subject = entry.subject,
                                          .text = PayloadText(entry),
                                          .message_id_key = entry.idempotency_key,
                                          .date = entry.created_at});
  Request req;
  if (req.get() == nullptr) return Failed("curl_easy_init failed");
  size_t seen = 0;
  Common(req.get(), smtp.url, "smtp,smtps", options_, &seen);
  const std::string from = "<" + smtp.from + ">";
  curl_easy_setopt(req.get(), CURLOPT_MAIL_FROM, from.c_str());
  req.Recipient("<" + entry.destination + ">");
  curl_easy_setopt(req.get(), CURLOPT_MAIL_RCPT, req.recipients());
  if (!smtp.username.empty()) {
    // Credentials only over TLS (smtps://, or STARTTLS required on smtp://).
    curl_easy_setopt(req.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(req.get(), CURLOPT_USERNAME, smtp.username.c_str());
    curl_easy_setopt(req.get(), CURLOPT_PASSWORD, smtp.password.c_str());
  }
  Upload up{message};
  curl_easy_setopt(req.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(req.get(), CURLOPT_READDATA, &up);
  curl_easy_setopt(req.get(), CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(req.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  return Perform(req.get(), true);
}

DeliveryResult CurlSender::Sms(const OutboxEntry& entry) {
  const SmsTarget& sms = options_.sms;
  if (sms.url.empty()) return Failed("sms not configured");
  const std::string body = ExpandSmsTemplate(sms.body_template, entry.destination, PayloadText(entry));
  Request req;
  if (req.get() == nullptr) return Failed("curl_easy_init failed");
  size_t seen = 0;
  Common(req.get(), sms.url, "http,https", options_, &seen);
  req.Header("Content-Type: " + sms.content_type);
  req.Header("Idempotency-Key: " + entry.idempotency_key);
  req.Header("Expect:");
  curl_easy_setopt(req.get(), CURLOPT_HTTPHEADER, req.headers());
  curl_easy_setopt(req.get(), CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(req.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  return Perform(req.get(), false);
}

}  // namespace shaobing::notify
