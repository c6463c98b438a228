// What the storage keeps of facilities and their kiosks (storage.hpp):
// devices and tokens, enrolment codes, what a sync delivers, device clocks,
// the public board, remote settings, conflicts and the health figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "core/submission.hpp"

namespace kotak::server {

struct Facility {
  std::string id;    // identifier, e.g. pkm-klaten-tengah
  std::string name;  // Puskesmas Klaten Tengah
  std::int64_t created_ms = 0;
};

// A device is named within its facility; the pair is its identity.
struct DeviceRef {
  std::string facility_id;
  std::string device_id;
  friend bool operator==(const DeviceRef&, const DeviceRef&) = default;
};

struct Device {
  DeviceRef ref;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> revoked_ms;    // set: no token of it is accepted
  std::optional<std::int64_t> last_seen_ms;  // last authenticated request
  std::int64_t submissions = 0;              // stored submissions it sent
  std::string public_key;                    // its Ed25519 bundle key, base64; "" when none
  std::optional<std::int64_t> key_set_ms;    // when the key was registered or set
};

// What registering a device's bundle key did.
enum class KeyRegistration {
  registered,  // the device had no key; now it has this one
  unchanged,   // it had this very key
  other_key,   // it has another key, which stays: only an admin may replace it
};

// What registering the key `offered` does to a device whose key is
// `current` ("" when none): the one rule both engines apply.
inline KeyRegistration key_registration(const std::string& current, const std::string& offered) {
  if (current == offered) return KeyRegistration::unchanged;
  return current.empty() ? KeyRegistration::registered : KeyRegistration::other_key;
}
// A one-time enrolment code (issue 17): made by the admin for a facility,
// and optionally for one device name, it lets a kiosk fetch its own token.
// Only the code's hash is kept (server/enrolment.hpp).
struct EnrolmentCode {
  std::string code_hash;
  std::string facility_id;
  std::string device_id;  // "" : the kiosk says its own name
  std::string created_by;
  std::int64_t created_ms = 0;
  std::int64_t expires_ms = 0;
};

// What redeeming an enrolment code did.
enum class EnrolmentOutcome {
  enrolled,    // a new device with this token
  reenrolled,  // the code named an existing device: its token was replaced
  unknown,     // no such code
  used,        // used before (at `at_ms`)
  expired,     // expired (at `at_ms`)
  name_taken,  // the kiosk's name exists and the code was not made for it
  no_name,     // the code names no device and the kiosk said no name
};

struct Enrolment {
  EnrolmentOutcome outcome = EnrolmentOutcome::unknown;
  DeviceRef device;               // enrolled, reenrolled, name_taken
  std::optional<std::int64_t> at_ms;  // used, expired
};

// Why a known code is refused before any device is touched (used, expired,
// no_name), or nullopt to go on: the one rule both engines apply. named:
// the code's device name ("" for none).
inline std::optional<Enrolment> enrolment_refusal(const std::string& named, std::int64_t expires_ms,
                                                  std::optional<std::int64_t> used_ms,
                                                  const std::string& wanted_name, std::int64_t now_ms) {
  if (used_ms) return Enrolment{EnrolmentOutcome::used, {}, used_ms};
  if (now_ms >= expires_ms) return Enrolment{EnrolmentOutcome::expired, {}, expires_ms};
  if (named.empty() && wanted_name.empty()) return Enrolment{EnrolmentOutcome::no_name, {}, std::nullopt};
  return std::nullopt;
}

// How a batch reached the server; kept with each submission. phone: the
// phone pages (/s/FACILITY, issue 18), stored as arrived by network with
// submissions.channel 'ponsel', under the facility's kPhoneDevice, and
// their complaints enter the register with the channel qr_ponsel.
enum class IngestSource { network, bundle, phone };

// The device name the phone pages' answers are stored under: no kiosk can
// have it (a device name is an identifier, core::is_identifier), and no
// device row is needed for it.
inline constexpr const char* kPhoneDevice = "(ponsel)";

// How far a submission's created_at can be trusted (issue 17 item 6).
enum class ClockTrust {
  unknown,       // the kiosk did not say (an older kiosk): counted as it came
  synchronised,  // the kiosk's clock was synchronised
  corrected,     // it was not; created_at is its time plus its boot's offset
  uncertain,     // it was not, and no offset of its boot is known (yet)
};
std::string_view to_string(ClockTrust trust);  // "" for unknown
ClockTrust parse_clock_trust(std::string_view text);  // unknown for anything else

// An offset kotak-sync measured in one boot of a device while its clock
// was not synchronised (wire::ClockReport): add it to a kiosk time of that
// boot to get the server's.
struct ClockOffset {
  std::string boot_id;
  std::int64_t offset_ms = 0;
  std::int64_t round_trip_ms = 0;
  std::int64_t measured_ms = 0;  // server time
};

struct ClockRecord {
  bool recorded = false;      // false: the boot had an offset already, which stays
  std::int64_t offset_ms = 0;  // the boot's offset, the one used
  std::int64_t corrected = 0;  // answers corrected by it now
};

// Offsets kept per device: the newest boots'. A kiosk that rebooted more
// often than this while offline keeps its oldest answers uncertain.
inline constexpr int kMaxBootsPerDevice = 100;

struct IngestItem {
  core::Submission submission;  // validated; facility and device already set
  std::string content_hash;     // wire::content_hash(submission), a sealed identity opened
  // Set when the kiosk's created_at was more than a day ahead of the server's
  // clock (a suspect clock): submission.created_at is then the arrival time,
  // by which reports count it, and this the kiosk's own time, kept and shown.
  std::optional<core::Timestamp> claimed_created_at = std::nullopt;
  // From submission.clock and the boot's offset (ingest.cpp); with
  // corrected, claimed_created_at is the kiosk's own time.
  ClockTrust clock_trust = ClockTrust::unknown;
};

enum class IngestOutcome { accepted, duplicate, conflict };

// A published board item with the facility's board cursor.
struct BoardSnapshot {
  std::string cursor;
  std::vector<core::BoardItem> items;  // newest first, at most 200
};

// The remote kiosk settings of a facility (remote_settings.hpp), as JSON text.
struct SettingsDocument {
  std::string json;
  std::string etag;  // quoted, as sent in the ETag header
  std::int64_t updated_ms = 0;
};

// A refused version of a submission, kept for staff to look at.
struct ConflictRecord {
  std::string submission_id;
  DeviceRef device;
  std::int64_t received_ms = 0;
  std::string content;  // the refused version as wire JSON, without contact details
};

// The latest health report of a kiosk (issue 15 item 12; wire::HealthReport),
// one row per device, replaced by each sync. reported_ms is the server's time
// of the report: the kiosk's last sync.
struct DeviceHealth {
  DeviceRef device;
  std::int64_t reported_ms = 0;
  std::int64_t queue = 0;        // answers waiting to be sent after the sync
  std::int64_t quarantined = 0;  // answers set aside on the kiosk
  std::string version;           // kotak-sync's version
  std::optional<std::int64_t> disk_free_bytes;  // of the kiosk database's file system
  std::optional<std::int64_t> clock_offset_ms;  // server minus kiosk, as last measured
  std::optional<std::int64_t> outage_mailed_ms;  // this silence was mailed (cleared by a sync)
  friend bool operator==(const DeviceHealth&, const DeviceHealth&) = default;
};

// How long a kiosk may be silent before staff are told (the page's warning
// and the mail to the facility's petugas), and how far back a silence that
// was never mailed is still worth a mail (turning mail on does not mail
// about kiosks that died long ago).
inline constexpr std::int64_t kKioskSilentMs = 24LL * 3600 * 1000;
inline constexpr std::int64_t kKioskOutageMailWindowMs = 7LL * 24 * 3600 * 1000;

struct Stats {
  std::int64_t submissions = 0;
  std::int64_t ratings = 0;     // every face stored, taps and corrections
  std::int64_t superseded = 0;  // of those, replaced by a later correction: not counted
  std::int64_t written = 0;
  std::int64_t skm = 0;
  std::int64_t with_identity = 0;
  std::int64_t conflicts = 0;
  std::int64_t devices = 0;
};

}  // namespace kotak::server
