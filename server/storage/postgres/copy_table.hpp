// One table of a copy from SQLite (copy_from_sqlite.cpp): its rows moved
// in committed chunks, and its rows counted and checksummed on each side in
// the same way. A row's checksum input is its line in COPY's text format
// (columns as text, tab-separated, \N for NULL), which both engines give
// alike for Kotak's columns (integers and UTF-8 text); a table's checksum is
// the sum of its rows' BLAKE2b hashes, so it does not depend on row order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/sqlite.hpp"
#include "server/storage/postgres/pq.hpp"

namespace kotak::server::pg_copy {

struct Table {
  std::string name;
  std::vector<std::string> columns;  // in the SQLite table's order
  std::vector<std::string> key;      // primary key columns: the copy's order
  std::vector<std::string> blobs;    // columns declared BLOB (a recording): copied as bytea
};

// Throws StorageError unless PostgreSQL has the table with the same columns.
void check_columns(pq::Connection& db, const Table& table);
// Copies the rows not yet copied (kotak_copy says how many were), a chunk
// per transaction.
void copy_rows(core::sql::Database& source, pq::Connection& db, const Table& table, std::int64_t chunk_rows,
               const std::function<void(const std::string&)>& say);
// Rows and checksum (hex) of the table on each side.
std::pair<std::int64_t, std::string> sqlite_checksum(core::sql::Database& source, const Table& table);
std::pair<std::int64_t, std::string> postgres_checksum(pq::Connection& db, const Table& table);

}  // namespace kotak::server::pg_copy
