// The server database's SKM migrations in SQLite's dialect, versions 3 and
// 4 (see schema.cpp for the rest).
#include "server/storage/sqlite/schema_sql.hpp"

namespace kotak::server::sqlite_sql {

// Version 3: the SKM semester report. Responses imported from CSV (paper
// questionnaires, the district's SKM web site) with their source, the files
// imported (by SHA-256, so a file counts once), each facility's population
// for the minimum sample, and the follow-up plan (RTL) of a report with
// every saved version. Kiosk responses stay submissions of kind skm; a
// partial index finds them by time without walking the faces.
std::string_view v3() {
  return R"sql(
CREATE INDEX submissions_skm_by_time ON submissions (facility_id, created_at_ms)
  WHERE kind = 'skm';

CREATE TABLE skm_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  sha256 TEXT NOT NULL,
  file_name TEXT NOT NULL,
  responses INTEGER NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  imported_ms INTEGER NOT NULL,
  UNIQUE (facility_id, sha256)
);

-- One imported response: its local day, unit, source, the nine scores by
-- unsur code (NULL when skipped) and the optional profile.
CREATE TABLE skm_imported (
  import_id INTEGER NOT NULL REFERENCES skm_imports (id),
  line INTEGER NOT NULL,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  day INTEGER NOT NULL,
  unit TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('kertas', 'web')),
  u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
  u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
  u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
  u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
  u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
  sex TEXT NOT NULL,
  age_group TEXT NOT NULL,
  education TEXT NOT NULL,
  occupation TEXT NOT NULL,
  PRIMARY KEY (import_id, line)
);
CREATE INDEX skm_imported_by_day ON skm_imported (facility_id, day);

CREATE TABLE skm_populations (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  population INTEGER NOT NULL CHECK (population > 0),
  user_id INTEGER,
  user_name TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);

CREATE TABLE skm_rtl (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  unit TEXT NOT NULL,
  text TEXT NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  saved_ms INTEGER NOT NULL
);
CREATE INDEX skm_rtl_by_period ON skm_rtl (facility_id, first_day, last_day, unit, id);
)sql";
}

// Version 4: a kiosk SKM response is one row keyed by its submission's seq,
// with the nine scores as columns (NULL when skipped) beside the profile,
// instead of nine answer rows and a profile row keyed by the UUID. Rows are
// appended in seq order, so ingest no longer scatters writes over a UUID
// index, the file is smaller and a report reads each response once.
std::string_view v4() {
  return R"sql(
CREATE TABLE skm_responses (
  submission_seq INTEGER PRIMARY KEY REFERENCES submissions (seq),
  u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
  u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
  u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
  u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
  u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
  sex TEXT NOT NULL,
  age_group TEXT NOT NULL,
  education TEXT NOT NULL,
  occupation TEXT NOT NULL,
  service TEXT NOT NULL
);
INSERT INTO skm_responses
SELECT s.seq,
  max(CASE a.element WHEN 'U1' THEN a.score END), max(CASE a.element WHEN 'U2' THEN a.score END),
  max(CASE a.element WHEN 'U3' THEN a.score END), max(CASE a.element WHEN 'U4' THEN a.score END),
  max(CASE a.element WHEN 'U5' THEN a.score END), max(CASE a.element WHEN 'U6' THEN a.score END),
  max(CASE a.element WHEN 'U7' THEN a.score END), max(CASE a.element WHEN 'U8' THEN a.score END),
  max(CASE a.element WHEN 'U9' THEN a.score END),
  coalesce(p.sex, ''), coalesce(p.age_group, ''), coalesce(p.education, ''),
  coalesce(p.occupation, ''), coalesce(p.service, '')
FROM submissions s
LEFT JOIN skm_answers a ON a.submission_id = s.id
LEFT JOIN skm_profiles p ON p.submission_id = s.id
WHERE s.kind = 'skm'
GROUP BY s.seq;
DROP TABLE skm_answers;
DROP TABLE skm_profiles;
)sql";
}

}  // namespace kotak::server::sqlite_sql
