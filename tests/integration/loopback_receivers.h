#pragma once
// Real receivers for the notification tests, on 127.0.0.1 ephemeral ports (Boost.Asio, one
// thread each, one connection at a time): an HTTP endpoint that records every request and
// answers with a scripted status, and a minimal ESMTP server that records every message.
#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace shaobing::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

// Accepts on a loopback port and hands each connection to `serve`, until destroyed.
class LoopbackServer {
 public:
  using Serve = std::function<void(tcp::socket&)>;
  explicit LoopbackServer(Serve serve)
      : serve_(std::move(serve)), acceptor_(io_, tcp::endpoint(asio::ip::address_v4::loopback(), 0)) {
    thread_ = std::thread([this] {
      for (;;) {
        tcp::socket s(io_);
        boost::system::error_code ec;
        acceptor_.accept(s, ec);
        if (stop_) return;
        if (!ec) {
          try {
            serve_(s);
          } catch (const std::exception&) {  // the peer went away: next connection
          }
        }
      }
    });
  }
  ~LoopbackServer() {
    stop_ = true;
    boost::system::error_code ec;
    tcp::socket poke(io_);
    poke.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port()), ec);  // unblocks accept
    thread_.join();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  Serve serve_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// What a receiver saw, shared between its thread and the test.
template <typename T>
class Seen {
 public:
  void Add(T item) {
    {
      std::lock_guard lock(mu_);
      items_.push_back(std::move(item));
    }
    cv_.notify_all();
  }
  size_t Count() {
    std::lock_guard lock(mu_);
    return items_.size();
  }
  std::vector<T> All() {
    std::lock_guard lock(mu_);
    return items_;
  }
  // Waits until `n` items came (false after `timeout`).
  bool WaitFor(size_t n, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return items_.size() >= n; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<T> items_;
};

struct HttpRequestSeen {
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  int answered = 0;
};

// An HTTP endpoint: answers the first `failures` requests 500, then 200.
class HttpReceiver {
 public:
  explicit HttpReceiver(int failures = 0) : failures_(failures), server_([this](tcp::socket& s) { Serve(s); }) {}
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port()) + path; }
  std::uint16_t port() const { return server_.port(); }
  std::vector<HttpRequestSeen> Requests() { return seen_.All(); }
  // Waits until `n` requests came (false after `timeout`).
  bool WaitFor(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    return seen_.WaitFor(n, timeout);
  }

 private:
  void Serve(tcp::socket& s) {
    asio::streambuf buf;
    asio::read_until(s, buf, "\r\n\r\n");
    std::string head(asio::buffers_begin(buf.data()), asio::buffers_end(buf.data()));
    const auto end = head.find("\r\n\r\n");
    std::string rest = head.substr(end + 4);
    head.resize(end);
    HttpRequestSeen r;
    const auto first = head.find("\r\n");
    const std::string request_line = head.substr(0, first);
    const auto sp = request_line.find(' ');
    r.target = request_line.substr(sp + 1, request_line.rfind(' ') - sp - 1);
    size_t at = first;
    while (at != std::string::npos && at + 2 < head.size()) {
      const auto next = head.find("\r\n", at + 2);
      const std::string line = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      }
      at = next;
    }
    const size_t length = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
    buf.consume(buf.size());
    if (rest.size() < length) {
      std::string more(length - rest.size(), '\0');
      asio::read(s, asio::buffer(more));
      rest += more;
    }
    r.body = rest;
    r.answered = static_cast<int>(seen_.Count()) < failures_ ? 500 : 200;  // one connection at a time
    seen_.Add(r);
    const std::string answer = "HTTP/1.1 " + std::to_string(r.answered) +
                               (r.answered == 200 ? " OK" : " Internal Server Error") +
                               "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    asio::write(s, asio::buffer(answer));
  }

  int failures_;
  Seen<HttpRequestSeen> seen_;
  LoopbackServer server_;  // last: it calls Serve, which uses the members above
};

struct MailSeen {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // the message as sent after DATA, without the final "."
};

// 220, EHLO/HELO → 250, MAIL/RCPT → 250, DATA → 354, "." → 250, QUIT → 221.
class SmtpReceiver {
 public:
  SmtpReceiver() : server_([this](tcp::socket& s) { Serve(s); }) {}
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(server_.port()); }
  std::vector<MailSeen> Mails() { return mails_.All(); }
  bool WaitFor(size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    return mails_.WaitFor(n, timeout);
  }

 private:
  void Serve(tcp::socket& s) {
    asio::streambuf buf;
    const auto say = [&](const std::string& line) { asio::write(s, asio::buffer(line + "\r\n")); };
    const auto read_line = [&] {
      asio::read_until(s, buf, "\r\n");
      std::istream in(&buf);
      std::string line;
      std::getline(in, line);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    };
    say("220 127.0.0.1 ESMTP test");
    MailSeen mail;
    for (;;) {
      const std::string line = read_line();
      const std::string verb = line.substr(0, 4);
      if (verb == "EHLO" || verb == "HELO") {
        say("250 127.0.0.1");
      } else if (line.starts_with("MAIL FROM:")) {
        mail.from = line.substr(10);
        say("250 OK");
      } else if (line.starts_with("RCPT TO:")) {
        mail.to.push_back(line.substr(8));
        say("250 OK");
      } else if (verb == "DATA") {
        say("354 End data with <CR><LF>.<CR><LF>");
        for (std::string l = read_line(); l != "."; l = read_line()) mail.data += l + "\r\n";
        mails_.Add(mail);
        mail = {};
        say("250 OK queued");
      } else if (verb == "QUIT") {
        say("221 Bye");
        return;
      } else if (verb == "RSET" || verb == "NOOP") {
        say("250 OK");
      } else {
        say("502 Command not implemented");
      }
    }
  }

  Seen<MailSeen> mails_;
  LoopbackServer server_;
};

}  // namespace shaobing::testing
