#include "log/json_log.h"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace shaobing::log {
namespace {

struct Sink {
  Mutex mutex;
  Format format GUARDED_BY(mutex) = Format::kJson;
  std::FILE* stream GUARDED_BY(mutex) = stdout;
};

Sink& TheSink() {
  static Sink sink;
  return sink;
}

bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return true;
  for (const unsigned char c : s) {
    if (c < 0x20 || c == 0x7f || c == ' ' || c == '=' || c == '"' || c == '\\') return true;
  }
  return false;
}

// A JSON value as JSON; a double in plain decimals ("0.33", not Boost's "3.3E-1"), so that a
// reader of the log sees what jq would show, and null when it is not finite.
void AppendJson(std::string& out, const boost::json::value& v) {
  if (v.is_double()) {
    if (!std::isfinite(v.get_double())) {
      out += "null";  // JSON has no NaN or infinity (Boost would write "nan")
      return;
    }
    char number[32];
    std::snprintf(number, sizeof number, "%.10g", v.get_double());
    out += number;
    return;
  }
  out += boost::json::serialize(v);
}

void AppendText(std::string& out, const boost::json::value& v) {
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    if (NeedsQuotes(s)) {
      out += boost::json::serialize(v);
    } else {
      out += s;
    }
    return;
  }
  AppendJson(out, v);  // numbers, booleans, null, nested objects and arrays: as JSON
}

}  // namespace

bool ParseFormat(std::string_view name, Format& out) {
  if (name == "json") {
    out = Format::kJson;
  } else if (name == "text") {
    out = Format::kText;
  } else {
    return false;
  }
  return true;
}

void Configure(Format format, std::FILE* stream) {
  auto& sink = TheSink();
  MutexLock lock(sink.mutex);
  sink.format = format;
  sink.stream = stream;
}

std::string Render(Format format, std::string_view ts, std::string_view type, const boost::json::object& fields) {
  if (format == Format::kJson) {
    std::string out = "{\"ts\":" + boost::json::serialize(boost::json::string(ts));
    out += ",\"type\":" + boost::json::serialize(boost::json::string(type));
    for (const auto& [k, v] : fields) {
      if (k == "ts" || k == "type") continue;  // reserved: the line's own
      out += ',';
      out += boost::json::serialize(boost::json::string(k));
      out += ':';
      AppendJson(out, v);
    }
    out += '}';
    return out;
  }
  std::string out;
  out += ts;
  out += ' ';
  AppendText(out, boost::json::string(type));
  for (const auto& [k, v] : fields) {
    out += ' ';
    AppendText(out, boost::json::string(k));
    out += '=';
    AppendText(out, v);
  }
  return out;
}

void Write(std::string_view type, const boost::json::object& fields) {
  const std::string ts = FormatShanghai(SystemClock().Now());
  auto& sink = TheSink();
  Format format = Format::kJson;
  {
    MutexLock lock(sink.mutex);
    format = sink.format;
  }
  // Rendered outside the lock: the I/O threads wait for each other only to write.
  std::string line = Render(format, ts, type, fields);
  line += '\n';
  MutexLock lock(sink.mutex);
  std::fwrite(line.data(), 1, line.size(), sink.stream);
  std::fflush(sink.stream);
}

}  // namespace shaobing::log
