// The server database's schema (SQLite engine), one migration per
// user_version. Never edit a migration that has shipped: add the next one.
// The staff dashboard (cases, users, answers) will add its tables as later
// migrations here and in the PostgreSQL engine alike.
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

constexpr core::Migration kMigrations[] = {{1, kVersion1}};

}  // namespace

const core::FileSchema& server_schema() {
  // 'KtkS': marks a Kotak server file (PRAGMA application_id).
  static const core::FileSchema schema{0x4B746B53, "server database", kMigrations};
  return schema;
}

}  // namespace kotak::server
