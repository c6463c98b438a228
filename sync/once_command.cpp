// `kotak-sync once` and `kotak-sync run --every`: one sync run, its status
// in the kiosk database (for the admin screen) and in the journal.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <thread>

#include "core/log.hpp"
#include "core/store.hpp"
#include "core/timestamp.hpp"
#include "sync/commands.hpp"
#include "sync/courier.hpp"
#include "sync/key_registration.hpp"
#include "sync/token_file.hpp"

namespace kotak::sync {

namespace {

using core::SyncResult;

constexpr auto kLockWait = std::chrono::minutes(5);

// Holds <database>.sync-lock so that the timer's run and one started from
// the admin screen do not send the same batches side by side (harmless, as
// duplicates, but wasteful on a slow link).
class RunLock {
 public:
  RunLock(const std::filesystem::path& database, const std::atomic<bool>& stop) {
    auto path = database.string() + ".sync-lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      core::log::warning("cannot create " + path + "; running without the lock");
      return;
    }
    auto deadline = std::chrono::steady_clock::now() + kLockWait;
    bool told = false;
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      if (!told) core::log::info("waiting for another kotak-sync run to finish");
      told = true;
      if (stop || std::chrono::steady_clock::now() > deadline) {
        ::close(fd_);
        fd_ = -1;
        acquired_ = false;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  ~RunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  bool acquired() const { return acquired_; }

 private:
  int fd_ = -1;
  bool acquired_ = true;
};

RunReport deliver(const core::SyncConfig& config, core::Store& store,
                  const std::atomic<bool>& stop) {
  RunReport report;
  std::string token;
  try {
    token = read_token_file(config.token_file);
  } catch (const TokenFileError& error) {
    report.result = SyncResult::token_file;
    report.detail = error.what();
    return report;
  }
  auto settings = http_settings(config, config.server_url, token, &stop);
  HttpClient http(settings);
  HttpClient second(settings);  // connects when it first carries a batch
  Courier courier(config, store, http, stop, &second);
  report = courier.run();
  // The server answered: a good moment to register the bundle key.
  if (report.result == SyncResult::ok && !stop) ensure_key_registered(config, http);
  return report;
}

void log_report(const RunReport& report, const core::StateCounts& counts) {
  std::string numbers = std::to_string(report.delivered) + " sent, " +
                        std::to_string(report.quarantined) + " quarantined, " +
                        std::to_string(counts.pending) + " waiting";
  if (report.result == SyncResult::ok) {
    core::log::info("sync ok: " + numbers + "; " + report.board + "; " + report.settings +
                    (report.clock.empty() ? "" : "; " + report.clock) +
                    (report.health.empty() ? "" : "; " + report.health));
    return;
  }
  core::log::error("sync failed (" + std::string(core::to_string(report.result)) +
                   "): " + report.detail + " [" + numbers + "]");
}

}  // namespace

int run_once(const core::SyncConfig& config, const std::atomic<bool>& stop) {
  std::optional<core::Store> store;
  try {
    store.emplace(core::Store::open(config.database, {.create = false, .quick_check = false}));
    // Batches are read in order, so a small page cache does as well as a
    // big one, and the agent's memory stays the same whatever the queue.
    store->database().exec("PRAGMA cache_size = -1024");
  } catch (const core::StoreError& error) {
    // Nowhere to write the status: the journal is all there is.
    core::log::error(std::string("sync failed (storage_error): ") + error.what());
    return 1;
  }
  RunLock lock(config.database, stop);
  if (!lock.acquired()) {
    core::log::error("another kotak-sync run kept the lock; this run did nothing");
    return 1;
  }
  auto started = core::now().unix_ms;
  RunReport report;
  try {
    report = deliver(config, *store, stop);
  } catch (const core::StoreError& error) {
    report.result = SyncResult::storage_error;
    report.detail = error.what();
  }
  // A transfer cut by SIGTERM looks like a broken network to libcurl; the
  // network was fine, the run was stopped (issue 12).
  if (stop && report.result != SyncResult::ok) {
    report.result = SyncResult::stopped;
    report.detail = "stopped before the run finished; the next run goes on";
  }
  try {
    auto retention_ms = std::int64_t{config.retention_days} * 24 * 60 * 60 * 1000;
    auto purged = store->purge_delivered(core::now().unix_ms - retention_ms);
    if (purged > 0)
      core::log::info("removed " + std::to_string(purged) + " answers delivered more than " +
                      std::to_string(config.retention_days) + " days ago");
    auto counts = store->counts();
    auto previous = store->sync_status();
    core::SyncStatus status;
    status.attempted_ms = started;
    status.succeeded_ms = report.result == SyncResult::ok
                              ? std::optional(core::now().unix_ms)
                              : (previous ? previous->succeeded_ms : std::nullopt);
    status.result = std::string(core::to_string(report.result));
    status.detail = report.detail;
    status.delivered = report.delivered;
    status.quarantined = counts.quarantined;
    store->set_sync_status(status);
    log_report(report, counts);
  } catch (const core::StoreError& error) {
    core::log::error(std::string("sync failed (storage_error): could not record the result: ") +
                     error.what());
    return 1;
  }
  return report.result == SyncResult::ok ? 0 : 1;
}

int run_every(const core::SyncConfig& config, std::chrono::seconds every,
              const std::atomic<bool>& stop) {
  core::log::info("syncing every " + std::to_string(every.count()) + " s until stopped");
  while (!stop) {
    auto next = std::chrono::steady_clock::now() + every;
    run_once(config, stop);
    while (!stop && std::chrono::steady_clock::now() < next)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  core::log::info("stopped");
  return 0;
}

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t unit = 1;
  switch (text.back()) {
    case 's':
      text.remove_suffix(1);
      break;
    case 'm':
      unit = 60;
      text.remove_suffix(1);
      break;
    case 'h':
      unit = 3600;
      text.remove_suffix(1);
      break;
    default:
      break;
  }
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value == 0 || value * unit > 7 * 24 * 3600) return std::nullopt;
  return std::chrono::seconds(value * unit);
}

}  // namespace kotak::sync
