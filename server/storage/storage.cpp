// See storage.hpp: choosing the engine named in the config.
#include "server/storage/storage.hpp"

#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

std::unique_ptr<Storage> open_storage(const core::ServerConfig& config) {
  // The config loader accepts only the engines built in, so another value
  // here is a programming error, reported as such rather than ignored.
  if (config.engine == "sqlite") return std::make_unique<SqliteStorage>(config.database, config.due_hours);
  throw StorageError(StorageErrc::failed,
                     "storage engine '" + config.engine + "' is not built into this kotak-server");
}

}  // namespace kotak::server
