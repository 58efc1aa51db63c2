#include "app/serve_config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <map>

#include "loaders/data_files.h"

namespace shaobing {
namespace {

// One key of a mapping: what it accepts (for errors) and how it applies a node.
struct Key {
  std::string allowed;
  std::function<bool(const YAML::Node&, ServeSettings&)> apply;  // false: the value is not allowed
};
using Section = std::map<std::string, Key>;

std::string Line(const YAML::Node& n) { return std::to_string(n.Mark().line + 1); }

std::string ValueText(const YAML::Node& n) {
  if (n.IsScalar()) return n.Scalar();
  if (n.IsSequence()) return "[…]";
  if (n.IsMap()) return "{…}";
  return "";
}

Key Path(std::function<void(ServeSettings&, std::string)> set) {
  return {"PATH", [set = std::move(set)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsScalar() || n.Scalar().empty()) return false;
            set(s, n.Scalar());
            return true;
          }};
}

Key Flag(std::function<void(ServeSettings&, bool)> set) {
  return {"true, false", [set = std::move(set)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsScalar() || (n.Scalar() != "true" && n.Scalar() != "false")) return false;
            set(s, n.Scalar() == "true");
            return true;
          }};
}

// A whole number in [min, max], written in decimal digits.
Key Whole(long long min, long long max, std::function<void(ServeSettings&, long long)> set) {
  return {std::to_string(min) + "–" + std::to_string(max),
          [min, max, set = std::move(set)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsScalar()) return false;
            const std::string& t = n.Scalar();
            if (t.empty() || t.size() > 12 || t.find_first_not_of("0123456789") != std::string::npos) return false;
            const long long v = std::stoll(t);
            if (v < min || v > max) return false;
            set(s, v);
            return true;
          }};
}

std::string KeysOf(const Section& section) {
  std::string out;
  for (const auto& [name, key] : section) out += (out.empty() ? "" : ", ") + name;
  return out;
}

Status ApplySection(const YAML::Node& node, const std::string& prefix, const Section& section, const std::string& file,
                    ServeSettings& settings) {
  for (const auto& kv : node) {
    const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : ValueText(kv.first);
    const auto it = section.find(name);
    if (it == section.end()) {
      return Fail(Error::Make(
          ErrorCode::kInvalidArgument, "config_unknown_key", prefix + name,
          {{"file", file}, {"line", Line(kv.first)}, {"key", prefix + name}, {"allowed", KeysOf(section)}}));
    }
    if (!it->second.apply(kv.second, settings)) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "config_value", prefix + name,
                              {{"file", file},
                               {"line", Line(kv.second)},
                               {"key", prefix + name},
                               {"value", ValueText(kv.second)},
                               {"allowed", it->second.allowed}}));
    }
  }
  return {};
}

constexpr long long kMaxCount = 1'000'000;
constexpr long long kMaxBytes = 1LL << 30;

const Section& SessionKeys() {
  static const Section kKeys{
      {"lifetime_minutes",
       Whole(5, 7LL * 24 * 60,
             [](ServeSettings& s, long long v) { s.app.auth.session_lifetime = std::chrono::minutes(v); })},
      {"idle_minutes", Whole(1, 7LL * 24 * 60,
                             [](ServeSettings& s, long long v) { s.app.auth.idle_timeout = std::chrono::minutes(v); })},
  };
  return kKeys;
}

const Section& LimitKeys() {
  static const Section kKeys{
      {"max_connections",
       Whole(1, kMaxCount, [](ServeSettings& s, long long v) { s.app.http.max_connections = static_cast<size_t>(v); })},
      {"max_connections_per_address",
       Whole(0, kMaxCount,
             [](ServeSettings& s, long long v) { s.app.http.max_connections_per_address = static_cast<size_t>(v); })},
      {"max_header_bytes",
       Whole(1024, 1 << 20,
             [](ServeSettings& s, long long v) { s.app.http.max_header_bytes = static_cast<size_t>(v); })},
      {"max_body_bytes",
       Whole(1024, kMaxBytes,
             [](ServeSettings& s, long long v) { s.app.http.max_body_bytes = static_cast<size_t>(v); })},
      {"max_stream_buffer_bytes",
       Whole(4096, kMaxBytes,
             [](ServeSettings& s, long long v) { s.app.http.max_stream_buffer_bytes = static_cast<size_t>(v); })},
      {"read_timeout_seconds",
       Whole(1, 3600, [](ServeSettings& s, long long v) { s.app.http.read_timeout_seconds = static_cast<int>(v); })},
      {"write_timeout_seconds",
       Whole(1, 3600, [](ServeSettings& s, long long v) { s.app.http.write_timeout_seconds = static_cast<int>(v); })},
      {"streams_per_user",
       Whole(1, 1000, [](ServeSettings& s, long long v) { s.app.live_streams.max_per_user = static_cast<int>(v); })},
      {"reports_per_unit_event_hour",
       Whole(1, kMaxCount,
             [](ServeSettings& s, long long v) { s.app.report_limits.per_unit_event_hour = static_cast<int>(v); })},
      {"reports_per_unit_hour",
       Whole(1, kMaxCount,
             [](ServeSettings& s, long long v) { s.app.report_limits.per_unit_hour = static_cast<int>(v); })},
      // Attachments (services/attachment_service.h): one file, and per account over 24 hours.
      {"attachment_max_bytes",
       Whole(1024, kMaxBytes,
             [](ServeSettings& s, long long v) { s.app.attachments.max_file_bytes = static_cast<size_t>(v); })},
      {"attachments_per_user_day",
       Whole(1, kMaxCount,
             [](ServeSettings& s, long long v) { s.app.attachments.uploads_per_day = static_cast<int>(v); })},
      {"attachment_bytes_per_user_day",
       Whole(1024, kMaxBytes * 64, [](ServeSettings& s, long long v) { s.app.attachments.bytes_per_day = v; })},
  };
  return kKeys;
}

// notify: (app/notify_config.h). Each check is a predicate on one scalar.
using Check = std::function<bool(const std::string&)>;

bool NoControl(const std::string& t) {
  return std::none_of(t.begin(), t.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// An absolute URL of one of `schemes` ("https" ...), with a host, no spaces or control characters.
Check UrlOf(std::vector<std::string> schemes) {
  return [schemes = std::move(schemes)](const std::string& t) {
    if (t.size() > 2048 || !NoControl(t) || t.find(' ') != std::string::npos) return false;
    return std::any_of(schemes.begin(), schemes.end(), [&](const std::string& s) {
      const std::string prefix = s + "://";
      return t.starts_with(prefix) && t.size() > prefix.size() && t[prefix.size()] != '/';
    });
  };
}

bool IsName(const std::string& t) {
  return !t.empty() && t.size() <= 64 &&
         t.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
}

bool IsAddress(const std::string& t) {
  const auto at = t.find('@');
  return t.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < t.size() &&
         t.find('@', at + 1) == std::string::npos && NoControl(t) &&
         t.find_first_of(" <>,;\"()[]\\") == std::string::npos;
}

bool IsPhone(const std::string& t) {
  const std::string digits = t.starts_with('+') ? t.substr(1) : t;
  return digits.size() >= 5 && digits.size() <= 20 && digits.find_first_not_of("0123456789") == std::string::npos;
}

bool IsKind(const std::string& t) {
  return std::find(kNotificationKinds.begin(), kNotificationKinds.end(), t) != kNotificationKinds.end();
}

Key Text(std::string allowed, Check check, std::function<void(ServeSettings&, std::string)> set) {
  return {std::move(allowed), [check = std::move(check), set = std::move(set)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsScalar() || n.Scalar().empty() || !check(n.Scalar())) return false;
            set(s, n.Scalar());
            return true;
          }};
}

// A non-empty sequence of scalars that each pass `check`, without repeats.
Key Texts(const std::string& allowed, Check check, std::function<void(ServeSettings&, std::vector<std::string>)> set) {
  return {"[" + allowed + ", …]",
          [check = std::move(check), set = std::move(set)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsSequence() || n.size() == 0) return false;
            std::vector<std::string> values;
            for (const auto& item : n) {
              if (!item.IsScalar() || !check(item.Scalar())) return false;
              if (std::find(values.begin(), values.end(), item.Scalar()) != values.end()) return false;
              values.push_back(item.Scalar());
            }
            set(s, std::move(values));
            return true;
          }};
}

// A mapping of desk region codes to lists (e-mail addresses, phone numbers).
Key RecipientsOf(const std::string& allowed, Check check,
                 std::function<std::map<std::string, std::vector<std::string>>&(ServeSettings&)> target) {
  return {"{REGION_CODE: [" + allowed + ", …]}",
          [check = std::move(check), target = std::move(target)](const YAML::Node& n, ServeSettings& s) {
            if (!n.IsMap()) return false;
            std::map<std::string, std::vector<std::string>> out;
            for (const auto& kv : n) {
              if (!kv.first.IsScalar() || !IsSixDigits(kv.first.Scalar()) || !kv.second.IsSequence()) return false;
              auto& list = out[kv.first.Scalar()];
              for (const auto& item : kv.second) {
                if (!item.IsScalar() || !check(item.Scalar())) return false;
                list.push_back(item.Scalar());
              }
            }
            target(s) = std::move(out);
            return true;
          }};
}

NotifyWebhookConfig& LastWebhook(ServeSettings& s) { return s.app.notify.webhooks.back(); }

const Section& WebhookKeys() {
  static const Section kKeys{
      {"name",
       Text("a-z 0-9 _ -", IsName, [](ServeSettings& s, std::string v) { LastWebhook(s).name = std::move(v); })},
      {"url", Text("http(s)://…", UrlOf({"http", "https"}),
                   [](ServeSettings& s, std::string v) { LastWebhook(s).url = std::move(v); })},
      {"secret_file", Path([](ServeSettings& s, std::string v) { LastWebhook(s).secret_file = std::move(v); })},
      {"regions", Texts(
                      "REGION_CODE, *", [](const std::string& t) { return t == "*" || IsSixDigits(t); },
                      [](ServeSettings& s, std::vector<std::string> v) { LastWebhook(s).regions = std::move(v); })},
      {"kinds", Texts("desk_report.recorded, event.reportable", IsKind,
                      [](ServeSettings& s, std::vector<std::string> v) { LastWebhook(s).kinds = std::move(v); })},
  };
  return kKeys;
}

const Section& SmtpKeys() {
  static const Section kKeys{
      {"url", Text("smtp(s)://HOST:PORT", UrlOf({"smtp", "smtps"}),
                   [](ServeSettings& s, std::string v) { s.app.notify.smtp.url = std::move(v); })},
      {"from",
       Text("ADDRESS", IsAddress, [](ServeSettings& s, std::string v) { s.app.notify.smtp.from = std::move(v); })},
      {"username",
       Text("TEXT", NoControl, [](ServeSettings& s, std::string v) { s.app.notify.smtp.username = std::move(v); })},
      {"password_file", Path([](ServeSettings& s, std::string v) { s.app.notify.smtp_password_file = std::move(v); })},
  };
  return kKeys;
}

const Section& SmsKeys() {
  static const Section kKeys{
      {"url", Text("http(s)://…", UrlOf({"http", "https"}),
                   [](ServeSettings& s, std::string v) { s.app.notify.sms.url = std::move(v); })},
      {"body", Text(
                   "TEXT with {phone} and {text}",
                   [](const std::string& t) { return t.size() <= 4096 && t.find("{text}") != std::string::npos; },
                   [](ServeSettings& s, std::string v) { s.app.notify.sms.body_template = std::move(v); })},
      {"content_type",
       Text(
           "TYPE/SUBTYPE", [](const std::string& t) { return NoControl(t) && t.find('/') != std::string::npos; },
           [](ServeSettings& s, std::string v) { s.app.notify.sms.content_type = std::move(v); })},
      {"recipients",
       RecipientsOf("PHONE", IsPhone, [](ServeSettings& s) -> auto& { return s.app.notify.sms_recipients; })},
  };
  return kKeys;
}

const Section& RetryKeys() {
  static const Section kKeys{
      {"first_delay_seconds",
       Whole(1, 86400,
             [](ServeSettings& s, long long v) { s.app.notify.dispatch.retry.first_delay = std::chrono::seconds(v); })},
      {"max_delay_seconds",
       Whole(1, 7LL * 86400,
             [](ServeSettings& s, long long v) { s.app.notify.dispatch.retry.max_delay = std::chrono::seconds(v); })},
      {"max_attempts",
       Whole(1, 100,
             [](ServeSettings& s, long long v) { s.app.notify.dispatch.retry.max_attempts = static_cast<int>(v); })},
      {"batch",
       Whole(1, 1000, [](ServeSettings& s, long long v) { s.app.notify.dispatch.batch = static_cast<int>(v); })},
      {"concurrency",
       Whole(1, 64, [](ServeSettings& s, long long v) { s.app.notify.dispatch.concurrency = static_cast<int>(v); })},
  };
  return kKeys;
}

const Section& TimeoutKeys() {
  static const Section kKeys{
      {"connect_seconds",
       Whole(1, 300, [](ServeSettings& s, long long v) { s.app.notify.connect_timeout = std::chrono::seconds(v); })},
      {"total_seconds",
       Whole(1, 3600, [](ServeSettings& s, long long v) { s.app.notify.total_timeout = std::chrono::seconds(v); })},
  };
  return kKeys;
}

Key MapOf(const Section& (*keys)()) {
  return {"{" + KeysOf(keys()) + "}", [](const YAML::Node& n, ServeSettings&) { return n.IsMap(); }};
}

const Section& NotifyKeys() {
  static const Section kKeys{
      {"webhooks",
       {"[{" + KeysOf(WebhookKeys()) + "}, …]", [](const YAML::Node& n, ServeSettings&) { return n.IsSequence(); }}},
      {"smtp", MapOf(SmtpKeys)},
      {"email", RecipientsOf("ADDRESS", IsAddress, [](ServeSettings& s) -> auto& { return s.app.notify.email; })},
      {"sms", MapOf(SmsKeys)},
      {"retry", MapOf(RetryKeys)},
      {"timeouts", MapOf(TimeoutKeys)},
  };
  return kKeys;
}

// escalation: {step1_minutes, step2_minutes, step3_minutes, hold_minutes} — the overdue
// clocks' escalation (standards/escalation.h); the steps may not decrease.
const Section& EscalationKeys() {
  static const Section kKeys{
      {"step1_minutes",
       Whole(0, 10080, [](ServeSettings& s, long long v) { s.app.escalation.step_minutes[0] = static_cast<int>(v); })},
      {"step2_minutes",
       Whole(0, 10080, [](ServeSettings& s, long long v) { s.app.escalation.step_minutes[1] = static_cast<int>(v); })},
      {"step3_minutes",
       Whole(0, 10080, [](ServeSettings& s, long long v) { s.app.escalation.step_minutes[2] = static_cast<int>(v); })},
      {"hold_minutes",
       Whole(1, 1440, [](ServeSettings& s, long long v) { s.app.escalation.hold_minutes = static_cast<int>(v); })},
  };
  return kKeys;
}

Error Missing(const std::string& file, const YAML::Node& at, const std::string& key) {
  return Error::Make(ErrorCode::kInvalidArgument, "config_missing", key,
                     {{"file", file}, {"line", Line(at)}, {"key", key}});
}

Status ApplyNotify(const YAML::Node& notify, const std::string& file, ServeSettings& s) {
  if (auto st = ApplySection(notify, "notify.", NotifyKeys(), file, s); !st) return st;
  s.app.notify.webhooks.clear();
  if (const auto hooks = notify["webhooks"]) {
    for (size_t i = 0; i < hooks.size(); ++i) {
      const auto& item = hooks[i];
      const std::string prefix = "notify.webhooks[" + std::to_string(i) + "].";
      if (!item.IsMap()) return Fail(Missing(file, item, prefix + "name"));
      s.app.notify.webhooks.emplace_back();
      if (auto st = ApplySection(item, prefix, WebhookKeys(), file, s); !st) return st;
      for (const char* required : {"name", "url", "secret_file", "regions"}) {
        if (!item[required]) return Fail(Missing(file, item, prefix + required));
      }
      for (size_t j = 0; j < i; ++j) {
        if (s.app.notify.webhooks[j].name == s.app.notify.webhooks.back().name) {
          return Fail(Error::Make(ErrorCode::kInvalidArgument, "config_value", prefix + "name",
                                  {{"file", file},
                                   {"line", Line(item["name"])},
                                   {"key", prefix + "name"},
                                   {"value", s.app.notify.webhooks.back().name},
                                   {"allowed", "a name not used before"}}));
        }
      }
    }
  }
  const std::pair<const char*, const Section& (*)()> parts[] = {
      {"smtp", SmtpKeys}, {"sms", SmsKeys}, {"retry", RetryKeys}, {"timeouts", TimeoutKeys}};
  for (const auto& [name, keys] : parts) {
    if (const auto n = notify[name]) {
      if (auto st = ApplySection(n, std::string("notify.") + name + ".", keys(), file, s); !st) return st;
    }
  }
  if (const auto n = notify["smtp"]) {
    for (const char* required : {"url", "from"}) {
      if (!n[required]) return Fail(Missing(file, n, std::string("notify.smtp.") + required));
    }
  }
  if (const auto n = notify["sms"]; n && !n["url"]) return Fail(Missing(file, n, "notify.sms.url"));
  if (const auto n = notify["email"]; n && !notify["smtp"]) return Fail(Missing(file, n, "notify.smtp"));
  return {};
}

}  // namespace

bool ParseListen(const std::string& listen, api::HttpServerOptions& http) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  const std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.empty() || port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  const int p = std::stoi(port);
  if (p > 65535) return false;
  http.host = host;
  http.port = static_cast<std::uint16_t>(p);
  return true;
}

Status ApplyServeConfig(const std::string& text, const std::string& file, ServeSettings& settings) {
  if (auto e = NotUtf8(text, file)) return Fail(*e);
  const Section top{
      {"listen",
       {"HOST:PORT",
        [](const YAML::Node& n, ServeSettings& s) {
          api::HttpServerOptions probe;
          if (!n.IsScalar() || !ParseListen(n.Scalar(), probe)) return false;
          s.listen = n.Scalar();
          return true;
        }}},
      {"data", Path([](ServeSettings& s, std::string v) { s.app.data_dir = std::move(v); })},
      {"files", Path([](ServeSettings& s, std::string v) { s.app.files_dir = std::move(v); })},
      {"web", Path([](ServeSettings& s, std::string v) { s.app.web_root = std::move(v); })},
      {"audit_key", Path([](ServeSettings& s, std::string v) { s.app.audit_anchor.key_file = std::move(v); })},
      {"audit_anchor", Path([](ServeSettings& s, std::string v) { s.app.audit_anchor.anchor_file = std::move(v); })},
      {"demo", Flag([](ServeSettings& s, bool v) { s.demo = v; })},
      {"tls_proxy", Flag([](ServeSettings& s, bool v) { s.app.tls_proxy = v; })},
      {"log_format",
       {"json, text", [](const YAML::Node& n,
                         ServeSettings& s) { return n.IsScalar() && log::ParseFormat(n.Scalar(), s.log_format); }}},
      {"sessions", MapOf(SessionKeys)},
      {"limits", MapOf(LimitKeys)},
      {"notify", MapOf(NotifyKeys)},
      {"escalation", MapOf(EscalationKeys)},
  };
  try {
    const YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return {};  // an empty file: the defaults
    if (!root.IsMap()) {
      return Fail(FileSyntaxError(file, root.Mark().line + 1, "expected a mapping of keys"));
    }
    ServeSettings next = settings;  // nothing is applied from a file with an error
    if (auto s = ApplySection(root, "", top, file, next); !s) return s;
    if (const auto n = root["sessions"]) {
      if (auto s = ApplySection(n, "sessions.", SessionKeys(), file, next); !s) return s;
    }
    if (const auto n = root["limits"]) {
      if (auto s = ApplySection(n, "limits.", LimitKeys(), file, next); !s) return s;
    }
    if (const auto n = root["notify"]) {
      if (auto s = ApplyNotify(n, file, next); !s) return s;
    }
    if (const auto n = root["escalation"]) {
      if (auto s = ApplySection(n, "escalation.", EscalationKeys(), file, next); !s) return s;
      if (!ValidateEscalationTerms(next.app.escalation).empty()) {
        return Fail(Error::Make(ErrorCode::kInvalidArgument, "config_value", "escalation",
                                {{"file", file},
                                 {"line", Line(n)},
                                 {"key", "escalation"},
                                 {"value", "{…}"},
                                 {"allowed", "step1_minutes <= step2_minutes <= step3_minutes"}}));
      }
    }
    settings = std::move(next);
    return {};
  } catch (const YAML::Exception& e) {
    return Fail(FileSyntaxError(file, e.mark.line + 1, e.msg));
  }
}

Status ApplyServeConfigFile(const std::string& path, ServeSettings& settings) {
  auto text = ReadTextFile(path);
  if (!text) return Fail(text.error());
  return ApplyServeConfig(*text, path, settings);
}

}  // namespace shaobing
