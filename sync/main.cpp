// kotak-sync: the kiosk's courier. Carries the answers waiting in the kiosk
// database to kotak-server and brings back the public board and the remote
// settings. Exit codes: 0 done, 1 failed (the journal and `kotak-sync
// status` say why), 2 wrong command line or config.
#include <malloc.h>

#include <csignal>

#include <CLI/CLI.hpp>
#include <atomic>

#include "core/config.hpp"
#include "core/log.hpp"
#include "core/store.hpp"
#include "sync/commands.hpp"
#include "sync/http_client.hpp"

namespace {

std::atomic<bool> stop_requested{false};

void on_stop_signal(int) { stop_requested = true; }

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kotak;
  core::log::set_program("kotak-sync");
  // The agent shares a small kiosk with the kiosk itself: one malloc arena
  // for its two threads keeps its memory flat and small (issue 4: 20 MB).
  mallopt(M_ARENA_MAX, 1);
  std::string config_file = "/etc/kotak/sync.toml";
  std::string every_text = "5m";
  std::string export_dir;
  std::string language = "id";

  CLI::App app{"kotak-sync: delivers the kiosk's answers to kotak-server"};
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--config", config_file, "sync config file")->capture_default_str();
  auto* once = app.add_subcommand("once", "send everything waiting, then fetch board and settings");
  auto* run = app.add_subcommand("run", "sync again and again (for machines without systemd)");
  run->add_option("--every", every_text, "pause between runs: 30s, 5m, 1h")->capture_default_str();
  auto* status = app.add_subcommand("status", "summary of the queue and the last run");
  status->add_option("--language", language, "words for the result: id or en")
      ->check(CLI::IsMember({"id", "en"}))
      ->capture_default_str();
  auto* exporter = app.add_subcommand("export", "write the waiting answers to a USB bundle");
  exporter->add_option("DIR", export_dir, "a directory on the mounted stick")->required();
  auto* key = app.add_subcommand("key", "print this kiosk's bundle key (made when there is none)");
  sync::EnrollOptions enroll_options;
  auto* enroll = app.add_subcommand(
      "enroll", "fetch this kiosk's device token with a one-time code (kotak-server device code)");
  enroll->add_option("CODE", enroll_options.code, "the code, e.g. K7QM-4XPD")->required();
  enroll->add_option("--name", enroll_options.name,
                     "the device name to ask for (default: the host name), e.g. kiosk-lobby-1");
  enroll->add_option("--server", enroll_options.server_url, "the server (default: server.url)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }

  core::SyncConfig config;
  try {
    config = core::load_sync_config(config_file);
  } catch (const core::ConfigError& error) {
    core::log::error(error.what());
    return 2;
  }
  install_stop_handlers();
  sync::http_global_init();
  try {
    if (once->parsed()) return sync::run_once(config, stop_requested);
    if (run->parsed()) {
      auto every = sync::parse_duration(every_text);
      if (!every) {
        core::log::error("--every must be like 30s, 5m or 1h (at most a week), not '" + every_text +
                         "'");
        return 2;
      }
      return sync::run_every(config, *every, stop_requested);
    }
    if (status->parsed()) return sync::print_status(config, language);
    if (exporter->parsed()) return sync::export_bundle(config, export_dir);
    if (key->parsed()) return sync::print_key(config);
    if (enroll->parsed()) return sync::enroll(config, enroll_options, stop_requested);
  } catch (const std::exception& error) {
    // Config, store and bundle errors all carry a message that says what to do.
    core::log::error(error.what());
  }
  return 1;
}
