// See admin_tasks.hpp.
#include "kiosk/admin_tasks.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace kotak::kiosk {

namespace fs = std::filesystem;

ChildProcess::~ChildProcess() { stop(); }

bool ChildProcess::start(const std::vector<std::string>& argv, double time_limit_s) {
  stop();
  output_.clear();
  error_.clear();
  exit_code_ = 0;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error_ = std::string("cannot make a pipe: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    error_ = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
  pid_ = pid;
  out_ = pipe_fds[0];
  deadline_ = std::chrono::steady_clock::now() +
              std::chrono::milliseconds(static_cast<long>(time_limit_s * 1000));
  return true;
}

void ChildProcess::read_available() {
  if (out_ < 0) return;
  char buffer[4096];
  while (true) {
    ssize_t n = read(out_, buffer, sizeof buffer);
    if (n > 0) {
      output_.append(buffer, static_cast<std::size_t>(n));
      if (output_.size() > 16384) output_.erase(0, output_.size() - 8192);
      continue;
    }
    if (n == 0) {
      close(out_);
      out_ = -1;
    }
    break;
  }
}

bool ChildProcess::poll() {
  if (pid_ <= 0) return false;
  read_available();
  int status = 0;
  pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    read_available();
    if (out_ >= 0) {
      close(out_);
      out_ = -1;
    }
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  if (std::chrono::steady_clock::now() > deadline_) {
    output_ += "\n(stopped: it took too long)\n";
    stop();
    exit_code_ = 124;
    return false;
  }
  return true;
}

void ChildProcess::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      usleep(20000);
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  if (out_ >= 0) {
    close(out_);
    out_ = -1;
  }
}

std::string ChildProcess::tail(std::size_t lines) const {
  std::vector<std::string> all;
  std::istringstream in(output_);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) all.push_back(line);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    out += (out.empty() ? "" : "\n") + all[i];
  return out;
}

std::optional<fs::path> find_program(const std::string& name) {
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = self.parent_path() / name;
    if (access(beside.c_str(), X_OK) == 0) return beside;
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    auto candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate, ec))
      return candidate;
  }
  return std::nullopt;
}

namespace {

// /proc/self/mounts escapes spaces and such as \040 (octal).
std::string unescape_mount(const std::string& field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      int value = 0;
      bool octal = true;
      for (std::size_t k = 1; k <= 3; ++k) {
        char c = field[i + k];
        octal = octal && c >= '0' && c <= '7';
        value = value * 8 + (c - '0');
      }
      if (octal) {
        out += static_cast<char>(value);
        i += 3;
        continue;
      }
    }
    out += field[i];
  }
  return out;
}

}  // namespace

std::optional<fs::path> find_usb_mount(const fs::path& root, const fs::path& mounts) {
  std::ifstream in(mounts);
  std::string line;
  const std::string prefix = root.lexically_normal().string();
  std::optional<fs::path> found;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string device, where, type;
    if (!(fields >> device >> where >> type)) continue;
    where = unescape_mount(where);
    fs::path point = fs::path(where).lexically_normal();
    std::string text = point.string();
    if (text.size() <= prefix.size() + 1 || text.compare(0, prefix.size(), prefix) != 0 ||
        text[prefix.size()] != '/')
      continue;
    found = point;
    break;
  }
  return found;
}

std::optional<std::uint64_t> free_bytes(const fs::path& path) {
  struct statvfs info {};
  if (statvfs(path.c_str(), &info) != 0) return std::nullopt;
  return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

}  // namespace kotak::kiosk
