// Running real child processes from tests: start a program with arguments,
// read its standard output line by line with a deadline, send it signals,
// and wait for its exit status.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kotak::test {

class Process {
 public:
  // Starts argv[0] with the arguments; stdout is captured, stderr inherited
  // (or sent to stderr_file when given). extra_env is "NAME=value" entries.
  Process(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env = {},
          const std::string& stderr_file = "");
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // The next line of stdout (without the newline), or nullopt at end of
  // output or when the timeout passes.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  // Everything left on stdout until the process closes it.
  std::string read_all(std::chrono::milliseconds timeout);
  void signal(int signo);
  // Waits for exit; returns the exit code, or 128+signal if killed.
  int wait();
  pid_t pid() const { return pid_; }
  bool output_closed() const { return eof_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffer_;
  bool eof_ = false;
  std::optional<int> status_;
};

// Runs a command to completion; returns exit code and stdout.
struct RunResult {
  int code;
  std::string out;
};
RunResult run(const std::vector<std::string>& argv,
              std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace kotak::test
