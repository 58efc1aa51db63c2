#include "app/serve_config.h"

#include <yaml-cpp/yaml.h>

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
  };
  return kKeys;
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
      {"sessions", {"{" + KeysOf(SessionKeys()) + "}", [](const YAML::Node& n, ServeSettings&) { return n.IsMap(); }}},
      {"limits", {"{" + KeysOf(LimitKeys()) + "}", [](const YAML::Node& n, ServeSettings&) { return n.IsMap(); }}},
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
