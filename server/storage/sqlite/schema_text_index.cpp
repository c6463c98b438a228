// The server database's version 26 in SQLite's dialect, from issue 13 (the
// list of versions is storage/schema.cpp; postgres/schema_text_index.cpp
// has its twin).
#include "server/storage/schema_text_index.hpp"

namespace kotak::server::sqlite_sql {

// Version 26: a trigger put each new case's text into the trigram index
// (cases_text, FTS5) as the case was inserted. FTS5 writes the terms it
// holds to disk at every statement savepoint, so in an ingest transaction
// each written complaint became an index segment of its own, merged again
// and again: 170 µs per case, a fifth of the server's ingest time. The code
// that records cases now indexes them itself, an ingest batch in one
// statement at its end (sqlite_cases::index_text_from). Edits and erasures
// keep their triggers: they are one case at a time.
std::string_view v26() {
  return R"sql(
DROP TRIGGER cases_text_insert;
)sql";
}

}  // namespace kotak::server::sqlite_sql
