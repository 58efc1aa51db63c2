#pragma once
// Headers every response carries, API and web app alike. The Content-Security-Policy allows
// scripts only from the server's own origin (no inline script, no eval), no framing, no
// plugins, and requests only to the origin; inline style attributes stay allowed because the
// component library sets them (they cannot run code).
#include <string>
#include <utility>
#include <vector>

namespace shaobing::api {

inline constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

inline std::vector<std::pair<std::string, std::string>> DefaultSecurityHeaders() {
  return {{"Content-Security-Policy", kContentSecurityPolicy},
          {"X-Content-Type-Options", "nosniff"},
          {"X-Frame-Options", "DENY"},
          {"Referrer-Policy", "no-referrer"},
          {"Cross-Origin-Opener-Policy", "same-origin"},
          {"Cross-Origin-Resource-Policy", "same-origin"},
          {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"}};
}

}  // namespace shaobing::api
