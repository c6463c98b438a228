// The SKM part of PgStorage, as in sqlite/skm.cpp: responses of a period
// from the kiosks and from CSV imports, read alike; imports and their undo.
// The report's document (population, plans, letterhead) is in
// skm_document.cpp.
#include <algorithm>

#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

namespace {

using rows::kDayMs;
using rows::kSlackMs;

// A kiosk response's unit: the one chosen before the survey, else the
// service named in its profile.
constexpr const char* kKioskResponses = R"sql(
SELECT day, unit, sex, age_group, education, occupation, u1, u2, u3, u4, u5, u6, u7, u8, u9,
       channel FROM (
  SELECT (s.created_at_ms + s.utc_offset_min * 60000) / 86400000 AS day,
         CASE WHEN s.unit <> '' THEN s.unit ELSE r.service END AS unit,
         r.sex, r.age_group, r.education, r.occupation,
         r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9, coalesce(s.channel, '') AS channel
  FROM submissions s JOIN skm_responses r ON r.submission_seq = s.seq
  WHERE s.facility_id = $1 AND s.kind = 'skm' AND s.created_at_ms >= $2 AND s.created_at_ms < $3) AS k
WHERE day BETWEEN $4 AND $5 AND ($6 = '' OR unit = $6))sql";

constexpr const char* kImportedResponses = R"sql(
SELECT day, unit, source, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_group, education, occupation
FROM skm_imported
WHERE facility_id = $1 AND day BETWEEN $2 AND $3 AND ($4 = '' OR unit = $4)
  AND import_id IN (SELECT id FROM skm_imports WHERE facility_id = $1 AND undone_ms IS NULL))sql";

// The live import holding a row with the same day, unit, scores and profile.
constexpr const char* kSameRow = R"sql(
SELECT i.import_id FROM skm_imported i JOIN skm_imports m ON m.id = i.import_id
WHERE i.facility_id = $1 AND i.day = $2 AND i.unit = $3 AND i.u1 IS NOT DISTINCT FROM $4
  AND i.u2 IS NOT DISTINCT FROM $5 AND i.u3 IS NOT DISTINCT FROM $6
  AND i.u4 IS NOT DISTINCT FROM $7 AND i.u5 IS NOT DISTINCT FROM $8
  AND i.u6 IS NOT DISTINCT FROM $9 AND i.u7 IS NOT DISTINCT FROM $10
  AND i.u8 IS NOT DISTINCT FROM $11 AND i.u9 IS NOT DISTINCT FROM $12 AND i.sex = $13
  AND i.age_group = $14 AND i.education = $15 AND i.occupation = $16 AND m.undone_ms IS NULL
LIMIT 1)sql";

constexpr const char* kImportColumns =
    "SELECT id, file_name, responses, user_name, imported_ms, user_role, undone_ms, "
    "undone_user_name FROM skm_imports WHERE facility_id = $1 ";

// A row's day, unit, nine scores (NULL when skipped) and profile.
pq::Params& add_row(pq::Params& params, const SkmImportRow& row) {
  params.add(row.day).add(row.unit);
  for (int score : row.response.scores)
    params.add(score > 0 ? std::optional<std::int64_t>(score) : std::nullopt);
  const auto& p = row.response.profile;
  return params.add(p.sex).add(p.age_group).add(p.education).add(p.occupation);
}

template <typename Row>
SkmImportRecord import_record(const Row& row) {
  return {row.integer(0), row.text(1), row.integer(2), row.text(3),
          row.integer(4), row.text(5), row.optional_integer(6), row.text(7)};
}


}  // namespace

std::vector<SkmRecord> PgStorage::skm_responses(const std::string& facility_id, const std::string& unit,
                                                std::int64_t first_day, std::int64_t last_day) {
  if (facility_id.empty())
    throw StorageError(StorageErrc::invalid, "an SKM report is about one facility; choose one");
  std::vector<SkmRecord> out;
  snapshot("read the SKM responses of a report", [&](pq::Connection& db) {
    out.clear();
    auto kiosk = db.query(kKioskResponses, pq::Params()
                                               .add(facility_id)
                                               .add(first_day * kDayMs - kSlackMs)
                                               .add((last_day + 1) * kDayMs + kSlackMs)
                                               .add(first_day)
                                               .add(last_day)
                                               .add(unit));
    for (auto row : kiosk) out.push_back(rows::kiosk_response_from_row(row));
    auto imported =
        db.query(kImportedResponses, pq::Params().add(facility_id).add(first_day).add(last_day).add(unit));
    for (auto row : imported) out.push_back(rows::imported_response_from_row(row));
  });
  return out;
}

SkmImportStored PgStorage::add_skm_import(const SkmImport& import, const Actor& actor,
                                          std::int64_t now_ms) {
  SkmImportStored stored;
  write("import SKM responses", [&](pq::Connection& db) {
    stored = {};
    // Rows that repeat earlier imports, looked for before this one is in.
    std::vector<std::int64_t> overlapped;
    for (const auto& row : import.rows) {
      pq::Params params;
      params.add(import.facility_id);
      auto repeat = db.query(kSameRow, add_row(params, row));
      if (repeat.rows() == 0) continue;
      stored.overlapping += 1;
      auto id = repeat.integer(0, 0);
      if (std::find(overlapped.begin(), overlapped.end(), id) == overlapped.end()) overlapped.push_back(id);
    }
    // A live import with this content or these bytes is the same file.
    auto added = db.query(R"sql(
INSERT INTO skm_imports (facility_id, sha256, fingerprint, file_name, responses, user_id,
                         user_name, user_role, imported_ms)
SELECT $1::text, $2::text, $3::text, $4::text, $5::bigint, $6::bigint, $7::text, $8::text, $9::bigint
WHERE NOT EXISTS (SELECT 1 FROM skm_imports WHERE facility_id = $1::text AND undone_ms IS NULL
                                                 AND (fingerprint = $3::text OR sha256 = $2::text))
ON CONFLICT DO NOTHING RETURNING id)sql",
                          pq::Params()
                              .add(import.facility_id)
                              .add(import.sha256)
                              .add(import.fingerprint)
                              .add(import.file_name)
                              .add(static_cast<std::int64_t>(import.rows.size()))
                              .add(pg::user_of(actor))
                              .add(actor.name)
                              .add(import.user_role)
                              .add(now_ms));
    if (added.rows() == 0)
      throw StorageError(StorageErrc::exists, "this file was imported for '" + import.facility_id + "' before");
    stored.id = added.integer(0, 0);
    // The rows go in by COPY: an import of a semester's paper forms is
    // thousands of lines.
    std::string rows;
    for (const auto& row : import.rows) {
      rows += std::to_string(stored.id) + '\t' + std::to_string(row.line) + '\t';
      pq::copy_field(rows, import.facility_id);
      rows += '\t' + std::to_string(row.day) + '\t';
      pq::copy_field(rows, row.unit);
      rows += '\t';
      rows += to_string(row.source);
      for (int score : row.response.scores) rows += score > 0 ? '\t' + std::to_string(score) : "\t\\N";
      for (const auto* field : {&row.response.profile.sex, &row.response.profile.age_group,
                                &row.response.profile.education, &row.response.profile.occupation}) {
        rows += '\t';
        pq::copy_field(rows, *field);
      }
      rows += '\n';
    }
    db.copy_in(
        "COPY skm_imported (import_id, line, facility_id, day, unit, source, u1, u2, u3, u4, u5, u6, u7, "
        "u8, u9, sex, age_group, education, occupation) FROM STDIN",
        rows);
    std::sort(overlapped.rbegin(), overlapped.rend());
    for (std::size_t i = 0; i < overlapped.size() && i < 3; ++i) {
      auto found = db.query(std::string(kImportColumns) + "AND id = $2",
                            pq::Params().add(import.facility_id).add(overlapped[i]));
      for (auto row : found) stored.overlapped.push_back(import_record(row));
    }
  });
  return stored;
}

std::optional<SkmImportRecord> PgStorage::skm_import_of(const std::string& facility_id,
                                                        const std::string& fingerprint,
                                                        const std::string& sha256) {
  auto found = select_imports("AND undone_ms IS NULL AND (fingerprint = $2 OR sha256 = $3)",
                              pq::Params().add(facility_id).add(fingerprint).add(sha256), 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<SkmImportRecord> PgStorage::skm_imports(const std::string& facility_id, std::size_t limit) {
  return select_imports("", pq::Params().add(facility_id), limit);
}

std::optional<SkmImportRecord> PgStorage::skm_import(const std::string& facility_id, std::int64_t id) {
  auto found = select_imports("AND id = $2", pq::Params().add(facility_id).add(id), 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

SkmImportRecord PgStorage::undo_skm_import(const std::string& facility_id, std::int64_t id,
                                           const Actor& actor, std::int64_t now_ms) {
  SkmImportRecord record;
  write("undo an SKM import", [&](pq::Connection& db) {
    auto found = db.query(std::string(kImportColumns) + "AND id = $2 FOR UPDATE",
                          pq::Params().add(facility_id).add(id));
    if (found.rows() == 0)
      throw StorageError(StorageErrc::not_found,
                         "there is no SKM import " + std::to_string(id) + " of '" + facility_id + "'");
    for (auto row : found) record = import_record(row);
    if (record.undone_ms)
      throw StorageError(StorageErrc::invalid, "this import was undone before", "error.skm.import_undone");
    // As in SQLite: the bytes' hash gets a prefix, so the same file may come again.
    db.query(R"sql(
UPDATE skm_imports SET undone_ms = $3, undone_user_id = $4, undone_user_name = $5,
                       sha256 = 'undone:' || id || ':' || sha256
WHERE facility_id = $1 AND id = $2)sql",
             pq::Params().add(facility_id).add(id).add(now_ms).add(pg::user_of(actor)).add(actor.name));
    record.undone_ms = now_ms;
    record.undone_user_name = actor.name;
  });
  return record;
}

std::vector<SkmImportRecord> PgStorage::select_imports(const std::string& where, const pq::Params& params,
                                                       std::size_t limit) {
  std::vector<SkmImportRecord> out;
  read("list SKM imports", [&](pq::Connection& db) {
    out.clear();
    auto found = db.query(std::string(kImportColumns) + where + " ORDER BY id DESC LIMIT " +
                              std::to_string(limit),
                          params);
    for (auto row : found) out.push_back(import_record(row));
  });
  return out;
}

}  // namespace kotak::server
