// The commands of kotak-sync. The kiosk's admin screen runs exactly
// `kotak-sync once --config FILE`, `kotak-sync export DIR --config FILE` and
// `kotak-sync enroll CODE --name DEVICE --config FILE`.
// Each returns the process exit code: 0 done, 1 failed (the journal and, for
// once and run, the kiosk database's sync status say why).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.hpp"

namespace kotak::sync {

// Push, pull, purge old delivered rows, record the status. stop (set by
// SIGTERM/SIGINT) ends the run early.
int run_once(const core::SyncConfig& config, const std::atomic<bool>& stop);
// run_once every `every` until stop.
int run_every(const core::SyncConfig& config, std::chrono::seconds every,
              const std::atomic<bool>& stop);
// A human summary of the queue, the last run and the quarantine.
int print_status(const core::SyncConfig& config, const std::string& language);
// Writes the pending submissions as a USB bundle (core/bundle.hpp) in dir,
// signed with the kiosk's key.
int export_bundle(const core::SyncConfig& config, const std::filesystem::path& dir);
// Prints the kiosk's bundle key (made when there is none), for
// `kotak-server device key set` on a server the kiosk never reaches.
int print_key(const core::SyncConfig& config);

// `kotak-sync enroll`: a one-time enrolment code for the device token
// (enroll_command.cpp). name: the device name the kiosk asks for (default:
// the host name); server_url: default server.url.
struct EnrollOptions {
  std::string code;
  std::string name;
  std::string server_url;
};
int enroll(const core::SyncConfig& config, const EnrollOptions& options,
           const std::atomic<bool>& stop);

// "30s", "5m", "1h", "90" (seconds); nullopt when malformed or zero.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

}  // namespace kotak::sync
