// The submissions part of PgStorage: ingest, conflicts and counts. See
// pg_storage.hpp.
//
// A batch is stored in a handful of statements whatever its size, each
// taking whole columns as arrays (unnest), because a round trip to the
// database costs more than storing a row: the new submissions in one
// INSERT ... ON CONFLICT DO NOTHING that returns what it stored; the ids it
// skipped looked up together and sorted into duplicates and conflicts;
// then contact details, SKM responses and the cases of written complaints,
// each in one statement. Everything is one transaction, as in SQLite.
#include <map>
#include <set>

#include "core/secret_file.hpp"
#include "core/wire.hpp"
#include "server/storage/rows.hpp"
#include "server/storage/case_rules.hpp"
#include "server/storage/postgres/pg_storage.hpp"

namespace kotak::server {

using core::Submission;

namespace {

// Inserts the batch's new submissions; returns the seq of each item stored
// by this call (none for an id stored before, or earlier in the batch).
std::vector<std::optional<std::int64_t>> insert_new(pq::Connection& db, const DeviceRef& device,
                                                    std::span<const IngestItem> items,
                                                    IngestSource source, std::int64_t now_ms) {
  pq::TextArray id, hash, created, offset, kind, rating, unit, type, text, urgent, mode, language,
      flags, ticket, claimed, replaces, revision, boot, clock;
  for (const auto& item : items) {
    const Submission& s = item.submission;
    id.add(s.id);
    hash.add(item.content_hash);
    created.add(s.created_at.unix_ms);
    offset.add(s.created_at.utc_offset_min);
    kind.add(core::to_string(s.kind));
    rating.add(s.rating);
    unit.add(s.unit);
    type.add(s.type ? std::optional(std::string(core::to_string(*s.type))) : std::nullopt);
    text.add(s.text);
    urgent.add(s.urgent ? 1 : 0);
    mode.add(core::to_string(s.identity_mode));
    language.add(s.language);
    flags.add(rows::join_flags(s.flags));
    ticket.add(s.ticket);
    claimed.add(item.claimed_created_at ? std::optional(item.claimed_created_at->unix_ms) : std::nullopt);
    replaces.add(s.replaces);
    revision.add(s.revision);
    boot.add(s.clock.boot_id.empty() ? std::nullopt : std::optional(s.clock.boot_id));
    clock.add(item.clock_trust == ClockTrust::unknown
                  ? std::nullopt
                  : std::optional(std::string(to_string(item.clock_trust))));
  }
  auto stored = db.query(R"sql(
INSERT INTO submissions (id, facility_id, device_id, content_hash, received_ms, source,
                         created_at_ms, utc_offset_min, kind, rating, unit, type, text, urgent,
                         identity_mode, language, flags, ticket, claimed_created_at_ms, replaces,
                         revision, boot_id, clock, channel)
SELECT u.id, $1, $2, u.hash, $3, $4, u.created, u.utc_offset, u.kind, u.rating, u.unit, u.type,
       u.text, u.urgent, u.mode, u.language, u.flags, u.ticket, u.claimed, u.replaces, u.revision,
       u.boot, u.clock, $24
FROM unnest($5::text[], $6::text[], $7::bigint[], $8::integer[], $9::text[], $10::integer[],
            $11::text[], $12::text[], $13::text[], $14::integer[], $15::text[], $16::text[],
            $17::text[], $18::text[], $19::bigint[], $20::text[], $21::integer[], $22::text[],
            $23::text[])
     WITH ORDINALITY AS u(id, hash, created, utc_offset, kind, rating, unit, type, text, urgent,
                          mode, language, flags, ticket, claimed, replaces, revision, boot, clock,
                          position)
ORDER BY u.position
ON CONFLICT (id) DO NOTHING
RETURNING id, seq)sql",
                         pq::Params()
                             .add(device.facility_id)
                             .add(device.device_id)
                             .add(now_ms)
                             .add(rows::source_name(source))
                             .add(id.str()).add(hash.str()).add(created.str()).add(offset.str())
                             .add(kind.str()).add(rating.str()).add(unit.str()).add(type.str())
                             .add(text.str()).add(urgent.str()).add(mode.str()).add(language.str())
                             .add(flags.str()).add(ticket.str()).add(claimed.str())
                             .add(replaces.str()).add(revision.str())
                             .add(boot.str()).add(clock.str())
                             .add(rows::channel_name(source)));
  std::map<std::string, std::int64_t> seq_of;
  for (auto row : stored) seq_of.emplace(row.text(0), row.integer(1));
  std::vector<std::optional<std::int64_t>> out(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto found = seq_of.find(items[i].submission.id);
    if (found == seq_of.end()) continue;
    out[i] = found->second;
    seq_of.erase(found);  // a second copy in the same batch was not stored
  }
  return out;
}

// The faces of this batch that settle an answer (see sqlite/submissions.cpp
// settle_face): each correction's tap, and each tap a correction of which
// arrived before it. For each such answer of the device the highest
// revision counts (ties: the first to arrive); the other rows name it in
// superseded_by.
//
// Both statements go from the batch's answers to their rows through
// indexes (the primary key, and submissions_by_replaces: "replaces <> ''"
// beside "replaces = " lets PostgreSQL use that partial index), never from
// the device's rows to the answers: a plan made from the statistics of a
// young database would read every row of the device (a full scan per batch,
// measured at 15 ms per batch at 40,000 rows). The first asks which answers
// have a correction; a batch of plain taps, the common case, stops there.
void settle_faces(pq::Connection& db, const DeviceRef& device, const std::vector<const Submission*>& stored) {
  pq::TextArray firsts;
  for (const auto* s : stored)
    if (s->kind == core::Kind::rating) firsts.add(s->is_correction() ? s->replaces : s->id);
  if (firsts.empty()) return;
  auto corrected = db.query(R"sql(
SELECT DISTINCT f.first FROM unnest($3::text[]) AS f(first)
WHERE EXISTS (SELECT 1 FROM submissions c WHERE c.facility_id = $1 AND c.device_id = $2
                AND c.replaces = f.first AND c.replaces <> '' AND c.kind = 'rating'))sql",
                            pq::Params().add(device.facility_id).add(device.device_id).add(firsts.str()));
  if (corrected.rows() == 0) return;
  pq::TextArray answers;
  for (auto row : corrected) answers.add(row.text(0));
  db.query(R"sql(
WITH members AS (
  SELECT a.first, m.seq, m.id, m.revision
  FROM unnest($3::text[]) AS a(first)
  CROSS JOIN LATERAL (
    SELECT s.seq, s.id, s.revision FROM submissions s
    WHERE s.id = a.first AND s.facility_id = $1 AND s.device_id = $2 AND s.kind = 'rating'
    UNION ALL
    SELECT s.seq, s.id, s.revision FROM submissions s
    WHERE s.facility_id = $1 AND s.device_id = $2 AND s.replaces = a.first AND s.replaces <> ''
      AND s.kind = 'rating') AS m),
current AS (
  SELECT DISTINCT ON (first) first, id FROM members ORDER BY first, revision DESC, seq)
UPDATE submissions s SET superseded_by = CASE WHEN s.id = c.id THEN NULL ELSE c.id END
FROM members m JOIN current c ON c.first = m.first
WHERE s.seq = m.seq)sql",
           pq::Params().add(device.facility_id).add(device.device_id).add(answers.str()));
}

void insert_identities(pq::Connection& db, const std::vector<const Submission*>& stored) {
  pq::TextArray id, name, phone, address;
  for (const auto* s : stored) {
    if (s->identity.empty()) continue;
    id.add(s->id);
    name.add(s->identity.name);
    phone.add(s->identity.phone);
    address.add(s->identity.address);
  }
  if (id.empty()) return;
  db.query(
      "INSERT INTO identities (submission_id, name, phone, address) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])",
      pq::Params().add(id.str()).add(name.str()).add(phone.str()).add(address.str()));
}

// Recordings travel to PostgreSQL as base64 text (the connection's
// parameters are text), one statement each: a batch holds few.
void insert_recordings(pq::Connection& db, const std::vector<const Submission*>& stored) {
  for (const auto* s : stored) {
    if (s->audio.empty()) continue;
    db.query("INSERT INTO recordings (submission_id, ogg, duration_ms, bytes) "
             "VALUES ($1, decode($2, 'base64'), $3, $4)",
             pq::Params()
                 .add(s->id)
                 .add(core::secret_file::to_base64(s->audio))
                 .add(s->audio_ms)
                 .add(static_cast<std::int64_t>(s->audio.size())));
  }
}

void insert_skm(pq::Connection& db, const std::vector<std::pair<const Submission*, std::int64_t>>& stored) {
  pq::TextArray seq, sex, age, education, occupation, service;
  std::array<pq::TextArray, core::kSkmElements> scores;
  for (const auto& [s, at] : stored) {
    if (!s->skm) continue;
    seq.add(at);
    for (int i = 0; i < core::kSkmElements; ++i) {
      int score = s->skm->scores[static_cast<std::size_t>(i)];
      scores[static_cast<std::size_t>(i)].add(score > 0 ? std::optional<std::int64_t>(score) : std::nullopt);
    }
    const auto& p = s->skm->profile;
    sex.add(p.sex);
    age.add(p.age_group);
    education.add(p.education);
    occupation.add(p.occupation);
    service.add(p.service);
  }
  if (seq.empty()) return;
  pq::Params params;
  params.add(seq.str());
  for (const auto& column : scores) params.add(column.str());
  params.add(sex.str()).add(age.str()).add(education.str()).add(occupation.str()).add(service.str());
  db.query(R"sql(
INSERT INTO skm_responses (submission_seq, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                           sex, age_group, education, occupation, service)
SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::smallint[], $4::smallint[], $5::smallint[],
                     $6::smallint[], $7::smallint[], $8::smallint[], $9::smallint[], $10::smallint[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::text[]))sql",
           params);
}

// The items skipped as stored before: the same content is a duplicate,
// anything else a conflict, recorded for staff (without contact details,
// which go apart) once per refused version.
void sort_out_stored(pq::Connection& db, const DeviceRef& device, std::span<const IngestItem> items,
                     const std::vector<std::size_t>& skipped, IngestSource source, std::int64_t now_ms,
                     std::vector<IngestOutcome>& outcomes) {
  pq::TextArray ids;
  for (auto i : skipped) ids.add(items[i].submission.id);
  std::map<std::string, std::pair<std::string, std::string>> stored;  // id → hash, facility
  for (auto row : db.query("SELECT id, content_hash, facility_id FROM submissions WHERE id = ANY($1::text[])",
                           pq::Params().add(ids.str())))
    stored[row.text(0)] = {row.text(1), row.text(2)};
  for (auto i : skipped) {
    const auto& item = items[i];
    const auto& found = stored[item.submission.id];
    if (found.first == item.content_hash && found.second == device.facility_id) {
      outcomes[i] = IngestOutcome::duplicate;
      continue;
    }
    outcomes[i] = IngestOutcome::conflict;
    Submission without_identity = item.submission;
    without_identity.identity = {};
    auto recorded = db.query(R"sql(
INSERT INTO conflicts (submission_id, facility_id, device_id, content_hash, received_ms, source,
                       content)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (submission_id, facility_id, content_hash) DO NOTHING RETURNING seq)sql",
                             pq::Params()
                                 .add(item.submission.id)
                                 .add(device.facility_id)
                                 .add(device.device_id)
                                 .add(item.content_hash)
                                 .add(now_ms)
                                 .add(rows::source_name(source))
                                 .add(core::wire::encode_submission(without_identity)));
    const auto& identity = item.submission.identity;
    if (recorded.rows() == 0 || identity.empty()) continue;
    db.query("INSERT INTO conflict_identities (conflict_seq, name, phone, address) VALUES ($1, $2, $3, $4)",
             pq::Params().add(recorded.integer(0, 0)).add(identity.name).add(identity.phone).add(identity.address));
  }
}

}  // namespace

std::vector<IngestOutcome> PgStorage::ingest(const DeviceRef& device, std::span<const IngestItem> items,
                                             IngestSource source, std::int64_t now_ms) {
  std::vector<IngestOutcome> outcomes;
  write("store submissions", [&](pq::Connection& db) {
    outcomes.assign(items.size(), IngestOutcome::accepted);  // a retried transaction starts again
    // The phone pages have no device row (IngestSource::phone).
    if (source != IngestSource::phone) pg::require_device(db, device);
    auto seqs = insert_new(db, device, items, source, now_ms);
    std::vector<std::size_t> skipped;
    std::vector<const Submission*> stored, written;
    std::vector<std::pair<const Submission*, std::int64_t>> stored_seq;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!seqs[i]) {
        skipped.push_back(i);
        continue;
      }
      const auto& s = items[i].submission;
      stored.push_back(&s);
      stored_seq.emplace_back(&s, *seqs[i]);
      if (s.kind == core::Kind::written) written.push_back(&s);
    }
    insert_identities(db, stored);
    insert_recordings(db, stored);
    insert_skm(db, stored_seq);
    // Every written submission is a case of the register, from this same
    // transaction on, numbered in the order of the batch.
    pg_cases::record_written(db, written, options_.due_hours, now_ms, rows::case_channel(source));
    // The device's row, locked by this update until the commit, also puts
    // the settling of one kiosk's batches in turn: kotak-sync keeps two on
    // the wire, and a tap may be in one and its correction in the other. The
    // second waits here for the first's commit, and its statements after
    // this see the first's rows (READ COMMITTED); settled at once, neither
    // saw the other's row and both counted. Taken after the register's
    // counters, as every ingest takes them, so no two batches wait on each
    // other in a circle.
    db.query("UPDATE devices SET last_seen_ms = $3 WHERE facility_id = $1 AND name = $2",
             pq::Params().add(device.facility_id).add(device.device_id).add(now_ms));
    settle_faces(db, device, stored);
    if (!skipped.empty()) sort_out_stored(db, device, items, skipped, source, now_ms, outcomes);
  });
  return outcomes;
}

std::vector<ConflictRecord> PgStorage::conflicts(const std::string& facility_id, std::size_t limit) {
  std::vector<ConflictRecord> out;
  read("list conflicts", [&](pq::Connection& db) {
    auto found = db.query(
        "SELECT submission_id, facility_id, device_id, received_ms, content FROM conflicts "
        "WHERE $1 = '' OR facility_id = $1 ORDER BY seq DESC LIMIT $2",
        pq::Params().add(facility_id).add(static_cast<std::int64_t>(limit)));
    for (auto row : found)
      out.push_back({row.text(0), {row.text(1), row.text(2)}, row.integer(3), row.text(4)});
  });
  return out;
}

Stats PgStorage::stats(const std::string& facility_id) {
  Stats stats;
  snapshot("count submissions", [&](pq::Connection& db) {
    pq::Params facility;
    facility.add(facility_id);
    for (auto row : db.query("SELECT kind, count(*) FROM submissions WHERE $1 = '' OR facility_id = $1 "
                             "GROUP BY kind",
                             facility)) {
      auto kind = row.text(0);
      auto n = row.integer(1);
      stats.submissions += n;
      if (kind == "rating") stats.ratings = n;
      if (kind == "written") stats.written = n;
      if (kind == "skm") stats.skm = n;
    }
    auto count = [&](const char* sql) { return db.query(sql, facility).integer(0, 0); };
    stats.with_identity = count(
        "SELECT count(*) FROM identities i JOIN submissions s ON s.id = i.submission_id "
        "WHERE $1 = '' OR s.facility_id = $1");
    stats.conflicts = count("SELECT count(*) FROM conflicts WHERE $1 = '' OR facility_id = $1");
    stats.superseded = count(
        "SELECT count(*) FROM submissions WHERE ($1 = '' OR facility_id = $1) AND superseded_by IS NOT NULL");
    stats.devices = count("SELECT count(*) FROM devices WHERE $1 = '' OR facility_id = $1");
  });
  return stats;
}

}  // namespace kotak::server
