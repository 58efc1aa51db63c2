#pragma once
// The settings of `shaobing serve`: the defaults, then a configuration file (`--config FILE`,
// YAML), then the command line — each later one wins. Every command-line option has a key;
// the file adds the session timeouts and the limits. `shaobing config check FILE` reads a file
// the same way without serving.
//
//   listen: 127.0.0.1:8080        # HOST:PORT
//   data: /var/lib/shaobing       # data directory (SQLite database, audit key and anchor)
//   files: /usr/share/shaobing/data
//   web: /usr/share/shaobing/web
//   demo: false
//   tls_proxy: false
//   log_format: json              # json (one object per line) or text; on stdout
//   audit_key: /etc/shaobing/audit-signing.key
//   audit_anchor: /var/log/shaobing/audit-anchor.log
//   sessions: {lifetime_minutes: 720, idle_minutes: 120}
//   limits: {max_connections: 1024, max_connections_per_address: 64, max_header_bytes: 16384,
//            max_body_bytes: 1048576, max_stream_buffer_bytes: 1048576, read_timeout_seconds: 30,
//            write_timeout_seconds: 30, streams_per_user: 8, reports_per_unit_event_hour: 30,
//            reports_per_unit_hour: 200, attachment_max_bytes: 10485760,
//            attachments_per_user_day: 100, attachment_bytes_per_user_day: 314572800}
//   notify: {webhooks: [...], smtp: {...}, email: {...}, sms: {...}, retry: {...}, timeouts: {...}}
//                                 # app/notify_config.h shows every key
//
// Strict: an unknown key is an error naming the file, the line and the keys allowed there; a
// value of the wrong kind or out of range names the file, the line, the key and what is
// allowed. Nothing is applied from a file with an error.
#include <string>

#include "app/app.h"
#include "core/error.h"
#include "log/json_log.h"

namespace shaobing {

struct ServeSettings {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT
  bool demo = false;
  log::Format log_format = log::Format::kJson;
  AppConfig app;  // data, files and web directories, TLS proxy, audit files, timeouts, limits
};

// Applies the configuration file `text` (named `file` in errors) onto `settings`.
Status ApplyServeConfig(const std::string& text, const std::string& file, ServeSettings& settings);

// "HOST:PORT" into `http`; false when it is not that (nothing is changed then).
bool ParseListen(const std::string& listen, api::HttpServerOptions& http);

// Reads and applies the file at `path`.
Status ApplyServeConfigFile(const std::string& path, ServeSettings& settings);

}  // namespace shaobing
