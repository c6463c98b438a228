// The server database's version 26 in PostgreSQL's dialect, from issue 13
// (the list of versions is storage/schema.cpp; sqlite/schema_text_index.cpp
// has its twin).
#include "server/storage/schema_text_index.hpp"

namespace kotak::server::pg_sql {

// Version 26 changes how SQLite's text index is filled. PostgreSQL's
// trigram index (GIN) already gathers new entries in its pending list and
// writes them in bulk, so there is nothing to change; the step keeps both
// engines at the same version.
std::string_view v26() {
  return R"sql(
SELECT 1;
)sql";
}

}  // namespace kotak::server::pg_sql
