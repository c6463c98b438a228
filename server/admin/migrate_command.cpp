// `kotak-server migrate-to-postgres --from FILE`: the server's SQLite file
// copied into the PostgreSQL database that server.toml now names
// (storage/copy.hpp), with a table of counts and checksums as the proof.
#include <cstdio>
#include <stdexcept>

#include "server/admin/admin.hpp"
#include "server/storage/copy.hpp"
#include "server/storage/storage.hpp"

namespace kotak::server::admin {

int migrate_to_postgres(const core::ServerConfig& config, const std::filesystem::path& from,
                        std::int64_t chunk_rows) {
  if (config.engine != "postgresql")
    throw std::runtime_error("the config " + config.file.string() +
                             " names a SQLite database; point it at the new PostgreSQL database "
                             "first ([postgresql], see docs/server.md), then copy into it");
#if !KOTAK_POSTGRESQL
  (void)from;
  (void)chunk_rows;
  throw std::runtime_error(kNoPostgresql);
#else
  auto report = copy_sqlite_to_postgres(from, config, {.chunk_rows = chunk_rows, .progress = [](const std::string& line) {
                                          std::printf("%s\n", line.c_str());
                                          std::fflush(stdout);
                                        }});
  std::printf("\n%-24s %14s %16s  %s\n", "TABLE", "SQLITE ROWS", "POSTGRESQL ROWS", "CHECKSUMS");
  for (const auto& t : report.tables)
    std::printf("%-24s %14lld %16lld  %s\n", t.table.c_str(), static_cast<long long>(t.source_rows),
                static_cast<long long>(t.target_rows),
                t.source_checksum == t.target_checksum ? "same" : "DIFFERENT");
  if (!report.matches())
    throw std::runtime_error(
        "the copy differs from the SQLite file (see the table above); was kotak-server still writing to "
        "it? Stop it, drop and create the PostgreSQL database again, and copy again");
  std::printf(
      "\nEvery table matches. Start kotak-server with this config; keep %s unchanged until you no longer "
      "need it.\n",
      from.string().c_str());
  return 0;
#endif
}

}  // namespace kotak::server::admin
