#pragma once
// Running the `shaobing` binary from tests: a command to completion, or a server in the
// background that can be killed (SIGKILL for crash tests, SIGTERM for graceful stops).
#include <sys/types.h>

#include <string>
#include <thread>
#include <vector>

namespace shaobing::testing {

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out, err;
};

// Runs `argv` with `input` on stdin and waits.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input = "");

struct ServerProcessOptions {
  int max_open_files = 0;   // its RLIMIT_NOFILE (soft and hard); 0: inherited
  std::string stderr_path;  // where its stderr goes (appended); "": /dev/null
  // Where its stdout (the log) goes once the URL is announced, the lines before included
  // (appended; may be stderr_path); "": read and dropped, so that the server never blocks on it.
  std::string stdout_path;
  std::vector<std::string> environment;  // NAME=value: set in its environment, replacing the inherited value
};

class ServerProcess {
 public:
  // Starts `shaobing serve --listen 127.0.0.1:0 --data DIR [extra]` and waits for the line
  // announcing its URL. Throws when it does not come up within 30 s.
  ServerProcess(const std::string& binary, const std::string& data_dir, const std::vector<std::string>& extra = {},
                const ServerProcessOptions& options = {});
  ~ServerProcess();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  void Kill(int signal);  // sends the signal and waits for the process
  int exit_status() const { return status_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int out_fd_ = -1;
  int status_ = -1;
  std::thread drain_;  // copies stdout to stdout_path until the process ends
};

}  // namespace shaobing::testing
