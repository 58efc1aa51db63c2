#include "log/json_log.h"

#include <boost/json/serialize.hpp>

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
  out += boost::json::serialize(v);  // numbers, booleans, null, nested objects and arrays: as JSON
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
    boost::json::object line{{"ts", ts}, {"type", type}};
    for (const auto& [k, v] : fields) line[k] = v;
    return boost::json::serialize(line);
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
