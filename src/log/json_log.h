#pragma once
// The server's log: one line per event on one stream (stdout unless configured), written
// whole under a lock so lines of different threads never interleave.
//
// Every line has "ts" (Asia/Shanghai, RFC 3339) and "type" (access, error, accept_backoff,
// listening, shutdown, ...) followed by the event's fields in the order given. Formats:
//   json  {"ts":"…","type":"access","request_id":"…",…}  — one JSON object per line (default)
//   text  2026-12-03T08:00:00+08:00 access request_id=… status=200 …  — for a terminal;
//         strings are quoted as JSON strings when they hold a space, '=', a quote or any
//         character below U+0020, so a client's text can never forge a line or a field.
#include <boost/json/object.hpp>
#include <cstdio>
#include <string>
#include <string_view>

namespace shaobing::log {

enum class Format { kJson, kText };

// "json" / "text"; anything else is not a format.
bool ParseFormat(std::string_view name, Format& out);

// Process-wide; set before the server starts. The stream must outlive every Write.
void Configure(Format format, std::FILE* stream = stdout);

// Writes one line: "ts", "type", then `fields` (a field named "ts" or "type" is left out).
void Write(std::string_view type, const boost::json::object& fields);

// The line Write would print (no trailing newline); for tests.
std::string Render(Format format, std::string_view ts, std::string_view type, const boost::json::object& fields);

}  // namespace shaobing::log
