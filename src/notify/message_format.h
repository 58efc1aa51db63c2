#pragma once
// The pure parts of the senders: the webhook's signature, the SMS gateway's body template,
// the e-mail message. No I/O.
#include <string>
#include <string_view>

#include "core/time.h"

namespace shaobing::notify {

// "sha256=" and the lower-case hex HMAC-SHA256 of `body` keyed with `secret`
// (header X-Shaobing-Signature; the receiver recomputes it over the raw body it received).
std::string WebhookSignature(std::string_view secret, std::string_view body);

// `text` as the inside of a JSON string literal (quotes, backslashes and control characters
// escaped; UTF-8 passed through).
std::string JsonEscape(std::string_view text);

// The gateway's body: `tmpl` with every {phone} and {text} replaced by the JSON-escaped value;
// any other text, braces included, is kept as written.
std::string ExpandSmsTemplate(std::string_view tmpl, std::string_view phone, std::string_view text);

// An RFC 2047 encoded word ("=?UTF-8?B?...?="), split into words of at most 75 characters
// on UTF-8 character boundaries and folded; plain printable ASCII is returned as it is.
std::string EncodeHeaderText(std::string_view text);

struct EmailMessage {
  std::string from, to;        // addresses (checked by the configuration)
  std::string subject;         // UTF-8
  std::string text;            // UTF-8, the body
  std::string message_id_key;  // the idempotency key: Message-ID <KEY@shaobing>
  TimePoint date{};
};

// The RFC 5322 message: CRLF line ends, Date, From, To, Subject (RFC 2047), Message-ID,
// MIME-Version, text/plain UTF-8 body in base64 (lines of 76).
std::string BuildEmail(const EmailMessage& m);

}  // namespace shaobing::notify
