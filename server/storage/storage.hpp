// The server's storage: the one narrow interface that everything above it
// (the API, the admin commands, the import, and later the staff dashboard)
// uses. Nothing of an engine leaks through it: no SQL, no handles, no engine
// error codes. SqliteStorage implements it today; a PostgreSQL backend is a
// second implementation chosen by storage.engine in server.toml
// (open_storage), with no change above this file.
//
// Rules every implementation keeps:
// - Each method is one transaction: it happens whole or not at all.
// - Methods may be called from many threads at once (the HTTP thread pool).
// - A submission id is stored once. The same id again with the same content
//   hash is a duplicate; with another hash it is a conflict, recorded apart
//   for staff, and the stored submission is never overwritten.
// - Contact details are kept apart from the complaint text (UU 27/2022).
// - Device tokens are never stored, only their hashes (tokens.hpp).
// - Failures throw StorageError; `unavailable` means "try again later" and
//   becomes 503 with Retry-After in the API.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/store.hpp"
#include "core/submission.hpp"

namespace kotak::server {

enum class StorageErrc {
  not_found,    // the facility or device named does not exist
  exists,       // it exists already
  invalid,      // the caller passed something the storage refuses
  unavailable,  // busy, disk full, connection lost: try again later
  failed,       // anything else: damaged, refused, wrong version (see what())
};

class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrc code, const std::string& what) : std::runtime_error(what), code_(code) {}
  StorageErrc code() const { return code_; }

 private:
  StorageErrc code_;
};

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
};

// How a batch reached the server; kept with each submission.
enum class IngestSource { network, bundle };

struct IngestItem {
  core::Submission submission;  // validated; facility and device already set
  std::string content_hash;     // wire::content_hash(submission)
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

struct Stats {
  std::int64_t submissions = 0;
  std::int64_t ratings = 0;
  std::int64_t written = 0;
  std::int64_t skm = 0;
  std::int64_t with_identity = 0;
  std::int64_t conflicts = 0;
  std::int64_t devices = 0;
};

class Storage {
 public:
  virtual ~Storage() = default;

  // A cheap round trip, for /api/v1/health. Throws StorageError.
  virtual void check() = 0;

  // Facilities.
  virtual void add_facility(const Facility& facility) = 0;
  virtual std::vector<Facility> facilities() = 0;
  virtual std::optional<Facility> facility(const std::string& id) = 0;

  // Devices and their tokens. A device has at most one valid token:
  // replace_token() revokes the old one and un-revokes the device.
  virtual void add_device(const DeviceRef& device, const std::string& token_hash,
                          std::int64_t now_ms) = 0;
  virtual void replace_token(const DeviceRef& device, const std::string& token_hash,
                             std::int64_t now_ms) = 0;
  virtual void revoke_device(const DeviceRef& device, std::int64_t now_ms) = 0;
  // All devices, or those of one facility when facility_id is not empty.
  virtual std::vector<Device> devices(const std::string& facility_id) = 0;
  virtual std::optional<Device> device(const DeviceRef& device) = 0;
  // The device of a valid token, noting when it was seen; nullopt when the
  // token is unknown or revoked.
  virtual std::optional<DeviceRef> authenticate(const std::string& token_hash,
                                                std::int64_t now_ms) = 0;

  // Stores what is new, in order, in one transaction; one outcome per item.
  virtual std::vector<IngestOutcome> ingest(const DeviceRef& device,
                                            std::span<const IngestItem> items, IngestSource source,
                                            std::int64_t now_ms) = 0;
  virtual std::vector<ConflictRecord> conflicts(const std::string& facility_id,
                                                std::size_t limit) = 0;
  virtual Stats stats(const std::string& facility_id) = 0;

  // The public board of a facility (filled by the staff dashboard).
  virtual BoardSnapshot board(const std::string& facility_id) = 0;

  // Remote kiosk settings of a facility.
  virtual std::optional<SettingsDocument> settings(const std::string& facility_id) = 0;
  virtual void set_settings(const std::string& facility_id, const SettingsDocument& settings) = 0;
};

// Opens the storage the config names (storage.engine), creating or migrating
// it. Throws StorageError with advice for the operator.
std::unique_ptr<Storage> open_storage(const core::ServerConfig& config);

}  // namespace kotak::server
