// See sqlite_storage.hpp. The connection pool, the board and the settings;
// facilities, devices and their tokens are in devices.cpp, submissions in
// submissions.cpp.
#include "server/storage/sqlite/sqlite_storage.hpp"

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

}  // namespace

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
