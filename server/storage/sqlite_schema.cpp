// The server database's schema (SQLite engine), one migration per
// user_version. Never edit a migration that has shipped: add the next one.
// Version 2 adds the staff dashboard: users, sessions, the register of
// cases with their answers and history; version 3 the SKM report (and 4
// its faster layout); version 5 what holds the server against hostile
// clients (sqlite_schema_v5.cpp); version 6 corrected faces and tickets by
// code (sqlite_schema_v6.cpp); version 8 the SKM report as a document
// (sqlite_schema_skm.cpp); version 9 kiosk clocks that were wrong
// (sqlite_schema_v9.cpp). A
// PostgreSQL engine has the same tables in its own dialect.
#include "server/storage/sqlite_storage.hpp"

namespace kotak::server {

namespace {

// Version 1: facilities, devices and their token hashes, submissions with
// contact details and SKM answers apart, conflicts, the public board and the
// remote kiosk settings.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE facilities (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE devices (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  name TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  revoked_ms INTEGER,
  last_seen_ms INTEGER,
  PRIMARY KEY (facility_id, name)
);

-- Only the SHA-256 of a token is kept; the token itself is printed once.
CREATE TABLE device_tokens (
  token_hash TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  device_name TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  revoked_ms INTEGER,
  FOREIGN KEY (facility_id, device_name) REFERENCES devices (facility_id, name)
);
CREATE INDEX device_tokens_by_device ON device_tokens (facility_id, device_name);

CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  device_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('network', 'bundle')),
  created_at_ms INTEGER NOT NULL,
  utc_offset_min INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rating', 'written', 'skm')),
  rating INTEGER CHECK (rating BETWEEN 1 AND 4),
  unit TEXT NOT NULL DEFAULT '',
  type TEXT CHECK (type IN ('saran', 'keluhan', 'pujian', 'pertanyaan')),
  text TEXT NOT NULL DEFAULT '',
  urgent INTEGER NOT NULL DEFAULT 0,
  identity_mode TEXT NOT NULL CHECK (identity_mode IN ('anonim', 'named', 'rahasia')),
  language TEXT NOT NULL,
  flags TEXT NOT NULL DEFAULT '',
  ticket TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submissions_by_facility_time ON submissions (facility_id, created_at_ms);
CREATE INDEX submissions_by_device ON submissions (facility_id, device_id);
CREATE INDEX submissions_by_ticket ON submissions (facility_id, ticket) WHERE ticket <> '';

-- Contact details apart from the text (UU 27/2022): the dashboard shows
-- them only to the roles that answer complaints.
CREATE TABLE identities (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL
);

CREATE TABLE skm_answers (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  element TEXT NOT NULL CHECK (element IN ('U1','U2','U3','U4','U5','U6','U7','U8','U9')),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
  PRIMARY KEY (submission_id, element)
);
CREATE TABLE skm_profiles (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
  sex TEXT NOT NULL,
  age_group TEXT NOT NULL,
  education TEXT NOT NULL,
  occupation TEXT NOT NULL,
  service TEXT NOT NULL
);

-- A different version of a stored submission: recorded for staff, never
-- applied. The same refused version sent again is recorded once.
CREATE TABLE conflicts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  submission_id TEXT NOT NULL,
  facility_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  source TEXT NOT NULL,
  content TEXT NOT NULL,
  UNIQUE (submission_id, facility_id, content_hash)
);
CREATE INDEX conflicts_by_facility ON conflicts (facility_id, seq);
CREATE TABLE conflict_identities (
  conflict_seq INTEGER PRIMARY KEY REFERENCES conflicts (seq),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL
);

-- The public board, written by the staff dashboard when it publishes an
-- answered case; revision moves on every change and is the kiosks' cursor.
CREATE TABLE board_items (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  id TEXT NOT NULL,
  unit TEXT NOT NULL,
  type TEXT NOT NULL,
  summary TEXT NOT NULL,
  answer TEXT NOT NULL,
  published_ms INTEGER NOT NULL,
  PRIMARY KEY (facility_id, id)
);
CREATE TABLE board_revisions (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  revision INTEGER NOT NULL
);

CREATE TABLE facility_settings (
  facility_id TEXT PRIMARY KEY REFERENCES facilities (id),
  json TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);
)sql";

// Version 2: staff accounts and sessions, the register. Contact details of
// kiosk cases stay in identities (by submission); those of cases entered by
// hand go to case_identities. Written submissions stored before this version
// become cases here, numbered per facility and local year in arrival order.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  facility_id TEXT REFERENCES facilities (id),
  role TEXT NOT NULL CHECK (role IN ('petugas', 'mutu', 'kepala', 'admin')),
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  disabled_ms INTEGER,
  CHECK ((role = 'admin') = (facility_id IS NULL))
);

-- Only the SHA-256 of a session's cookie token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  csrf TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE register_counters (
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  year INTEGER NOT NULL,
  last_number INTEGER NOT NULL,
  PRIMARY KEY (facility_id, year)
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  facility_id TEXT NOT NULL REFERENCES facilities (id),
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  submission_id TEXT UNIQUE REFERENCES submissions (id),
  public_id TEXT NOT NULL UNIQUE,
  ticket TEXT NOT NULL DEFAULT '',
  received_ms INTEGER NOT NULL,
  utc_offset_min INTEGER NOT NULL,
  recorded_ms INTEGER NOT NULL,
  channel TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL CHECK (type IN ('saran', 'keluhan', 'pujian', 'pertanyaan')),
  urgent INTEGER NOT NULL DEFAULT 0,
  rating INTEGER,
  identity_mode TEXT NOT NULL CHECK (identity_mode IN ('anonim', 'named', 'rahasia')),
  content TEXT NOT NULL,
  due_ms INTEGER NOT NULL,
  status TEXT NOT NULL,
  forwarded_unit TEXT NOT NULL DEFAULT '',
  analysis TEXT NOT NULL DEFAULT '',
  rtl TEXT NOT NULL DEFAULT '',
  first_answer_ms INTEGER,
  updated_ms INTEGER NOT NULL,
  published_ms INTEGER,
  public_summary TEXT NOT NULL DEFAULT '',
  public_answer TEXT NOT NULL DEFAULT '',
  mailed_ms INTEGER,
  UNIQUE (facility_id, year, number),
  CHECK (published_ms IS NULL OR identity_mode <> 'rahasia')
);
CREATE INDEX cases_by_facility_received ON cases (facility_id, received_ms);
CREATE INDEX cases_by_facility_status ON cases (facility_id, status, due_ms);
CREATE INDEX cases_by_ticket ON cases (facility_id, ticket) WHERE ticket <> '';
CREATE INDEX cases_unmailed ON cases (recorded_ms)
  WHERE mailed_ms IS NULL AND (urgent = 1 OR rating = 1);

CREATE TABLE case_identities (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL
);

CREATE TABLE case_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  channel TEXT NOT NULL,
  text TEXT NOT NULL,
  user_id INTEGER REFERENCES users (id),
  officer TEXT NOT NULL,
  answered_ms INTEGER NOT NULL,
  recorded_ms INTEGER NOT NULL
);
CREATE INDEX case_answers_by_case ON case_answers (case_id, id);

-- The history of every change, and every read of contact details.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id INTEGER NOT NULL REFERENCES cases (id),
  at_ms INTEGER NOT NULL,
  user_id INTEGER,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);

INSERT INTO cases (facility_id, year, number, submission_id, public_id, ticket, received_ms,
                   utc_offset_min, recorded_ms, channel, unit, type, urgent, rating,
                   identity_mode, content, due_ms, status, updated_ms, mailed_ms)
SELECT facility_id, year,
       row_number() OVER (PARTITION BY facility_id, year ORDER BY seq),
       id, id, ticket, created_at_ms, utc_offset_min, received_ms, 'kiosk', unit,
       coalesce(type, 'keluhan'), urgent, rating, identity_mode, text,
       created_at_ms + 72 * 3600000, 'baru', received_ms, received_ms
FROM (SELECT *, CAST(strftime('%Y', (created_at_ms + utc_offset_min * 60000) / 1000,
                              'unixepoch') AS INTEGER) AS year
      FROM submissions WHERE kind = 'written')
ORDER BY seq;
INSERT INTO register_counters (facility_id, year, last_number)
SELECT facility_id, year, max(number) FROM cases GROUP BY facility_id, year;
INSERT INTO case_events (case_id, at_ms, user_id, user_name, action, detail)
SELECT id, recorded_ms, NULL, '', 'received', '{}' FROM cases;
)sql";

}  // namespace

const core::FileSchema& server_schema() {
  // 'KtkS': marks a Kotak server file (PRAGMA application_id).
  static const core::Migration migrations[] = {
      {1, kVersion1},       {2, kVersion2}, {3, schema_skm_v3()}, {4, schema_skm_v4()},
      {5, schema_v5()},     {6, schema_v6()}, {7, schema_enrolment()},
      {8, schema_skm_v8()}, {9, schema_v9()}};
  static const core::FileSchema schema{0x4B746B53, "server database", migrations};
  return schema;
}

}  // namespace kotak::server
