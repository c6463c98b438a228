// The server database's SKM migrations in SQLite's dialect, versions 3, 4
// and 8 (see schema.cpp for the rest).
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

// Version 8: the SKM report as the document a puskesmas sends to its Dinas
// (issue 16).
// - facility_letterheads: the kop surat and the signatories (Kepala
//   Puskesmas, Tim Mutu) of a facility, with its logo as base64 text.
// - skm_report_details: a report's number, survey method, fieldwork days
//   and signing day, per facility, period and unit.
// - skm_period_populations: the population per period and unit, replacing
//   the one number per facility, which moves to the semester it was set in
//   (UTC), for the whole facility.
// - skm_rtl_rows: a follow-up plan as rows (unsur, activity, time frame,
//   person in charge) with a status set in the next report.
// - skm_imports: the content fingerprint (a file imported before version 8
//   keeps the SHA-256 of its bytes there), the importer's role, and the
//   undo. A live import's fingerprint is unique per facility; an undone
//   import's sha256 gets the prefix "undone:ID:" so that the same bytes may
//   come again (the UNIQUE of version 3 cannot be dropped in place).
std::string_view v8() {
  return R"sql(
CREATE TABLE facility_letterheads (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  government TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  contact TEXT NOT NULL,
  place TEXT NOT NULL,
  head_name TEXT NOT NULL,
  head_nip TEXT NOT NULL,
  mutu_name TEXT NOT NULL,
  mutu_nip TEXT NOT NULL,
  logo_type TEXT NOT NULL CHECK (logo_type IN ('', 'image/png', 'image/jpeg')),
  logo_base64 TEXT NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);

CREATE TABLE skm_report_details (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  unit TEXT NOT NULL,
  number TEXT NOT NULL,
  method TEXT NOT NULL,
  fieldwork_from INTEGER,
  fieldwork_to INTEGER,
  signed_day INTEGER,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (facility_id, first_day, last_day, unit)
);

CREATE TABLE skm_period_populations (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL,
  unit TEXT NOT NULL,
  population INTEGER NOT NULL CHECK (population > 0),
  user_id INTEGER,
  user_name TEXT NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (facility_id, first_day, last_day, unit)
);
INSERT INTO skm_period_populations
SELECT facility_id,
       CAST(julianday(strftime('%Y', updated_ms / 1000, 'unixepoch') ||
            CASE WHEN CAST(strftime('%m', updated_ms / 1000, 'unixepoch') AS INTEGER) <= 6
                 THEN '-01-01' ELSE '-07-01' END) - 2440587.5 AS INTEGER),
       CAST(julianday(strftime('%Y', updated_ms / 1000, 'unixepoch') ||
            CASE WHEN CAST(strftime('%m', updated_ms / 1000, 'unixepoch') AS INTEGER) <= 6
                 THEN '-06-30' ELSE '-12-31' END) - 2440587.5 AS INTEGER),
       '', population, user_id, user_name, updated_ms
FROM skm_populations;
DROP TABLE skm_populations;

CREATE TABLE skm_rtl_rows (
  rtl_id INTEGER NOT NULL REFERENCES skm_rtl (id),
  position INTEGER NOT NULL,
  element TEXT NOT NULL CHECK (element IN ('', 'U1','U2','U3','U4','U5','U6','U7','U8','U9')),
  activity TEXT NOT NULL,
  time_frame TEXT NOT NULL,
  person TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('', 'belum', 'berjalan', 'selesai', 'batal')),
  note TEXT NOT NULL,
  PRIMARY KEY (rtl_id, position)
);

ALTER TABLE skm_imports ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE skm_imports ADD COLUMN user_role TEXT NOT NULL DEFAULT '';
ALTER TABLE skm_imports ADD COLUMN undone_ms INTEGER;
ALTER TABLE skm_imports ADD COLUMN undone_user_id INTEGER;
ALTER TABLE skm_imports ADD COLUMN undone_user_name TEXT NOT NULL DEFAULT '';
UPDATE skm_imports SET fingerprint = sha256;
CREATE UNIQUE INDEX skm_imports_live ON skm_imports (facility_id, fingerprint)
  WHERE undone_ms IS NULL;
)sql";
}

}  // namespace kotak::server::sqlite_sql
