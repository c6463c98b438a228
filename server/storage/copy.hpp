// Moving a SQLite server database into PostgreSQL (kotak-server
// migrate-to-postgres): every row of every table copied, then counted and
// checksummed on both sides. The SQLite file is only read (opened read-only,
// in one read transaction, so the copy is one moment of it); the
// PostgreSQL database must be empty, or hold an interrupted copy of the same
// file, which is then resumed where it stopped: rows go over in chunks, each
// committed together with how far its table has come.
//
// While a copy is unfinished the PostgreSQL database carries the table
// kotak_copy, and kotak-server refuses to serve it, so a half-copied
// database is never mistaken for the real one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/config.hpp"

namespace kotak::server {

struct TableCopy {
  std::string table;
  std::int64_t source_rows = 0, target_rows = 0;
  std::string source_checksum, target_checksum;  // hex; the same rows give the same sum
  bool matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct CopyReport {
  bool resumed = false;            // an interrupted copy was taken up again
  std::vector<TableCopy> tables;   // in copy order
  bool matches() const;
};

struct CopyOptions {
  std::int64_t chunk_rows = 20000;                      // rows per committed chunk
  std::function<void(const std::string&)> progress;     // a line now and then
};

// Copies and checks. Throws StorageError with advice when the source is not
// a Kotak server file of this build's schema version, or the target holds
// other data. The report says whether every table matched; only then is the
// copy marked finished.
CopyReport copy_sqlite_to_postgres(const std::filesystem::path& sqlite_file,
                                   const core::ServerConfig& target, const CopyOptions& options);

}  // namespace kotak::server
