// The server database's version 18 in PostgreSQL's dialect, from issue 13
// ("Speed at a million", the read side; the list of versions is
// storage/schema.cpp; sqlite/schema_lists.cpp has its twin): what lets the
// register list a page of a million cases without reading them all.
#include "server/storage/postgres/schema_sql.hpp"

namespace kotak::server::pg_sql {

// Version 18: the register's order columns and indexes as in SQLite
// (stored: PostgreSQL has no virtual generated columns), the newest/oldest
// and due indexes ending in the id, and for the word search a trigram
// index (pg_trgm, a trusted extension of Debian's postgresql package: the
// database's owner may create it) that ILIKE '%...%' uses.
std::string_view v18() {
  return R"sql(
ALTER TABLE cases
  ADD COLUMN list_rank INTEGER GENERATED ALWAYS AS (
    CASE WHEN status IN ('baru', 'diverifikasi', 'diteruskan') THEN
           CASE WHEN urgent = 1 OR rating = 1 THEN 0 ELSE 1 END
         ELSE 2 END) STORED,
  ADD COLUMN list_key BIGINT GENERATED ALWAYS AS (
    CASE WHEN status IN ('baru', 'diverifikasi', 'diteruskan') THEN due_ms ELSE -received_ms END) STORED,
  ADD COLUMN list_age BIGINT GENERATED ALWAYS AS (-received_ms) STORED,
  ADD COLUMN list_seq BIGINT GENERATED ALWAYS AS (-id) STORED;
CREATE INDEX cases_by_priority ON cases (facility_id, list_rank, list_key, list_age, list_seq);
CREATE INDEX cases_by_priority_all ON cases (list_rank, list_key, list_age, list_seq);
DROP INDEX cases_by_facility_received;
CREATE INDEX cases_by_facility_received ON cases (facility_id, received_ms, id);
CREATE INDEX cases_by_received ON cases (received_ms, id);
CREATE INDEX cases_by_due ON cases (facility_id, due_ms, id);

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX cases_text ON cases USING gin (content gin_trgm_ops);
)sql";
}

}  // namespace kotak::server::pg_sql
