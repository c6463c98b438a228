// The server database's version 26 in PostgreSQL's dialect, from issue 13
// (the list of versions is storage/schema.cpp; sqlite/schema_ingest_batches.cpp
// has its twin).
#include "server/storage/schema_ingest_batches.hpp"

namespace kotak::server::pg_sql {

// Version 26 changes how SQLite fills its text index and SKM counts during
// ingest. PostgreSQL already does both per batch: its trigram index (GIN)
// gathers new entries in a pending list and writes them in bulk, and its SKM
// counts are kept by a statement trigger over the rows a statement inserts.
// Nothing changes; the step keeps both engines at the same version.
std::string_view v26() {
  return R"sql(
SELECT 1;
)sql";
}

}  // namespace kotak::server::pg_sql
