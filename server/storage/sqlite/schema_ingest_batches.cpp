// The server database's version 26 in SQLite's dialect, from issue 13 (the
// list of versions is storage/schema.cpp; postgres/schema_ingest_batches.cpp
// has its twin).
#include "server/storage/schema_ingest_batches.hpp"

namespace kotak::server::sqlite_sql {

// Version 26: two row triggers did an ingest batch's work one row at a time.
// - cases_text_insert put each new case's text into the trigram index
//   (cases_text, FTS5). FTS5 writes the terms it holds to disk at every
//   statement savepoint, so each written complaint became an index segment
//   of its own, merged again and again.
// - skm_counts_response_added added each SKM response to its day's counts:
//   five upserts of the same few counter rows per response, 32 µs each.
// The code that records them now does both, an ingest batch in one
// statement each at its end (sqlite_cases::index_text_from and
// skm_counts_added_since); a case recorded by hand is indexed at once.
// Edits, erasures, clock corrections and imports keep their triggers: they
// are not the hot path.
std::string_view v26() {
  return R"sql(
DROP TRIGGER cases_text_insert;
DROP TRIGGER skm_counts_response_added;
)sql";
}

}  // namespace kotak::server::sqlite_sql
