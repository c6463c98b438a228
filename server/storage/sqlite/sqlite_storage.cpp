// See sqlite_storage.hpp. The connection pool, facilities, devices and
// tokens, the board and the settings; submissions are in
// submissions.cpp.
#include "server/storage/sqlite/sqlite_storage.hpp"

#include "server/storage/rows.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kotak::server {

namespace sql = core::sql;
using core::Submission;

namespace {

constexpr int kBusyTimeoutMs = 10000;
// last_seen_ms is written at most this often per device, so that reads
// (board, settings) do not each become a write.
constexpr std::int64_t kLastSeenResolutionMs = 60000;

StorageError translate(const sql::Error& error, sqlite3* handle, const char* action) {
  std::string what =
      std::string("could not ") + action + " in the server database: " + error.what();
  int system_errno = handle ? sqlite3_system_errno(handle) : 0;
  switch (error.primary()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageError(StorageErrc::unavailable,
                          what + ". Another process kept the database locked; try again.");
    case SQLITE_FULL:
      return StorageError(StorageErrc::unavailable,
                          what + ". The server's disk is full: free space on it.");
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        return StorageError(StorageErrc::unavailable,
                            what + ". The server's disk is full: free space on it.");
      return StorageError(StorageErrc::unavailable, what + ". Check the server's disk.");
    case SQLITE_CONSTRAINT:
      return StorageError(StorageErrc::invalid, what);
    default:
      return StorageError(StorageErrc::failed, what);
  }
}

StorageError translate(const core::StoreError& error) {
  switch (error.code()) {
    case core::StoreErrc::busy:
    case core::StoreErrc::disk_full:
    case core::StoreErrc::io:
      return StorageError(StorageErrc::unavailable, error.what());
    default:
      return StorageError(StorageErrc::failed, error.what());
  }
}

// A server database grows to gigabytes and its UUID index is touched at
// random, so SQLite's default 2 MB page cache would make every insert a
// read(2). Memory-mapped reads share one page cache among all connections.
// Checkpoints are spaced wider than the kiosk's (a page changed by many
// batches is copied into the database once per checkpoint) and the log keeps
// its size instead of being truncated after each one.
void tune(sql::Database& db) {
  db.exec("PRAGMA cache_size = -16384");            // 16 MB per connection
  db.exec("PRAGMA mmap_size = 1073741824");         // up to 1 GB mapped
  db.exec("PRAGMA wal_autocheckpoint = 8192");      // pages, about 32 MB
  db.exec("PRAGMA journal_size_limit = 67108864");  // 64 MB
}

void insert_token(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                  std::int64_t now_ms) {
  db.prepare(
        "INSERT INTO device_tokens (token_hash, facility_id, device_name, created_ms) "
        "VALUES (?1, ?2, ?3, ?4)")
      .bind(1, token_hash)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, now_ms)
      .run();
}

// Ends every live token of the device; the rows stay for the audit trail.
void revoke_tokens(sql::Database& db, const DeviceRef& device, std::int64_t now_ms) {
  db.prepare(
        "UPDATE device_tokens SET revoked_ms = ?3 WHERE facility_id = ?1 AND "
        "device_name = ?2 AND revoked_ms IS NULL")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, now_ms)
      .run();
}

}  // namespace

void require_facility(sql::Database& db, const std::string& facility_id) {
  auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
  find.bind(1, facility_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no facility '" + facility_id + "'");
}

void require_device(sql::Database& db, const DeviceRef& device) {
  auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (!find.step())
    throw StorageError(StorageErrc::not_found, "there is no device '" + device.device_id +
                                                   "' in facility '" + device.facility_id + "'");
}

SqliteStorage::SqliteStorage(const std::filesystem::path& path, int due_hours)
    : path_(path), due_hours_(due_hours) {
  try {
    idle_.push_back(core::open_database_file(path, server_schema(),
                                             {.create = true, .busy_timeout_ms = kBusyTimeoutMs}));
    tune(idle_.back());
  } catch (const core::StoreError& error) {
    throw translate(error);
  } catch (const sql::Error& error) {
    throw translate(error, nullptr, "open the database");
  }
}

sql::Database SqliteStorage::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      sql::Database db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  try {
    auto db = core::open_database_file(path_, server_schema(),
                                       {.create = false,
                                        .quick_check = false,
                                        .busy_timeout_ms = kBusyTimeoutMs,
                                        .migrate = false});
    tune(db);
    return db;
  } catch (const core::StoreError& error) {
    throw translate(error);
  } catch (const sql::Error& error) {
    throw translate(error, nullptr, "open a connection");
  }
}

void SqliteStorage::release(sql::Database db) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(db));
}

void SqliteStorage::read(const char* action, const Work& work) {
  sql::Database db = acquire();
  try {
    work(db);
  } catch (const sql::Error& error) {
    auto translated = translate(error, db.handle(), action);
    release(std::move(db));
    throw translated;
  } catch (...) {
    release(std::move(db));
    throw;
  }
  release(std::move(db));
}

void SqliteStorage::write(const char* action, const Work& work) {
  std::lock_guard lock(write_mutex_);
  read(action, [&](sql::Database& db) {
    sql::Transaction transaction(db);
    work(db);
    transaction.commit();
  });
}

namespace {

// A job's turn: an flock on a file beside the database, which the kernel
// releases when the process dies.
class FileLease final : public JobLease {
 public:
  explicit FileLease(int fd) : fd_(fd) {}
  ~FileLease() override { ::close(fd_); }
  FileLease(const FileLease&) = delete;
  FileLease& operator=(const FileLease&) = delete;

 private:
  int fd_;
};

}  // namespace

std::unique_ptr<JobLease> SqliteStorage::lease_job(const std::string& job) {
  auto file = path_.string() + "-" + job + ".lock";
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    throw StorageError(StorageErrc::unavailable, "cannot open " + file + ": " + std::strerror(errno) +
                                                     "; the database's folder must be writable");
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return nullptr;
  }
  return std::make_unique<FileLease>(fd);
}

void SqliteStorage::check() {
  read("check the database", [](sql::Database& db) { db.query_integer("SELECT 1"); });
}

void SqliteStorage::add_facility(const Facility& facility) {
  write("add a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    find.bind(1, facility.id);
    if (find.step())
      throw StorageError(StorageErrc::exists, "facility '" + facility.id + "' exists already");
    db.prepare("INSERT INTO facilities (id, name, created_ms) VALUES (?1, ?2, ?3)")
        .bind(1, facility.id)
        .bind(2, facility.name)
        .bind(3, facility.created_ms)
        .run();
  });
}

std::vector<Facility> SqliteStorage::facilities() {
  std::vector<Facility> out;
  read("list facilities", [&](sql::Database& db) {
    auto list = db.prepare("SELECT id, name, created_ms FROM facilities ORDER BY id");
    while (list.step()) out.push_back({list.text(0), list.text(1), list.integer(2)});
  });
  return out;
}

std::optional<Facility> SqliteStorage::facility(const std::string& id) {
  std::optional<Facility> out;
  read("find a facility", [&](sql::Database& db) {
    auto find = db.prepare("SELECT id, name, created_ms FROM facilities WHERE id = ?1");
    find.bind(1, id);
    if (find.step()) out = Facility{find.text(0), find.text(1), find.integer(2)};
  });
  return out;
}

void insert_device(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                   std::int64_t now_ms) {
  require_facility(db, device.facility_id);
  auto find = db.prepare("SELECT 1 FROM devices WHERE facility_id = ?1 AND name = ?2");
  find.bind(1, device.facility_id).bind(2, device.device_id);
  if (find.step())
    throw StorageError(StorageErrc::exists, "device '" + device.device_id + "' of facility '" +
                                                device.facility_id + "' exists already");
  db.prepare("INSERT INTO devices (facility_id, name, created_ms) VALUES (?1, ?2, ?3)")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, now_ms)
      .run();
  insert_token(db, device, token_hash, now_ms);
}

void renew_token(sql::Database& db, const DeviceRef& device, const std::string& token_hash,
                 std::int64_t now_ms) {
  require_device(db, device);
  revoke_tokens(db, device, now_ms);
  db.prepare("UPDATE devices SET revoked_ms = NULL WHERE facility_id = ?1 AND name = ?2")
      .bind(1, device.facility_id)
      .bind(2, device.device_id)
      .run();
  insert_token(db, device, token_hash, now_ms);
}

void SqliteStorage::add_device(const DeviceRef& device, const std::string& token_hash,
                               std::int64_t now_ms) {
  write("add a device", [&](sql::Database& db) { insert_device(db, device, token_hash, now_ms); });
}

void SqliteStorage::replace_token(const DeviceRef& device, const std::string& token_hash,
                                  std::int64_t now_ms) {
  write("issue a new device token",
        [&](sql::Database& db) { renew_token(db, device, token_hash, now_ms); });
}

void SqliteStorage::revoke_device(const DeviceRef& device, std::int64_t now_ms) {
  write("revoke a device", [&](sql::Database& db) {
    require_device(db, device);
    revoke_tokens(db, device, now_ms);
    db.prepare(
          "UPDATE devices SET revoked_ms = ?3 WHERE facility_id = ?1 AND name = ?2 AND "
          "revoked_ms IS NULL")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
  });
}

namespace {

}  // namespace

std::vector<Device> SqliteStorage::devices(const std::string& facility_id) {
  std::vector<Device> out;
  read("list devices", [&](sql::Database& db) {
    auto list = db.prepare(std::string(rows::kSelectDevices) +
                           "WHERE ?1 = '' OR d.facility_id = ?1 ORDER BY d.facility_id, d.name");
    list.bind(1, facility_id);
    while (list.step()) out.push_back(rows::device_from_row(list));
  });
  return out;
}

std::optional<Device> SqliteStorage::device(const DeviceRef& device) {
  std::optional<Device> out;
  read("find a device", [&](sql::Database& db) {
    auto find =
        db.prepare(std::string(rows::kSelectDevices) + "WHERE d.facility_id = ?1 AND d.name = ?2");
    find.bind(1, device.facility_id).bind(2, device.device_id);
    if (find.step()) out = rows::device_from_row(find);
  });
  return out;
}

std::optional<DeviceRef> SqliteStorage::authenticate(const std::string& token_hash,
                                                     std::int64_t now_ms) {
  std::optional<DeviceRef> out;
  bool stale = false;
  read("check a device token", [&](sql::Database& db) {
    auto find = db.prepare(R"sql(
SELECT t.facility_id, t.device_name, coalesce(d.last_seen_ms, 0)
FROM device_tokens t JOIN devices d ON d.facility_id = t.facility_id AND d.name = t.device_name
WHERE t.token_hash = ?1 AND t.revoked_ms IS NULL AND d.revoked_ms IS NULL)sql");
    find.bind(1, token_hash);
    if (!find.step()) return;
    out = DeviceRef{find.text(0), find.text(1)};
    stale = now_ms - find.integer(2) >= kLastSeenResolutionMs;
  });
  if (out && stale) {
    write("note when a device was seen", [&](sql::Database& db) {
      db.prepare("UPDATE devices SET last_seen_ms = ?3 WHERE facility_id = ?1 AND name = ?2")
          .bind(1, out->facility_id)
          .bind(2, out->device_id)
          .bind(3, now_ms)
          .run();
    });
  }
  return out;
}

BoardSnapshot SqliteStorage::board(const std::string& facility_id) {
  BoardSnapshot snapshot;
  read("read the public board", [&](sql::Database& db) {
    db.exec("BEGIN");
    try {
      auto revision = db.prepare("SELECT revision FROM board_revisions WHERE facility_id = ?1");
      revision.bind(1, facility_id);
      snapshot.cursor = 'r';
      snapshot.cursor += std::to_string(revision.step() ? revision.integer(0) : 0);
      auto items = db.prepare(
          "SELECT id, unit, type, summary, answer, published_ms FROM board_items "
          "WHERE facility_id = ?1 ORDER BY published_ms DESC, id LIMIT 200");
      items.bind(1, facility_id);
      while (items.step())
        snapshot.items.push_back({items.text(0), items.text(1), items.text(2), items.text(3),
                                  items.text(4), items.integer(5)});
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return snapshot;
}

std::optional<SettingsDocument> SqliteStorage::settings(const std::string& facility_id) {
  std::optional<SettingsDocument> out;
  read("read the kiosk settings", [&](sql::Database& db) {
    auto find =
        db.prepare("SELECT json, etag, updated_ms FROM facility_settings WHERE facility_id = ?1");
    find.bind(1, facility_id);
    if (find.step()) out = SettingsDocument{find.text(0), find.text(1), find.integer(2)};
  });
  return out;
}

void SqliteStorage::set_settings(const std::string& facility_id, const SettingsDocument& settings) {
  write("save the kiosk settings", [&](sql::Database& db) {
    require_facility(db, facility_id);
    db.prepare(R"sql(
INSERT INTO facility_settings (facility_id, json, etag, updated_ms) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (facility_id) DO UPDATE SET json = ?2, etag = ?3, updated_ms = ?4)sql")
        .bind(1, facility_id)
        .bind(2, settings.json)
        .bind(3, settings.etag)
        .bind(4, settings.updated_ms)
        .run();
  });
}

}  // namespace kotak::server
