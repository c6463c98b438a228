// The server database's schema versions: one list for every engine. A
// version is one step that each engine writes in its own dialect (the SQLite
// text in sqlite/schema*.cpp, the PostgreSQL text in postgres/schema*.cpp);
// both engines always stand at the same version, so a database moves from
// one engine to the other (migrate-to-postgres) only between equal versions.
//
// Never edit a step that has shipped: add the next one, to both engines.
#pragma once

#include <span>
#include <string_view>

namespace kotak::server {

struct SchemaStep {
  int version;                // the database's version after this step
  std::string_view what;      // what the step adds, in one line
  std::string_view sqlite;    // the step in SQLite's dialect, run in one transaction
  std::string_view postgres;  // the same step in PostgreSQL's
};

// Every step, oldest first; versions count up from 1 without gaps.
std::span<const SchemaStep> schema_steps();
int latest_schema_version();

}  // namespace kotak::server
