#pragma once
// A small blocking HTTP/1.1 client for tests and benchmarks: one keep-alive connection to a
// loopback server.
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace shaobing::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value Json() const;             // null when the body is not JSON
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port);
  ~HttpClient();
  void SetToken(std::string token) { token_ = std::move(token); }
  HttpResult Request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const std::string& body) { return Request("POST", target, body); }
  HttpResult PostJson(const std::string& target, const boost::json::value& body);
  // Logs in and keeps the token for later requests; returns the login response.
  HttpResult Login(const std::string& name, const std::string& password);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string token_;
};

}  // namespace shaobing::testing
