// The server database's version 20 in SQLite's dialect, from issue 15 item
// 7 (the list of versions is storage/schema.cpp; postgres/
// schema_casework.cpp has its twin): canned answers per facility.
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 20:
// - canned_answers: a facility's canned answers (jawaban siap pakai),
//   written by its head. Retiring one sets retired_ms and keeps the row,
//   so what was said stays on record. Every read names the facility; the
//   index serves the list of one facility's live answers.
std::string_view v20() {
  return R"sql(
CREATE TABLE canned_answers (
  id INTEGER PRIMARY KEY,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  title TEXT NOT NULL CHECK (length(title) > 0),
  text TEXT NOT NULL CHECK (length(text) > 0),
  created_ms INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  retired_ms INTEGER
);
CREATE INDEX canned_answers_by_facility ON canned_answers (facility_id, retired_ms);
)sql";
}

}  // namespace kotak::server::sqlite_sql
