// See database_file.hpp.
#include "core/database_file.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kotak::core {

namespace {

std::string quoted(const std::filesystem::path& path) { return "'" + path.string() + "'"; }

void check_directory(const std::filesystem::path& path) {
  auto directory = path.parent_path();
  if (directory.empty()) return;
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec))
    throw StoreError(StoreErrc::cannot_open,
                     "cannot open " + quoted(path) + ": the directory " + quoted(directory) +
                         " does not exist. Create it (the systemd unit's StateDirectory does) or "
                         "set storage.database to a path in an existing directory.");
}

// Both databases hold contact details (UU 27/2022): the file is made 0640
// whatever the umask of the process that makes it (an admin command under
// umask 022 once made server.db 0644), and a looser file of ours is
// tightened. SQLite gives its -wal and -shm files the database's mode.
void protect_file(const std::filesystem::path& path) {
  constexpr mode_t kMode = 0640;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, kMode);
  if (fd < 0) return;  // SQLite's open says why, in its own words
  struct stat info {};
  if (::fstat(fd, &info) == 0 && info.st_uid == ::geteuid() && (info.st_mode & 07777 & ~kMode))
    ::fchmod(fd, info.st_mode & kMode);
  ::close(fd);
}

bool has_tables(sql::Database& db) {
  return db.query_integer("SELECT count(*) FROM sqlite_master") > 0;
}

void check_identity(sql::Database& db, const FileSchema& schema, int latest) {
  auto application_id = static_cast<std::int32_t>(db.query_integer("PRAGMA application_id"));
  int version = schema_version(db);
  if (application_id == 0 && version == 0) {
    if (has_tables(db))
      throw StoreError(StoreErrc::not_kotak,
                       quoted(db.path()) +
                           " is an SQLite database of another program, not a Kotak " +
                           std::string(schema.what) +
                           ". It was left untouched. Point storage.database at a Kotak database "
                           "or at a new file.");
    return;
  }
  if (application_id != schema.application_id)
    throw StoreError(StoreErrc::not_kotak,
                     quoted(db.path()) + " is not a Kotak " + std::string(schema.what) +
                         " (it belongs to another program or another part of Kotak). It was left "
                         "untouched. Point storage.database at the right file or at a new one.");
  if (version > latest)
    throw StoreError(StoreErrc::too_new,
                     quoted(db.path()) + " was written by a newer Kotak (schema version " +
                         std::to_string(version) + "; this build knows up to " +
                         std::to_string(latest) +
                         "). It was left untouched. Install the newer Kotak package.");
}

void quick_check(sql::Database& db) {
  auto result = db.query_text("PRAGMA quick_check(1)");
  if (result != "ok")
    throw StoreError(StoreErrc::corrupt,
                     quoted(db.path()) + " is damaged (" + result +
                         "). It was left untouched. Stop Kotak, copy the file aside for recovery "
                         "(sqlite3 FILE .recover), then start with a new file.");
}

void migrate(sql::Database& db, const FileSchema& schema) {
  // Most opens find the file current: take no write lock then, or a process
  // opening the file could wait behind a busy writer for nothing.
  if (!schema.migrations.empty() && schema_version(db) >= schema.migrations.back().version) return;
  for (const Migration& step : schema.migrations) {
    sql::Transaction transaction(db);
    // Read again under the write lock: another process may have migrated.
    if (schema_version(db) >= step.version) continue;
    db.exec(step.sql);
    db.exec("PRAGMA application_id = " + std::to_string(schema.application_id));
    db.exec("PRAGMA user_version = " + std::to_string(step.version));
    transaction.commit();
  }
}

}  // namespace

int schema_version(sql::Database& db) {
  return static_cast<int>(db.query_integer("PRAGMA user_version"));
}

void raise_store_error(const sql::Error& error, const sql::Database& db, std::string_view action) {
  const std::string where = std::string(action) + " in " + quoted(db.path());
  int system_errno = db.handle() ? sqlite3_system_errno(db.handle()) : 0;
  switch (error.primary()) {
    case SQLITE_FULL:
      throw StoreError(StoreErrc::disk_full,
                       "the disk is full: could not " + where +
                           ". Nothing saved earlier was lost. Free space on the device "
                           "(old delivered answers can be purged from the admin screen).");
    case SQLITE_NOTADB:
      throw StoreError(StoreErrc::not_kotak,
                       quoted(db.path()) +
                           " is not an SQLite database. It was left untouched. Point "
                           "storage.database at a Kotak database or at a new file.");
    case SQLITE_CORRUPT:
      throw StoreError(StoreErrc::corrupt,
                       quoted(db.path()) + " is damaged (" + error.what() +
                           "). It was left untouched. Copy the file aside for recovery "
                           "(sqlite3 FILE .recover), then start with a new file.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw StoreError(StoreErrc::busy, "could not " + where +
                                            ": another process kept the database locked. Try "
                                            "again; if it persists, look for a stuck process.");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      throw StoreError(StoreErrc::cannot_open,
                       "could not " + where + " (" + error.what() +
                           "). Check that the file and its directory exist and are writable by "
                           "this user.");
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT)
        throw StoreError(StoreErrc::disk_full,
                         "the disk is full: could not " + where +
                             ". Nothing saved earlier was lost. Free space on the device.");
      throw StoreError(StoreErrc::io,
                       "could not " + where + ": " + error.what() +
                           (system_errno ? std::string(" (") + std::strerror(system_errno) + ")"
                                         : std::string()) +
                           ". Check the storage device.");
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      throw StoreError(StoreErrc::invalid, "could not " + where + ": " + error.what());
    default:
      throw StoreError(StoreErrc::io, "could not " + where + ": " + error.what());
  }
}

sql::Database open_database_file(const std::filesystem::path& path, const FileSchema& schema,
                                 const OpenOptions& options) {
  if (options.create) check_directory(path);
  std::error_code ec;
  if (!options.create && !std::filesystem::exists(path, ec))
    throw StoreError(StoreErrc::cannot_open, "cannot open " + quoted(path) +
                                                 ": the file does not exist. Start the kiosk "
                                                 "once to create it, or check storage.database.");
  if (options.create || std::filesystem::exists(path, ec)) protect_file(path);
  sql::Database db = [&] {
    try {
      return sql::Database::open(path, options.create);
    } catch (const sql::Error& error) {
      throw StoreError(StoreErrc::cannot_open,
                       "cannot open " + quoted(path) + " (" + error.what() +
                           "). Check that the directory exists and is writable by this user.");
    }
  }();
  int latest = schema.migrations.empty() ? 0 : schema.migrations.back().version;
  try {
    sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
    check_identity(db, schema, latest);
    // WAL lets the sync agent read while the kiosk writes; FULL makes every
    // commit survive a power cut, which in a puskesmas is a normal event.
    if (db.query_text("PRAGMA journal_mode = WAL") != "wal")
      throw StoreError(StoreErrc::cannot_open,
                       "could not switch " + quoted(path) +
                           " to write-ahead logging. Keep the database on a local file system "
                           "(not a network share).");
    db.exec("PRAGMA synchronous = FULL");
    // After a checkpoint the log shrinks back to this size, so a full disk
    // recovers the space its write-ahead log took.
    db.exec("PRAGMA journal_size_limit = 1048576");
    db.exec("PRAGMA foreign_keys = ON");
    if (options.quick_check) quick_check(db);
    if (options.migrate) migrate(db, schema);
  } catch (const sql::Error& error) {
    raise_store_error(error, db, "open the database");
  }
  return db;
}

}  // namespace kotak::core
