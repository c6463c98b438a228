// See attachment_storage.hpp: the engine the config names.
#include "server/storage/attachment_storage.hpp"
#include "server/storage/storage.hpp"

#if KOTAK_POSTGRESQL
#include "server/storage/postgres/pg_storage.hpp"
#endif

namespace kotak::server {

std::unique_ptr<AttachmentStorage> open_sqlite_attachments(const std::filesystem::path& file);
#if KOTAK_POSTGRESQL
std::unique_ptr<AttachmentStorage> open_pg_attachments(const PgOptions& options);
#endif

std::unique_ptr<AttachmentStorage> open_attachment_storage(const core::ServerConfig& config) {
  if (config.engine == "postgresql") {
#if KOTAK_POSTGRESQL
    auto options = pg::options_of(config);
    options.pool = 2;  // uploads and the case pages' thumbnails
    return open_pg_attachments(options);
#else
    throw StorageError(StorageErrc::failed, kNoPostgresql);
#endif
  }
  return open_sqlite_attachments(config.database);
}

}  // namespace kotak::server
