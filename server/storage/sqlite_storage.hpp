// The SQLite engine of the server's storage (storage.engine = "sqlite"), the
// embedded default: one file, opened through core's open_database_file
// (WAL, synchronous=FULL, refuses foreign or newer files, migrations).
//
// Threads: each call borrows a connection from a small pool, so readers run
// side by side. Writers take an in-process mutex before BEGIN IMMEDIATE, so
// the HTTP threads queue on a mutex instead of SQLite's sleeping busy
// handler; busy_timeout still covers other processes (the admin commands).
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <vector>

#include "core/database_file.hpp"
#include "core/sqlite.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server {

class SqliteStorage final : public Storage {
 public:
  // Opens or creates the file and migrates it. Throws StorageError.
  explicit SqliteStorage(const std::filesystem::path& path);

  void check() override;
  void add_facility(const Facility& facility) override;
  std::vector<Facility> facilities() override;
  std::optional<Facility> facility(const std::string& id) override;
  void add_device(const DeviceRef& device, const std::string& token_hash,
                  std::int64_t now_ms) override;
  void replace_token(const DeviceRef& device, const std::string& token_hash,
                     std::int64_t now_ms) override;
  void revoke_device(const DeviceRef& device, std::int64_t now_ms) override;
  std::vector<Device> devices(const std::string& facility_id) override;
  std::optional<Device> device(const DeviceRef& device) override;
  std::optional<DeviceRef> authenticate(const std::string& token_hash,
                                        std::int64_t now_ms) override;
  std::vector<IngestOutcome> ingest(const DeviceRef& device, std::span<const IngestItem> items,
                                    IngestSource source, std::int64_t now_ms) override;
  std::vector<ConflictRecord> conflicts(const std::string& facility_id, std::size_t limit) override;
  Stats stats(const std::string& facility_id) override;
  BoardSnapshot board(const std::string& facility_id) override;
  std::optional<SettingsDocument> settings(const std::string& facility_id) override;
  void set_settings(const std::string& facility_id, const SettingsDocument& settings) override;

 private:
  using Work = std::function<void(core::sql::Database&)>;
  // Runs work on a pooled connection; SQLite errors become StorageErrors.
  void read(const char* action, const Work& work);
  // The same inside BEGIN IMMEDIATE ... COMMIT, one writer at a time.
  void write(const char* action, const Work& work);
  core::sql::Database acquire();
  void release(core::sql::Database db);

  std::filesystem::path path_;
  std::mutex pool_mutex_;
  std::vector<core::sql::Database> idle_;
  std::mutex write_mutex_;
};

const core::FileSchema& server_schema();
// Throws StorageError not_found unless the device is enrolled (internal to
// the SQLite engine's files).
void require_device(core::sql::Database& db, const DeviceRef& device);

}  // namespace kotak::server
