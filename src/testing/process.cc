#include "testing/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace shaobing::testing {
namespace {

std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> out;
  out.reserve(args.size() + 1);
  for (const auto& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// The inherited environment with `changes` (NAME=value) added, each replacing a variable of
// the same name.
std::vector<std::string> EnvironmentWith(const std::vector<std::string>& changes) {
  std::vector<std::string> out;
  auto name_of = [](const std::string& entry) { return entry.substr(0, entry.find('=')); };
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    bool replaced = false;
    for (const auto& c : changes) replaced = replaced || name_of(c) == name_of(entry);
    if (!replaced) out.push_back(entry);
  }
  out.insert(out.end(), changes.begin(), changes.end());
  return out;
}

int Decode(int wstatus) {
  if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
  if (WIFSIGNALED(wstatus)) return 128 + WTERMSIG(wstatus);
  return -1;
}

void DrainInto(int fd, std::string& out) {
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& input) {
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) throw std::runtime_error("pipe");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    auto args = Argv(argv);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (!input.empty()) (void)!::write(in[1], input.data(), input.size());
  ::close(in[1]);
  ProcessResult r;
  std::thread err_reader([&] { DrainInto(err[0], r.err); });
  DrainInto(out[0], r.out);
  err_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  int wstatus = 0;
  ::waitpid(pid, &wstatus, 0);
  r.status = Decode(wstatus);
  return r;
}

ServerProcess::ServerProcess(const std::string& binary, const std::string& data_dir,
                             const std::vector<std::string>& extra, const ServerProcessOptions& options) {
  int out[2];
  if (::pipe(out)) throw std::runtime_error("pipe");
  std::vector<std::string> args{binary, "serve", "--listen", "127.0.0.1:0", "--data", data_dir};
  args.insert(args.end(), extra.begin(), extra.end());
  // Prepared before fork: the child of a threaded process only calls async-signal-safe functions.
  const auto environment = EnvironmentWith(options.environment);
  auto a = Argv(args);
  auto envp = Argv(environment);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], 1);
    const int err = options.stderr_path.empty()
                        ? ::open("/dev/null", O_WRONLY)
                        : ::open(options.stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    ::dup2(err, 2);  // access logs
    if (err != 2) ::close(err);
    if (options.max_open_files > 0) {
      const rlimit limit{static_cast<rlim_t>(options.max_open_files), static_cast<rlim_t>(options.max_open_files)};
      ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    ::close(out[0]);
    ::close(out[1]);
    ::execve(a[0], a.data(), envp.data());
    ::_exit(127);
  }
  ::close(out[1]);
  out_fd_ = out[0];
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      char buf[512];
      const ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
      const auto at = seen.find("http://127.0.0.1:");
      if (at != std::string::npos && seen.find('/', at + 17) != std::string::npos) {
        port_ = std::stoi(seen.substr(at + 17));
        drain_ = std::thread([fd = out_fd_, path = options.stdout_path, seen] {
          const int sink = path.empty() ? -1 : ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
          if (sink >= 0) (void)!::write(sink, seen.data(), seen.size());
          char chunk[4096];
          ssize_t got = 0;
          while ((got = ::read(fd, chunk, sizeof chunk)) > 0) {
            if (sink >= 0) (void)!::write(sink, chunk, static_cast<size_t>(got));
          }
          if (sink >= 0) ::close(sink);
        });
        return;
      }
    }
  }
  Kill(SIGKILL);
  throw std::runtime_error("server did not start: " + seen);
}

void ServerProcess::Kill(int signal) {
  if (pid_ <= 0) return;
  ::kill(pid_, signal);
  int wstatus = 0;
  ::waitpid(pid_, &wstatus, 0);
  status_ = Decode(wstatus);
  pid_ = -1;
  if (drain_.joinable()) drain_.join();  // the pipe ends with the process
  if (out_fd_ >= 0) ::close(out_fd_);
  out_fd_ = -1;
}

ServerProcess::~ServerProcess() { Kill(SIGKILL); }

}  // namespace shaobing::testing
