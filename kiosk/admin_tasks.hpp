// The admin screen's work outside the kiosk: running kotak-sync (sync now,
// export to USB) without freezing the screen, finding the program, finding
// a USB stick, and free disk space. A child runs with its output collected
// through a pipe and is polled from the frame loop; it is killed if it
// outlives its time limit or the kiosk.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kotak::kiosk {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts argv; false (with error()) if it could not be started.
  bool start(const std::vector<std::string>& argv, double time_limit_s);
  // Reads what the child wrote and reaps it when done; true while it runs.
  bool poll();
  bool running() const { return pid_ > 0; }
  int exit_code() const { return exit_code_; }
  // The last lines of its standard output and error together.
  std::string tail(std::size_t lines = 4) const;
  const std::string& error() const { return error_; }

 private:
  void read_available();
  void stop();

  pid_t pid_ = -1;
  int out_ = -1;
  int exit_code_ = 0;
  std::string output_;
  std::string error_;
  std::chrono::steady_clock::time_point deadline_;
};

// A program beside this executable, else on $PATH; nullopt when neither.
std::optional<std::filesystem::path> find_program(const std::string& name);

// The first mounted file system below root (e.g. /media) listed in the
// mounts file (/proc/self/mounts): where a USB stick appears. A plain
// directory is never taken: writing there would fill the SD card instead.
std::optional<std::filesystem::path> find_usb_mount(
    const std::filesystem::path& root, const std::filesystem::path& mounts = "/proc/self/mounts");

// Free bytes for an unprivileged writer on the file system holding path.
std::optional<std::uint64_t> free_bytes(const std::filesystem::path& path);

}  // namespace kotak::kiosk
