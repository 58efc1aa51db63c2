#pragma once
// A plain TCP connection to a loopback server, for tests that work below HTTP: bytes sent as
// they are, reads without a parser, input left unread on purpose, a chosen source address.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "testing/http_client.h"

namespace shaobing::testing {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port` from `source` (another loopback address such as 127.0.0.2;
  // "" lets the system choose), with a receive buffer of `receive_buffer` bytes when non-zero
  // (set before connecting, so that the window stays small). Throws when it cannot connect.
  explicit RawConnection(std::uint16_t port, const std::string& source = "", int receive_buffer = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends all of `bytes`; false when the peer has closed or reset the connection.
  bool Send(std::string_view bytes);
  // A GET of `target` with `token` as bearer token when non-empty (keep-alive).
  bool SendGet(const std::string& target, const std::string& token = "");

  // Reads until `text` has arrived and returns what came up to and including it (it is
  // consumed); "" when the peer closed or `timeout` passed first.
  std::string ReadUntil(std::string_view text, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads one response: status line, headers (lower-case names) and a Content-Length body.
  // Status 0 when none arrived within `timeout`.
  HttpResult ReadResponse(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Reads and drops everything until the peer closes (end of stream or reset); true when it
  // did within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  // Appends what arrives within `timeout` to in_; false on end of stream, error or timeout.
  bool Fill(std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string in_;  // read, not yet consumed
};

}  // namespace shaobing::testing
