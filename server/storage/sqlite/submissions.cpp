// The submissions part of SqliteStorage: ingest (accepted, duplicate,
// conflict in one transaction), corrected faces, conflicts and counts. See
// sqlite_storage.hpp.
#include <sqlite3.h>

#include "core/wire.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/schema_skm_counts.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;
using core::Submission;

namespace {

// The rows of the face answer ?3 of device (?1, ?2): the tap and its
// corrections, each found by an index (an OR of the two would make SQLite
// read every row of the device).
constexpr const char* kFaceRows = R"sql(
(SELECT seq FROM submissions WHERE id = ?3
 UNION ALL
 SELECT seq FROM submissions
 WHERE facility_id = ?1 AND device_id = ?2 AND replaces = ?3 AND replaces <> ''))sql";

// The statements of one ingest transaction, prepared once per batch.
struct IngestStatements {
  explicit IngestStatements(sql::Database& db)
      : find(db.prepare("SELECT content_hash, facility_id FROM submissions WHERE id = ?1")),
        insert(db.prepare(R"sql(
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source,
                         created_at_ms, utc_offset_min, kind, rating, unit, type, text, urgent,
                         identity_mode, language, flags, ticket, claimed_created_at_ms,
                         replaces, revision, boot_id, clock, channel)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
        ?21, ?22, ?23, ?24)
ON CONFLICT (id) DO NOTHING)sql")),
        identity(db.prepare("INSERT INTO identities (submission_id, name, phone, address) VALUES "
                            "(?1, ?2, ?3, ?4)")),
        skm(db.prepare(R"sql(
INSERT INTO skm_responses (submission_seq, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                           sex, age_group, education, occupation, service)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql")),
        conflict(db.prepare(R"sql(
INSERT INTO conflicts (submission_id, facility_id, device_id, content_hash, received_ms, source,
                       content)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
ON CONFLICT (submission_id, facility_id, content_hash) DO NOTHING)sql")),
        conflict_identity(db.prepare("INSERT INTO conflict_identities (conflict_seq, name, phone, "
                                     "address) VALUES (?1, ?2, ?3, ?4)")),
        // "replaces <> ''" (always true here: ?3 is an id) lets SQLite use
        // the partial index submissions_by_replaces; without it the search
        // reads every row of the device, and ingest slows with each answer
        // stored.
        corrected(db.prepare(
            "SELECT 1 FROM submissions WHERE facility_id = ?1 AND device_id = ?2 AND "
            "replaces = ?3 AND replaces <> '' AND kind = 'rating' LIMIT 1")),
        face_current(db.prepare(std::string(R"sql(
SELECT id FROM submissions
WHERE facility_id = ?1 AND device_id = ?2 AND kind = 'rating' AND seq IN )sql") +
                                kFaceRows + " ORDER BY revision DESC, seq LIMIT 1")),
        face_settle(db.prepare(std::string(R"sql(
UPDATE submissions SET superseded_by = CASE WHEN id = ?4 THEN NULL ELSE ?4 END
WHERE facility_id = ?1 AND device_id = ?2 AND kind = 'rating' AND seq IN )sql") +
                               kFaceRows)) {}

  sql::Statement find, insert, identity, skm, conflict, conflict_identity;
  sql::Statement corrected, face_current, face_settle;
  // The batch's first new case and SKM response: the text of it and those
  // after it goes into the search index, and the responses into the SKM
  // counts, at the end of the batch, one statement each (schema 26).
  std::optional<std::int64_t> first_case, first_skm;
};

// A face answer is a device's tap (first_id) and its corrections: the
// highest revision counts (ties: the first to arrive), every other row
// names it in superseded_by. Called when a correction arrives, and when a
// tap arrives after a correction of it (the order of arrival never
// matters: only the set of rows stored does).
void settle_face(IngestStatements& st, const DeviceRef& device, const std::string& first_id) {
  st.face_current.bind(1, device.facility_id).bind(2, device.device_id).bind(3, first_id);
  if (!st.face_current.step()) {
    st.face_current.reset();
    return;
  }
  std::string current = st.face_current.text(0);
  st.face_current.reset();
  st.face_settle.bind(1, device.facility_id)
      .bind(2, device.device_id)
      .bind(3, first_id)
      .bind(4, current)
      .run();
}

// A face that arrived: settles its answer when it is a correction or when a
// correction of it arrived first.
void settle_if_corrected(IngestStatements& st, const DeviceRef& device, const Submission& s) {
  if (s.kind != core::Kind::rating) return;
  if (s.is_correction()) {
    settle_face(st, device, s.replaces);
    return;
  }
  st.corrected.bind(1, device.facility_id).bind(2, device.device_id).bind(3, s.id);
  const bool corrected = st.corrected.step();
  st.corrected.reset();
  if (corrected) settle_face(st, device, s.id);
}

// Inserts a new submission with its parts; false (and nothing written) when
// the id is stored already. Trying the insert first costs new submissions,
// the common case, one index search instead of two.
bool insert_submission(sql::Database& db, IngestStatements& st, const DeviceRef& device,
                       const IngestItem& item, IngestSource source, std::int64_t now_ms,
                       int due_hours) {
  const Submission& s = item.submission;
  st.insert.bind(1, s.id)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, item.content_hash)
      .bind(5, now_ms)
      .bind(6, rows::source_name(source))
      .bind(7, s.created_at.unix_ms)
      .bind(8, s.created_at.utc_offset_min)
      .bind(9, core::to_string(s.kind))
      .bind(10, s.rating)
      .bind(11, s.unit)
      .bind(12, s.type ? std::optional(core::to_string(*s.type)) : std::nullopt)
      .bind(13, s.text)
      .bind(14, s.urgent ? 1 : 0)
      .bind(15, core::to_string(s.identity_mode))
      .bind(16, s.language)
      .bind(17, rows::join_flags(s.flags))
      .bind(18, s.ticket)
      .bind(19, item.claimed_created_at ? std::optional(item.claimed_created_at->unix_ms)
                                        : std::nullopt)
      .bind(20, s.replaces)
      .bind(21, s.revision)
      .bind(22, s.clock.boot_id.empty() ? std::nullopt : std::optional(s.clock.boot_id))
      .bind(23, item.clock_trust == ClockTrust::unknown
                    ? std::nullopt
                    : std::optional(std::string(to_string(item.clock_trust))))
      .bind(24, rows::channel_name(source))
      .run();
  if (db.changes() == 0) return false;
  const std::int64_t seq = db.last_insert_rowid();
  if (!s.identity.empty())
    st.identity.bind(1, s.id)
        .bind(2, s.identity.name)
        .bind(3, s.identity.phone)
        .bind(4, s.identity.address)
        .run();
  if (!s.audio.empty())
    db.prepare("INSERT INTO recordings (submission_id, ogg, duration_ms, bytes) "
               "VALUES (?1, ?2, ?3, ?4)")
        .bind(1, s.id)
        .bind_blob(2, s.audio)
        .bind(3, s.audio_ms)
        .bind(4, static_cast<std::int64_t>(s.audio.size()))
        .run();
  if (s.skm) {
    st.skm.bind(1, seq);
    for (int i = 0; i < core::kSkmElements; ++i)
      st.skm.bind(2 + i, s.skm->scores[i] > 0 ? std::optional<std::int64_t>(s.skm->scores[i])
                                              : std::nullopt);
    const auto& p = s.skm->profile;
    st.skm.bind(11, p.sex)
        .bind(12, p.age_group)
        .bind(13, p.education)
        .bind(14, p.occupation)
        .bind(15, p.service)
        .run();
    if (!st.first_skm) st.first_skm = seq;
  }
  // Every written submission is a case of the register, from this same
  // transaction on.
  if (s.kind == core::Kind::written) {
    auto id = sqlite_cases::record_written(db, s, due_hours, now_ms, rows::case_channel(source));
    if (!st.first_case) st.first_case = id;
  }
  settle_if_corrected(st, device, s);
  return true;
}

void record_conflict(sql::Database& db, IngestStatements& st, const DeviceRef& device,
                     const IngestItem& item, IngestSource source, std::int64_t now_ms) {
  Submission without_identity = item.submission;
  without_identity.identity = {};
  st.conflict.bind(1, item.submission.id)
      .bind(2, device.facility_id)
      .bind(3, device.device_id)
      .bind(4, item.content_hash)
      .bind(5, now_ms)
      .bind(6, rows::source_name(source))
      .bind(7, core::wire::encode_submission(without_identity))
      .run();
  if (db.changes() == 0 || item.submission.identity.empty()) return;
  const auto& identity = item.submission.identity;
  st.conflict_identity.bind(1, db.last_insert_rowid())
      .bind(2, identity.name)
      .bind(3, identity.phone)
      .bind(4, identity.address)
      .run();
}

}  // namespace

std::vector<IngestOutcome> SqliteStorage::ingest(const DeviceRef& device,
                                                 std::span<const IngestItem> items,
                                                 IngestSource source, std::int64_t now_ms) {
  std::vector<IngestOutcome> outcomes;
  write("store submissions", [&](sql::Database& db) {
    outcomes.clear();  // a retried transaction starts again
    // The phone pages have no device row; the facility's own row is checked
    // by the submissions' reference to it.
    if (source != IngestSource::phone) require_device(db, device);
    IngestStatements st(db);
    for (const auto& item : items) {
      if (insert_submission(db, st, device, item, source, now_ms, due_hours_)) {
        outcomes.push_back(IngestOutcome::accepted);
        continue;
      }
      st.find.bind(1, item.submission.id);
      bool same = st.find.step() && st.find.text(0) == item.content_hash &&
                  st.find.text(1) == device.facility_id;
      st.find.reset();
      if (same) {
        outcomes.push_back(IngestOutcome::duplicate);
      } else {
        record_conflict(db, st, device, item, source, now_ms);
        outcomes.push_back(IngestOutcome::conflict);
      }
    }
    if (st.first_case) sqlite_cases::index_text_from(db, *st.first_case);
    if (st.first_skm)
      for (const auto& statement : sqlite_sql::skm_counts_added_since())
        db.prepare(statement).bind(1, *st.first_skm).run();
    db.prepare("UPDATE devices SET last_seen_ms = ?3 WHERE facility_id = ?1 AND name = ?2")
        .bind(1, device.facility_id)
        .bind(2, device.device_id)
        .bind(3, now_ms)
        .run();
  });
  return outcomes;
}

std::vector<ConflictRecord> SqliteStorage::conflicts(const std::string& facility_id,
                                                     std::size_t limit) {
  std::vector<ConflictRecord> out;
  read("list conflicts", [&](sql::Database& db) {
    auto list = db.prepare(
        "SELECT submission_id, facility_id, device_id, received_ms, content FROM conflicts "
        "WHERE ?1 = '' OR facility_id = ?1 ORDER BY seq DESC LIMIT ?2");
    list.bind(1, facility_id).bind(2, static_cast<std::int64_t>(limit));
    while (list.step())
      out.push_back({list.text(0), {list.text(1), list.text(2)}, list.integer(3), list.text(4)});
  });
  return out;
}

Stats SqliteStorage::stats(const std::string& facility_id) {
  Stats stats;
  read("count submissions", [&](sql::Database& db) {
    // One read transaction, so the counts agree with each other.
    db.exec("BEGIN");
    try {
      auto kinds = db.prepare(
          "SELECT kind, count(*) FROM submissions WHERE ?1 = '' OR facility_id = ?1 "
          "GROUP BY kind");
      kinds.bind(1, facility_id);
      while (kinds.step()) {
        auto kind = kinds.text(0);
        auto n = kinds.integer(1);
        stats.submissions += n;
        if (kind == "rating") stats.ratings = n;
        if (kind == "written") stats.written = n;
        if (kind == "skm") stats.skm = n;
      }
      auto count = [&](const char* sql) {
        auto statement = db.prepare(sql);
        statement.bind(1, facility_id);
        return statement.step() ? statement.integer(0) : 0;
      };
      stats.with_identity = count(
          "SELECT count(*) FROM identities i JOIN submissions s ON s.id = i.submission_id "
          "WHERE ?1 = '' OR s.facility_id = ?1");
      stats.conflicts = count("SELECT count(*) FROM conflicts WHERE ?1 = '' OR facility_id = ?1");
      stats.superseded = count(
          "SELECT count(*) FROM submissions WHERE (?1 = '' OR facility_id = ?1) AND "
          "superseded_by IS NOT NULL");
      stats.devices = count("SELECT count(*) FROM devices WHERE ?1 = '' OR facility_id = ?1");
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return stats;
}

}  // namespace kotak::server
