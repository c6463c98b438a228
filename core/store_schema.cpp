// The kiosk database's schema, one migration per user_version. Never edit a
// migration that has shipped: add the next one. tests/core/store_migration_test.cpp
// opens every version and migrates it to the latest.
#include "core/store.hpp"

namespace kotak::core {

namespace {

// Version 1: submissions, contact details kept apart, sync bookkeeping.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  facility_id TEXT NOT NULL,
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
  ticket TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'quarantined')),
  state_reason TEXT NOT NULL DEFAULT '',
  state_changed_ms INTEGER
);
CREATE INDEX submissions_by_state ON submissions (state, seq);
CREATE INDEX submissions_by_time ON submissions (created_at_ms);

-- Contact details live in their own table so that the text can be read,
-- exported or shown without them (UU 27/2022).
CREATE TABLE identities (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  address TEXT NOT NULL
);

CREATE TABLE sync_status (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  attempted_ms INTEGER NOT NULL,
  succeeded_ms INTEGER,
  result TEXT NOT NULL,
  detail TEXT NOT NULL,
  delivered INTEGER NOT NULL,
  quarantined INTEGER NOT NULL
);

CREATE TABLE board_items (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  unit TEXT NOT NULL,
  type TEXT NOT NULL,
  summary TEXT NOT NULL,
  answer TEXT NOT NULL,
  published_ms INTEGER NOT NULL
);

CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// Version 2: SKM survey responses, by element code (never by screen position).
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE skm_answers (
  submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  element TEXT NOT NULL CHECK (element IN ('U1','U2','U3','U4','U5','U6','U7','U8','U9')),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
  PRIMARY KEY (submission_id, element)
);
CREATE TABLE skm_profiles (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  sex TEXT NOT NULL,
  age_group TEXT NOT NULL,
  education TEXT NOT NULL,
  occupation TEXT NOT NULL,
  service TEXT NOT NULL
);
)sql";

// Version 3: retention counts from delivery (state_changed_ms), not from
// creation: a kiosk that was offline for weeks keeps what it just delivered.
constexpr std::string_view kVersion3 = R"sql(
UPDATE submissions SET state_changed_ms = created_at_ms
WHERE state <> 'pending' AND state_changed_ms IS NULL;
CREATE INDEX submissions_by_state_change ON submissions (state, state_changed_ms);
)sql";

// Version 4: a face is stored at the tap, and what the patient changes
// after it is a correction (submission.hpp) naming the tap in `replaces`;
// `superseded` marks the rows of a face answer that are no longer counted
// (every one but its highest revision). Nothing is rewritten or deleted.
constexpr std::string_view kVersion4 = R"sql(
ALTER TABLE submissions ADD COLUMN replaces TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
CREATE INDEX submissions_by_replaces ON submissions (replaces) WHERE replaces <> '';
)sql";

// Version 5: contact details sealed to the server's key (core/seal.hpp) as
// they are saved, once the kiosk has that key; name, phone and address are
// then empty and only the sealed box is kept.
constexpr std::string_view kVersion5 = R"sql(
ALTER TABLE identities ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
)sql";

// Version 6: the device clock when each answer was saved (clock_state.hpp):
// clock_synchronised 1 or 0, and the boot it was in. Rows saved before are
// unknown (NULL and ''), which is what the wire leaves out.
constexpr std::string_view kVersion6 = R"sql(
ALTER TABLE submissions ADD COLUMN clock_synchronised INTEGER CHECK (clock_synchronised IN (0, 1));
ALTER TABLE submissions ADD COLUMN boot_id TEXT NOT NULL DEFAULT '';
)sql";

// Version 7: a spoken complaint's recording (Ogg/Opus), saved in the same
// transaction as its submission and gone with it (purge, ON DELETE CASCADE).
constexpr std::string_view kVersion7 = R"sql(
CREATE TABLE recordings (
  submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  ogg BLOB NOT NULL,
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0)
);
)sql";

// Version 8: where this kiosk's own tickets stand on the server (status and
// the published answer, nothing about the reporter), brought with the board
// so that "Cek status pengaduan" works offline (issue 15 item 5).
constexpr std::string_view kVersion8 = R"sql(
CREATE TABLE tickets (
  ticket TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  answer TEXT NOT NULL,
  updated_ms INTEGER NOT NULL
);
)sql";

constexpr Migration kMigrations[] = {
    {1, kVersion1}, {2, kVersion2}, {3, kVersion3}, {4, kVersion4},
    {5, kVersion5}, {6, kVersion6}, {7, kVersion7}, {8, kVersion8}};

}  // namespace

const FileSchema& kiosk_schema() {
  // 'KtkK': marks a Kotak kiosk file (PRAGMA application_id).
  static const FileSchema schema{0x4B746B4B, "kiosk database", kMigrations};
  return schema;
}

}  // namespace kotak::core
