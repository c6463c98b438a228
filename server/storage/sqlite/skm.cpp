// The SKM part of SqliteStorage: responses of a period from the kiosks
// (submissions of kind skm) and from CSV imports, read alike; imports and
// their undo. The report's document (population, plans, letterhead) is in
// skm_document.cpp. See skm_types.hpp.
#include <algorithm>

#include "server/storage/rows.hpp"
#include "server/storage/sqlite/skm.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

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
  WHERE s.facility_id = ?1 AND s.kind = 'skm' AND s.created_at_ms >= ?2 AND s.created_at_ms < ?3)
WHERE day BETWEEN ?4 AND ?5 AND (?6 = '' OR unit = ?6))sql";

constexpr const char* kImportedResponses = R"sql(
SELECT day, unit, source, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_group, education, occupation
FROM skm_imported
WHERE facility_id = ?1 AND day BETWEEN ?2 AND ?3 AND (?4 = '' OR unit = ?4)
  AND import_id IN (SELECT id FROM skm_imports WHERE facility_id = ?1 AND undone_ms IS NULL))sql";

// The live import holding a row with the same day, unit, scores and profile.
constexpr const char* kSameRow = R"sql(
SELECT i.import_id FROM skm_imported i JOIN skm_imports m ON m.id = i.import_id
WHERE i.facility_id = ?1 AND i.day = ?2 AND i.unit = ?3 AND i.u1 IS ?4 AND i.u2 IS ?5
  AND i.u3 IS ?6 AND i.u4 IS ?7 AND i.u5 IS ?8 AND i.u6 IS ?9 AND i.u7 IS ?10 AND i.u8 IS ?11
  AND i.u9 IS ?12 AND i.sex = ?13 AND i.age_group = ?14 AND i.education = ?15
  AND i.occupation = ?16 AND m.undone_ms IS NULL
LIMIT 1)sql";

constexpr const char* kImportColumns =
    "SELECT id, file_name, responses, user_name, imported_ms, user_role, undone_ms, "
    "undone_user_name FROM skm_imports WHERE facility_id = ?1 ";

// A score as stored: NULL when skipped.
std::optional<std::int64_t> score_of(int score) {
  return score > 0 ? std::optional<std::int64_t>(score) : std::nullopt;
}

// Binds a row's day, unit, nine scores and profile from parameter `first`.
void bind_row(sql::Statement& s, int first, const SkmImportRow& row) {
  s.bind(first, row.day).bind(first + 1, row.unit);
  for (int i = 0; i < core::kSkmElements; ++i) s.bind(first + 2 + i, score_of(row.response.scores[i]));
  const auto& p = row.response.profile;
  s.bind(first + 11, p.sex).bind(first + 12, p.age_group).bind(first + 13, p.education);
  s.bind(first + 14, p.occupation);
}

void read_kiosk(sql::Database& db, const std::string& facility_id, const std::string& unit,
                std::int64_t first_day, std::int64_t last_day, std::vector<SkmRecord>& out) {
  const std::int64_t from_ms = first_day * kDayMs - kSlackMs, to_ms = (last_day + 1) * kDayMs + kSlackMs;
  auto found = db.prepare(kKioskResponses);
  found.bind(1, facility_id).bind(2, from_ms).bind(3, to_ms).bind(4, first_day).bind(5, last_day);
  found.bind(6, unit);
  while (found.step()) out.push_back(rows::kiosk_response_from_row(found));
}

void read_imported(sql::Database& db, const std::string& facility_id, const std::string& unit,
                   std::int64_t first_day, std::int64_t last_day, std::vector<SkmRecord>& out) {
  auto found = db.prepare(kImportedResponses);
  found.bind(1, facility_id).bind(2, first_day).bind(3, last_day).bind(4, unit);
  while (found.step()) out.push_back(rows::imported_response_from_row(found));
}

SkmImportRecord import_record(sql::Statement& rows) {
  SkmImportRecord r{rows.integer(0), rows.text(1), rows.integer(2), rows.text(3), rows.integer(4),
                    rows.text(5), rows.optional_integer(6), rows.text(7)};
  return r;
}

}  // namespace

std::vector<SkmRecord> SqliteStorage::skm_responses(const std::string& facility_id,
                                                    const std::string& unit,
                                                    std::int64_t first_day, std::int64_t last_day) {
  if (facility_id.empty())
    throw StorageError(StorageErrc::invalid, "an SKM report is about one facility; choose one");
  std::vector<SkmRecord> out;
  read("read the SKM responses of a report", [&](sql::Database& db) {
    out.clear();
    db.exec("BEGIN");
    try {
      read_kiosk(db, facility_id, unit, first_day, last_day, out);
      read_imported(db, facility_id, unit, first_day, last_day, out);
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return out;
}

SkmImportStored SqliteStorage::add_skm_import(const SkmImport& import, const Actor& actor,
                                              std::int64_t now_ms) {
  SkmImportStored stored;
  write("import SKM responses", [&](sql::Database& db) {
    stored = {};
    auto same = db.prepare(R"sql(
SELECT 1 FROM skm_imports
WHERE facility_id = ?1 AND undone_ms IS NULL AND (fingerprint = ?2 OR sha256 = ?3))sql");
    same.bind(1, import.facility_id).bind(2, import.fingerprint).bind(3, import.sha256);
    if (same.step())
      throw StorageError(StorageErrc::exists, "this file was imported for '" +
                                                  import.facility_id + "' before");
    // Rows that repeat earlier imports, looked for before this one is in.
    std::vector<std::int64_t> overlapped;
    auto repeat = db.prepare(kSameRow);
    for (const auto& row : import.rows) {
      repeat.reset();
      repeat.bind(1, import.facility_id);
      bind_row(repeat, 2, row);
      if (!repeat.step()) continue;
      stored.overlapping += 1;
      auto id = repeat.integer(0);
      if (std::find(overlapped.begin(), overlapped.end(), id) == overlapped.end()) overlapped.push_back(id);
    }
    db.prepare(R"sql(
INSERT INTO skm_imports (facility_id, sha256, fingerprint, file_name, responses, user_id,
                         user_name, user_role, imported_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql")
        .bind(1, import.facility_id)
        .bind(2, import.sha256)
        .bind(3, import.fingerprint)
        .bind(4, import.file_name)
        .bind(5, static_cast<std::int64_t>(import.rows.size()))
        .bind(6, user_of(actor))
        .bind(7, actor.name)
        .bind(8, import.user_role)
        .bind(9, now_ms)
        .run();
    stored.id = db.last_insert_rowid();
    auto insert = db.prepare(R"sql(
INSERT INTO skm_imported (import_id, line, facility_id, source, day, unit, u1, u2, u3, u4, u5,
                          u6, u7, u8, u9, sex, age_group, education, occupation)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19))sql");
    for (const auto& row : import.rows) {
      insert.reset();
      insert.bind(1, stored.id).bind(2, row.line).bind(3, import.facility_id);
      insert.bind(4, to_string(row.source));
      bind_row(insert, 5, row);
      insert.run();
    }
    std::sort(overlapped.rbegin(), overlapped.rend());
    for (std::size_t i = 0; i < overlapped.size() && i < 3; ++i) {
      auto rows = db.prepare(std::string(kImportColumns) + "AND id = ?2");
      rows.bind(1, import.facility_id).bind(2, overlapped[i]);
      if (rows.step()) stored.overlapped.push_back(import_record(rows));
    }
  });
  return stored;
}

std::optional<SkmImportRecord> SqliteStorage::skm_import_of(const std::string& facility_id,
                                                            const std::string& fingerprint,
                                                            const std::string& sha256) {
  auto found = select_imports(
      facility_id, "AND undone_ms IS NULL AND (fingerprint = ?2 OR sha256 = ?3)",
      [&](sql::Statement& s) { s.bind(2, fingerprint).bind(3, sha256); }, 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<SkmImportRecord> SqliteStorage::skm_imports(const std::string& facility_id,
                                                        std::size_t limit) {
  return select_imports(facility_id, "", [](sql::Statement&) {}, limit);
}

std::optional<SkmImportRecord> SqliteStorage::skm_import(const std::string& facility_id,
                                                         std::int64_t id) {
  auto found = select_imports(facility_id, "AND id = ?2", [&](sql::Statement& s) { s.bind(2, id); }, 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

SkmImportRecord SqliteStorage::undo_skm_import(const std::string& facility_id, std::int64_t id,
                                               const Actor& actor, std::int64_t now_ms) {
  SkmImportRecord record;
  write("undo an SKM import", [&](sql::Database& db) {
    auto rows = db.prepare(std::string(kImportColumns) + "AND id = ?2");
    rows.bind(1, facility_id).bind(2, id);
    if (!rows.step())
      throw StorageError(StorageErrc::not_found, "there is no SKM import " + std::to_string(id) +
                                                     " of '" + facility_id + "'");
    record = import_record(rows);
    if (record.undone_ms)
      throw StorageError(StorageErrc::invalid, "this import was undone before",
                         "error.skm.import_undone");
    db.prepare(R"sql(
UPDATE skm_imports SET undone_ms = ?3, undone_user_id = ?4, undone_user_name = ?5,
                       sha256 = 'undone:' || id || ':' || sha256
WHERE facility_id = ?1 AND id = ?2)sql")
        .bind(1, facility_id).bind(2, id).bind(3, now_ms).bind(4, user_of(actor))
        .bind(5, actor.name).run();
    record.undone_ms = now_ms;
    record.undone_user_name = actor.name;
  });
  return record;
}

std::vector<SkmImportRecord> SqliteStorage::select_imports(
    const std::string& facility_id, const char* where,
    const std::function<void(sql::Statement&)>& bind, std::size_t limit) {
  std::vector<SkmImportRecord> out;
  read("list SKM imports", [&](sql::Database& db) {
    out.clear();
    auto rows = db.prepare(std::string(kImportColumns) + where + " ORDER BY id DESC LIMIT ?9");
    rows.bind(1, facility_id).bind(9, static_cast<std::int64_t>(limit));
    bind(rows);
    while (rows.step()) out.push_back(import_record(rows));
  });
  return out;
}

}  // namespace kotak::server
