// The server database's version 22 in SQLite's dialect, from issue 15 item
// 6 (the list of versions is storage/schema.cpp; postgres/schema_attachments.cpp
// has its twin): photos and scans attached to a case.
#include "server/storage/schema_attachments.hpp"

namespace kotak::server::sqlite_sql {

// Version 22: case_attachments, one row per file staff attached to a case,
// its bytes in the database (so every server process, the backups and the
// move to PostgreSQL have them) with the type found in its content, its
// SHA-256, an image's size and thumbnail (JPEG), and who attached it when.
// A file taken off, and every file of a case whose reporter is erased,
// leaves the table; the case's history keeps its name.
std::string_view v22() {
  return R"sql(
CREATE TABLE case_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  name TEXT NOT NULL,
  media_type TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  content BLOB NOT NULL,
  thumbnail BLOB,
  added_ms INTEGER NOT NULL,
  user_id INTEGER REFERENCES users (id),
  user_name TEXT NOT NULL
);
CREATE INDEX case_attachments_by_case ON case_attachments (case_id);
)sql";
}

}  // namespace kotak::server::sqlite_sql
