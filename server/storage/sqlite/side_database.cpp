// See side_database.hpp.
#include "server/storage/sqlite/side_database.hpp"

#include <sqlite3.h>

#include "core/database_file.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server::sqlite_side {

namespace {
constexpr int kBusyTimeoutMs = 10000;
}

void SideDatabase::run(const char* action, const Work& work) {
  std::lock_guard lock(mutex_);
  try {
    if (!db_)
      db_.emplace(core::open_database_file(file_, server_schema(),
                                           {.create = false, .quick_check = false,
                                            .busy_timeout_ms = kBusyTimeoutMs, .migrate = false}));
    work(*db_);
  } catch (const core::StoreError& error) {
    throw StorageError(StorageErrc::unavailable, std::string("could not ") + action + ": " + error.what());
  } catch (const core::sql::Error& error) {
    bool busy = error.primary() == SQLITE_BUSY || error.primary() == SQLITE_LOCKED || error.primary() == SQLITE_FULL;
    throw StorageError(busy ? StorageErrc::unavailable : StorageErrc::failed,
                       std::string("could not ") + action + " in the server database: " + error.what());
  }
}

void SideDatabase::write(const char* action, const Work& work) {
  run(action, [&](core::sql::Database& db) {
    core::sql::Transaction transaction(db);
    work(db);
    transaction.commit();
  });
}

}  // namespace kotak::server::sqlite_side
