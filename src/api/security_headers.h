#pragma once
// Headers every response carries, API and web app alike. The Content-Security-Policy allows
// scripts and styles only from the server's own origin (no inline script or style, no eval),
// no framing, no plugins, and requests only to the origin. (The component library and the
// charts set styles through the CSSOM, which the policy does not govern; the browser tests
// walk every screen under this policy and find no violation.)
#include <string>
#include <utility>
#include <vector>

namespace shaobing::api {

inline constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
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
