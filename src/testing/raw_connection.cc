#include "testing/raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

namespace shaobing::testing {

namespace {

sockaddr_in Loopback(const std::string& address, std::uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  if (::inet_pton(AF_INET, address.c_str(), &a.sin_addr) != 1) throw std::runtime_error("bad address " + address);
  return a;
}

int MillisLeft(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::int64_t>(0, left.count()));
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

RawConnection::RawConnection(std::uint16_t port, const std::string& source, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket: " + std::to_string(errno));
  if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  if (!source.empty()) {
    const auto from = Loopback(source, 0);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&from), sizeof from) != 0) {
      ::close(fd_);
      throw std::runtime_error("bind " + source + ": " + std::to_string(errno));
    }
  }
  const auto to = Loopback("127.0.0.1", port);
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd_);
    throw std::runtime_error("connect: " + std::to_string(errno));
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool RawConnection::SendGet(const std::string& target, const std::string& token) {
  std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  return Send(request + "\r\n");
}

bool RawConnection::Fill(std::chrono::steady_clock::time_point deadline) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, MillisLeft(deadline)) <= 0) return false;
  char buf[16 * 1024];
  const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) return false;
  in_.append(buf, static_cast<size_t>(n));
  return true;
}

std::string RawConnection::ReadUntil(std::string_view text, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (size_t from = 0;;) {
    if (const auto at = in_.find(text, from); at != std::string::npos) {
      std::string out = in_.substr(0, at + text.size());
      in_.erase(0, at + text.size());
      return out;
    }
    from = in_.size() >= text.size() ? in_.size() - text.size() + 1 : 0;
    if (!Fill(deadline)) return "";
  }
}

HttpResult RawConnection::ReadResponse(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  HttpResult r;
  const std::string head = ReadUntil("\r\n\r\n", timeout);
  if (head.size() < 12 || head.compare(0, 5, "HTTP/") != 0) return r;
  r.status = std::stoi(head.substr(9, 3));
  size_t line = head.find("\r\n") + 2;
  while (line < head.size() - 2) {
    const size_t end = head.find("\r\n", line);
    const size_t colon = head.find(':', line);
    if (colon < end) {
      const size_t value = head.find_first_not_of(' ', colon + 1);
      r.headers[Lower(head.substr(line, colon - line))] = head.substr(value, end - value);
    }
    line = end + 2;
  }
  const auto length = r.headers.find("content-length");
  const size_t want = length == r.headers.end() ? 0 : std::stoul(length->second);
  while (in_.size() < want && Fill(deadline)) {
  }
  r.body = in_.substr(0, std::min(want, in_.size()));
  in_.erase(0, r.body.size());
  return r;
}

bool RawConnection::WaitClosed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buf[64 * 1024];
  in_.clear();
  for (;;) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, MillisLeft(deadline)) <= 0) return false;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return n == 0 || errno == ECONNRESET;
  }
}

}  // namespace shaobing::testing
