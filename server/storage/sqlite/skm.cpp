// The SKM part of SqliteStorage: responses of a period from the kiosks
// (submissions of kind skm) and from CSV imports, read alike; imports,
// population and follow-up plans. See skm_types.hpp.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

using rows::kDayMs;
using rows::kSlackMs;

// A kiosk response's unit: the one chosen before the survey, else the
// service named in its profile.
constexpr const char* kKioskResponses = R"sql(
SELECT day, unit, sex, age_group, education, occupation, u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM (
  SELECT (s.created_at_ms + s.utc_offset_min * 60000) / 86400000 AS day,
         CASE WHEN s.unit <> '' THEN s.unit ELSE r.service END AS unit,
         r.sex, r.age_group, r.education, r.occupation,
         r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9
  FROM submissions s JOIN skm_responses r ON r.submission_seq = s.seq
  WHERE s.facility_id = ?1 AND s.kind = 'skm' AND s.created_at_ms >= ?2 AND s.created_at_ms < ?3)
WHERE day BETWEEN ?4 AND ?5 AND (?6 = '' OR unit = ?6))sql";

constexpr const char* kImportedResponses = R"sql(
SELECT day, unit, source, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_group, education, occupation
FROM skm_imported
WHERE facility_id = ?1 AND day BETWEEN ?2 AND ?3 AND (?4 = '' OR unit = ?4))sql";

// The staff account of a change; none for the admin commands.
std::optional<std::int64_t> user_of(const Actor& actor) {
  return actor.user_id ? std::optional(actor.user_id) : std::nullopt;
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

std::int64_t SqliteStorage::add_skm_import(const SkmImport& import, const Actor& actor,
                                           std::int64_t now_ms) {
  std::int64_t id = 0;
  write("import SKM responses", [&](sql::Database& db) {
    auto same = db.prepare("SELECT 1 FROM skm_imports WHERE facility_id = ?1 AND sha256 = ?2");
    same.bind(1, import.facility_id).bind(2, import.sha256);
    if (same.step())
      throw StorageError(StorageErrc::exists, "this file was imported for '" +
                                                  import.facility_id + "' before");
    db.prepare(R"sql(
INSERT INTO skm_imports (facility_id, sha256, file_name, responses, user_id, user_name, imported_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7))sql")
        .bind(1, import.facility_id)
        .bind(2, import.sha256)
        .bind(3, import.file_name)
        .bind(4, static_cast<std::int64_t>(import.rows.size()))
        .bind(5, user_of(actor))
        .bind(6, actor.name)
        .bind(7, now_ms)
        .run();
    id = db.last_insert_rowid();
    auto insert = db.prepare(R"sql(
INSERT INTO skm_imported (import_id, line, facility_id, day, unit, source, u1, u2, u3, u4, u5,
                          u6, u7, u8, u9, sex, age_group, education, occupation)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19))sql");
    for (const auto& row : import.rows) {
      insert.bind(1, id).bind(2, row.line).bind(3, import.facility_id).bind(4, row.day);
      insert.bind(5, row.unit).bind(6, to_string(row.source));
      for (int i = 0; i < core::kSkmElements; ++i) {
        int score = row.response.scores[i];
        insert.bind(7 + i, score > 0 ? std::optional<std::int64_t>(score) : std::nullopt);
      }
      const auto& p = row.response.profile;
      insert.bind(16, p.sex).bind(17, p.age_group).bind(18, p.education).bind(19, p.occupation);
      insert.run();
    }
  });
  return id;
}

std::optional<SkmImportRecord> SqliteStorage::skm_import_of(const std::string& facility_id,
                                                            const std::string& sha256) {
  auto found = select_imports(facility_id, sha256, 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<SkmImportRecord> SqliteStorage::skm_imports(const std::string& facility_id,
                                                        std::size_t limit) {
  return select_imports(facility_id, std::nullopt, limit);
}

std::vector<SkmImportRecord> SqliteStorage::select_imports(const std::string& facility_id,
                                                           const std::optional<std::string>& sha256,
                                                           std::size_t limit) {
  std::vector<SkmImportRecord> out;
  read("list SKM imports", [&](sql::Database& db) {
    out.clear();
    auto found = db.prepare(R"sql(
SELECT id, file_name, responses, user_name, imported_ms FROM skm_imports
WHERE facility_id = ?1 AND (?2 IS NULL OR sha256 = ?2) ORDER BY id DESC LIMIT ?3)sql");
    found.bind(1, facility_id).bind(2, sha256).bind(3, static_cast<std::int64_t>(limit));
    while (found.step())
      out.push_back({found.integer(0), found.text(1), found.integer(2), found.text(3), found.integer(4)});
  });
  return out;
}

std::optional<SkmPopulation> SqliteStorage::skm_population(const std::string& facility_id) {
  std::optional<SkmPopulation> out;
  read("read the SKM population", [&](sql::Database& db) {
    auto row = db.prepare(
        "SELECT population, user_name, updated_ms FROM skm_populations WHERE facility_id = ?1");
    row.bind(1, facility_id);
    if (row.step()) out = SkmPopulation{row.integer(0), row.text(1), row.integer(2)};
  });
  return out;
}

void SqliteStorage::set_skm_population(const std::string& facility_id,
                                       std::optional<std::int64_t> population, const Actor& actor,
                                       std::int64_t now_ms) {
  if (population && *population <= 0)
    throw StorageError(StorageErrc::invalid, "the population must be a whole number above 0");
  write("save the SKM population", [&](sql::Database& db) {
    auto find = db.prepare("SELECT 1 FROM facilities WHERE id = ?1");
    find.bind(1, facility_id);
    if (!find.step())
      throw StorageError(StorageErrc::not_found, "there is no facility '" + facility_id + "'");
    if (!population) {
      db.prepare("DELETE FROM skm_populations WHERE facility_id = ?1").bind(1, facility_id).run();
      return;
    }
    db.prepare(R"sql(
INSERT INTO skm_populations (facility_id, population, user_id, user_name, updated_ms)
VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (facility_id) DO UPDATE SET population = ?2, user_id = ?3, user_name = ?4,
                                        updated_ms = ?5)sql")
        .bind(1, facility_id).bind(2, *population).bind(3, user_of(actor))
        .bind(4, actor.name).bind(5, now_ms).run();
  });
}

std::vector<SkmRtl> SqliteStorage::skm_rtl(const SkmPeriodKey& key, std::size_t limit) {
  std::vector<SkmRtl> out;
  read("read a follow-up plan", [&](sql::Database& db) {
    auto found = db.prepare(R"sql(
SELECT text, user_name, saved_ms FROM skm_rtl
WHERE facility_id = ?1 AND first_day = ?2 AND last_day = ?3 AND unit = ?4
ORDER BY id DESC LIMIT ?5)sql");
    found.bind(1, key.facility_id).bind(2, key.first_day).bind(3, key.last_day).bind(4, key.unit);
    found.bind(5, static_cast<std::int64_t>(limit));
    while (found.step()) out.push_back({found.text(0), found.text(1), found.integer(2)});
  });
  return out;
}

void SqliteStorage::add_skm_rtl(const SkmPeriodKey& key, const std::string& text,
                                const Actor& actor, std::int64_t now_ms) {
  write("save a follow-up plan", [&](sql::Database& db) {
    db.prepare(R"sql(
INSERT INTO skm_rtl (facility_id, first_day, last_day, unit, text, user_id, user_name, saved_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql")
        .bind(1, key.facility_id)
        .bind(2, key.first_day)
        .bind(3, key.last_day)
        .bind(4, key.unit)
        .bind(5, text)
        .bind(6, user_of(actor))
        .bind(7, actor.name)
        .bind(8, now_ms)
        .run();
  });
}

}  // namespace kotak::server
