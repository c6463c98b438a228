// `kotak-sync status`: what a technician wants to know at a glance, read
// from the kiosk database: the queue, the last run in the same words the
// kiosk's admin screen uses (its catalog), and the quarantined answers.
#include <cstdio>

#include "core/i18n.hpp"
#include "core/paths.hpp"
#include "core/store.hpp"
#include "core/sync_result.hpp"
#include "core/timestamp.hpp"
#include "sync/commands.hpp"

namespace kotak::sync {

namespace {

constexpr std::size_t kQuarantineShown = 20;

std::string local_time(std::int64_t unix_ms) {
  auto iso = core::format_iso8601({unix_ms, core::local_offset_minutes(unix_ms / 1000)});
  return iso.substr(0, 10) + " " + iso.substr(11, 8) + " " + iso.substr(23);
}

// The admin screen's words for a result, or the code when the catalog is missing.
std::string result_words(const std::string& language, const core::SyncStatus& status) {
  try {
    auto catalog =
        core::Catalog::load(core::assets_dir() / "i18n" / "kiosk" / (language + ".json"));
    auto key = "sync.result." + status.result;
    if (catalog.contains(key))
      return catalog.format(key, {{"n", std::to_string(status.delivered)}});
  } catch (const std::exception&) {
  }
  return status.result;
}

}  // namespace

int print_status(const core::SyncConfig& config, const std::string& language) {
  auto store = core::Store::open(config.database, {.create = false, .quick_check = false});
  auto counts = store.counts();
  std::printf("Kiosk database %s\n", config.database.c_str());
  std::printf("  waiting to be sent:            %lld\n", static_cast<long long>(counts.pending));
  std::printf("  delivered (kept %d days):       %lld\n", config.retention_days,
              static_cast<long long>(counts.delivered));
  std::printf("  refused by the server (quarantined): %lld\n",
              static_cast<long long>(counts.quarantined));
  std::printf("Server %s\n", config.server_url.c_str());
  auto status = store.sync_status();
  if (!status) {
    std::printf("  no sync has run yet\n");
  } else {
    std::printf("  last run %s: %s (%s)\n", local_time(status->attempted_ms).c_str(),
                result_words(language, *status).c_str(), status->result.c_str());
    if (!status->detail.empty()) std::printf("  detail: %s\n", status->detail.c_str());
    std::printf("  last successful run: %s\n",
                status->succeeded_ms ? local_time(*status->succeeded_ms).c_str() : "never");
  }
  auto board = store.board();
  std::printf("Public board: %zu items (cursor %s); remote settings: %s\n", board.size(),
              store.board_cursor().empty() ? "-" : store.board_cursor().c_str(),
              store.remote_settings() ? ("ETag " + store.remote_settings_etag()).c_str() : "none");
  if (counts.quarantined > 0) {
    std::printf("Quarantined answers (kept on the kiosk; the rest of the queue goes on):\n");
    for (const auto& q : store.quarantined(kQuarantineShown))
      std::printf("  %s  %s  %s\n", q.submission.id.c_str(),
                  local_time(q.submission.created_at.unix_ms).c_str(), q.reason.c_str());
    if (counts.quarantined > static_cast<std::int64_t>(kQuarantineShown))
      std::printf("  ... and %lld more\n",
                  static_cast<long long>(counts.quarantined - kQuarantineShown));
  }
  return 0;
}

}  // namespace kotak::sync
