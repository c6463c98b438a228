// The admin commands of kotak-server, run by an operator on the server
// machine (as the user that owns the database, e.g. sudo -u kotak). Each
// prints what it did in plain words and returns the process exit code;
// failures throw StorageError or std::runtime_error with advice, which
// main.cpp prints.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/config.hpp"
#include "server/seal_keys.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::admin {

int facility_add(Storage& storage, const std::string& id, const std::string& name);
int facility_list(Storage& storage);

// Enrolls a device and prints its new token once (or writes it, mode 0600,
// to token_file when that is not empty).
int device_add(Storage& storage, const DeviceRef& device, const std::filesystem::path& token_file);
// Issues a new token for an existing device, revoking the old one.
int device_token(Storage& storage, const DeviceRef& device,
                 const std::filesystem::path& token_file);
int device_revoke(Storage& storage, const DeviceRef& device);
int device_list(Storage& storage, const std::string& facility_id);
// The Ed25519 key that signs a device's USB bundles (core/signing.hpp).
int device_key_show(Storage& storage, const DeviceRef& device);
// Sets or replaces it (key in base64), or removes it with clear.
int device_key_set(Storage& storage, const DeviceRef& device, const std::string& key, bool clear);
// Makes a one-time enrolment code (server/enrolment.hpp) for the facility,
// and for one device name when device.device_id is not empty (a kiosk being
// replaced keeps its name; its old token stops working when the code is
// used). Prints the code, how long it lasts and what the technician does.
int device_code(Storage& storage, const DeviceRef& device, int valid_hours);

// Takes a USB bundle through the ingest path; prints a summary and the
// conflicts and invalid items.
// Sealed identities are opened with seal_keys (seal_keys.hpp).
int import_bundle(Storage& storage, const std::filesystem::path& bundle, std::size_t batch_items,
                  const SealKeys* seal_keys);

int settings_set(Storage& storage, const std::string& facility_id,
                 const std::filesystem::path& file);
int settings_show(Storage& storage, const std::string& facility_id);

struct UserOptions {
  std::string username, name, facility, role;
  std::string unit;  // a unit account's unit (issue 15 item 2)
  bool dpo = false;      // user add: the facility's data-protection officer
  bool dpo_off = false;  // user dpo --off
  std::string email;     // where reminders reach the account (issue 15 item 3)
  std::filesystem::path password_file;  // empty: read from standard input
};
// The unit of a unit account must be one of its facility's (server/units.hpp).
int user_add(Storage& storage, const core::ServerConfig& config, const UserOptions& options);
int user_dpo(Storage& storage, const std::string& username, bool dpo);
// Sets (or with "" removes) the address reminders reach the user at.
int user_email(Storage& storage, const std::string& username, const std::string& email);
int user_list(Storage& storage, const std::string& facility_id);
int user_password(Storage& storage, const UserOptions& options);
int user_disable(Storage& storage, const std::string& username, bool disable);
int user_totp_reset(Storage& storage, const std::string& username);

int stats(Storage& storage, const std::string& facility_id, bool json);
int conflicts(Storage& storage, const std::string& facility_id, std::size_t limit);

// The SKM report's data (skm_commands.cpp). Every message follows
// --lang (id or en), from the dashboard's catalog.
struct SkmImportOptions {
  std::string facility;
  std::filesystem::path file;
  std::string source = "kertas";  // for rows without a sumber column
  std::string language = "id";    // of the messages: id or en
  std::string user = "kotak-server";
  std::int64_t undo = 0;  // set: undo this import instead
};
int skm_import(Storage& storage, const core::ServerConfig& config, const SkmImportOptions& options);
struct SkmPeriodOptions {
  std::string semester, from, to, unit;
  std::string language = "id";
};
// Prints the population of a period and unit; sets it first when set has a
// value, removes it on clear.
int skm_population(Storage& storage, const std::string& facility_id, const SkmPeriodOptions& period,
                   std::optional<std::int64_t> set, bool clear);
// Prints the report as JSON (the dashboard's).
int skm_report(Storage& storage, const core::ServerConfig& config, const std::string& facility_id,
               const SkmPeriodOptions& options);

// Copies the SQLite file `from` into the PostgreSQL database the config
// names, resuming an interrupted copy; prints progress and the check.
int migrate_to_postgres(const core::ServerConfig& config, const std::filesystem::path& from,
                        std::int64_t chunk_rows);

// "2026-11-23 12:47:00 +07:00" in the server's local time; "-" for nullopt.
std::string local_time(std::optional<std::int64_t> unix_ms);

}  // namespace kotak::server::admin
