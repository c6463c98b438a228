// What a sync run ended with, as a code that kotak-sync writes into the
// kiosk database (SyncStatus::result) and the kiosk's admin screen turns into
// plain words from its catalog ("sync.result.<code>").
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace kotak::core {

enum class SyncResult {
  ok,                // reached the server; SyncStatus::delivered says how many were sent
  unreachable,       // no connection, DNS failure, timeout, stalled link
  not_kotak_server,  // something answered that is not a Kotak server (captive portal, proxy page)
  token_rejected,    // the server refused the device token (revoked or wrong)
  token_file,        // the token file is missing, empty, unreadable or readable by others
  tls_error,         // certificate or public-key pin did not verify
  server_error,      // the server kept failing (5xx, 429) after the retries
  storage_error,     // the kiosk database could not be read or written
  stopped,           // stopped (SIGTERM: shutdown, timer stopped) before the run finished
};

inline constexpr std::array<std::string_view, 9> kSyncResultNames = {
    "ok",         "unreachable", "not_kotak_server", "token_rejected", "token_file",
    "tls_error",  "server_error", "storage_error",   "stopped"};

inline std::string_view to_string(SyncResult result) {
  return kSyncResultNames[static_cast<std::size_t>(result)];
}

inline std::optional<SyncResult> parse_sync_result(std::string_view text) {
  for (std::size_t i = 0; i < kSyncResultNames.size(); ++i)
    if (kSyncResultNames[i] == text) return static_cast<SyncResult>(i);
  return std::nullopt;
}

}  // namespace kotak::core
