// Opening a Kotak SQLite file safely, for the kiosk store and the server's
// SQLite backend alike: the durability pragmas every process must set, the
// checks that refuse a file that is not ours, is newer than this build or is
// damaged (and leave it untouched), and migrations by user_version.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/sqlite.hpp"

namespace kotak::core {

enum class StoreErrc {
  cannot_open,  // missing directory, permissions, read-only file system
  not_kotak,    // not SQLite, or another program's database
  too_new,      // written by a newer Kotak
  corrupt,      // fails the integrity check
  disk_full,    // no space left: the change was not saved, nothing earlier lost
  busy,         // another process held the lock past busy_timeout
  io,           // any other read/write failure
  invalid,      // the caller passed something the store refuses
};

// An error a technician can act on: what() says what happened and what to do.
class StoreError : public std::runtime_error {
 public:
  StoreError(StoreErrc code, const std::string& what) : std::runtime_error(what), code_(code) {}
  StoreErrc code() const { return code_; }

 private:
  StoreErrc code_;
};

struct Migration {
  int version;           // user_version after this step
  std::string_view sql;  // run in one transaction
};

struct FileSchema {
  std::int32_t application_id;  // PRAGMA application_id, marks the file as ours
  std::string_view what;        // "kiosk database", "server database": for messages
  std::span<const Migration> migrations;
};

struct OpenOptions {
  bool create = true;
  bool quick_check = true;  // PRAGMA quick_check before use; cheap on a kiosk-sized file
  int busy_timeout_ms = 5000;
  bool migrate = true;  // false: open an older file as it is (for migration tests)
};

// Opens, checks and migrates the file. Throws StoreError.
sql::Database open_database_file(const std::filesystem::path& path, const FileSchema& schema,
                                 const OpenOptions& options = {});

// Turns a SQLite error during `action` on `path` into a StoreError with advice.
[[noreturn]] void raise_store_error(const sql::Error& error, const sql::Database& db,
                                    std::string_view action);

// Runs f, turning SQLite errors into StoreErrors that say what to do.
template <typename F>
auto guarded(sql::Database& db, std::string_view action, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const sql::Error& error) {
    raise_store_error(error, db, action);
  }
}

int schema_version(sql::Database& db);

}  // namespace kotak::core
