// Whether this device's clock can be trusted, and which boot it is in
// (issue 17 item 6). A Raspberry Pi has no real-time clock: after a power
// cut in a clinic without network it starts at the time fake-hwclock saved
// (or at 1970), and every answer it records is dated wrong until timesyncd
// reaches a time server. The kiosk stores this state with each answer and
// kotak-sync measures the clock's offset against the server's per boot, so
// that the server can correct the answers of an unsynchronised boot
// (docs/sync.md, "A kiosk clock that is wrong").
//
// Synchronised is the kernel's view (adjtimex: STA_UNSYNC, which timesyncd
// and chrony clear once they have set the clock) together with timesyncd's
// /run/systemd/timesync/synchronized. The boot is the kernel's random
// boot_id, new at every start.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kotak::core {

struct ClockState {
  std::optional<bool> synchronised;  // nullopt: unknown (nothing could tell)
  std::string boot_id;               // "" : unknown

  friend bool operator==(const ClockState&, const ClockState&) = default;
};

// Where the state is read from. The defaults are the real device's; tests
// (and a device laid out otherwise) name other files through the
// environment, see clock_sources_from_environment().
struct ClockSources {
  std::filesystem::path boot_id_file = "/proc/sys/kernel/random/boot_id";
  // Exists while timesyncd holds the clock synchronised.
  std::filesystem::path synchronized_file = "/run/systemd/timesync/synchronized";
  // timesyncd's runtime folder: it exists while timesyncd runs, so without
  // synchronized_file in it the clock is not synchronised (yet).
  std::filesystem::path timesync_folder = "/run/systemd/timesync";
  bool ask_kernel = true;
};

// The defaults, with KOTAK_BOOT_ID_FILE naming another boot id file and
// KOTAK_CLOCK_SYNC_FILE another synchronised marker. With the latter set the
// kernel is not asked: the file alone decides (present: synchronised,
// absent: not), which is how tests move a kiosk into an unsynchronised boot.
ClockSources clock_sources_from_environment();

// Never throws: what cannot be read is unknown.
ClockState read_clock_state(const ClockSources& sources);
ClockState read_clock_state();  // from clock_sources_from_environment()

// A boot id as stored and sent: 1..64 of [0-9a-f-] (the kernel's is a UUID).
bool is_boot_id(std::string_view text);

}  // namespace kotak::core
