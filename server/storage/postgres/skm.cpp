// The SKM part of PgStorage, as in sqlite/skm.cpp: responses of a period
// from the kiosks and from CSV imports, read alike; imports, population and
// follow-up plans.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

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
  WHERE s.facility_id = $1 AND s.kind = 'skm' AND s.created_at_ms >= $2 AND s.created_at_ms < $3) AS k
WHERE day BETWEEN $4 AND $5 AND ($6 = '' OR unit = $6))sql";

constexpr const char* kImportedResponses = R"sql(
SELECT day, unit, source, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex, age_group, education, occupation
FROM skm_imported
WHERE facility_id = $1 AND day BETWEEN $2 AND $3 AND ($4 = '' OR unit = $4))sql";

std::optional<std::int64_t> user_of(const Actor& actor) {
  return actor.user_id ? std::optional(actor.user_id) : std::nullopt;
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

std::int64_t PgStorage::add_skm_import(const SkmImport& import, const Actor& actor, std::int64_t now_ms) {
  std::int64_t id = 0;
  write("import SKM responses", [&](pq::Connection& db) {
    auto added = db.query(R"sql(
INSERT INTO skm_imports (facility_id, sha256, file_name, responses, user_id, user_name, imported_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (facility_id, sha256) DO NOTHING RETURNING id)sql",
                          pq::Params()
                              .add(import.facility_id)
                              .add(import.sha256)
                              .add(import.file_name)
                              .add(static_cast<std::int64_t>(import.rows.size()))
                              .add(user_of(actor))
                              .add(actor.name)
                              .add(now_ms));
    if (added.rows() == 0)
      throw StorageError(StorageErrc::exists, "this file was imported for '" + import.facility_id + "' before");
    id = added.integer(0, 0);
    // The rows go in by COPY: an import of a semester's paper forms is
    // thousands of lines.
    std::string rows;
    for (const auto& row : import.rows) {
      rows += std::to_string(id) + '\t' + std::to_string(row.line) + '\t';
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
  });
  return id;
}

std::optional<SkmImportRecord> PgStorage::skm_import_of(const std::string& facility_id,
                                                        const std::string& sha256) {
  auto found = select_imports(facility_id, sha256, 1);
  return found.empty() ? std::nullopt : std::optional(found.front());
}

std::vector<SkmImportRecord> PgStorage::skm_imports(const std::string& facility_id, std::size_t limit) {
  return select_imports(facility_id, std::nullopt, limit);
}

std::vector<SkmImportRecord> PgStorage::select_imports(const std::string& facility_id,
                                                       const std::optional<std::string>& sha256,
                                                       std::size_t limit) {
  std::vector<SkmImportRecord> out;
  read("list SKM imports", [&](pq::Connection& db) {
    auto found = db.query(R"sql(
SELECT id, file_name, responses, user_name, imported_ms FROM skm_imports
WHERE facility_id = $1 AND ($2::text IS NULL OR sha256 = $2::text) ORDER BY id DESC LIMIT $3)sql",
                         pq::Params().add(facility_id).add(sha256).add(static_cast<std::int64_t>(limit)));
    for (auto row : found)
      out.push_back({row.integer(0), row.text(1), row.integer(2), row.text(3), row.integer(4)});
  });
  return out;
}

std::optional<SkmPopulation> PgStorage::skm_population(const std::string& facility_id) {
  std::optional<SkmPopulation> out;
  read("read the SKM population", [&](pq::Connection& db) {
    auto found = db.query("SELECT population, user_name, updated_ms FROM skm_populations WHERE facility_id = $1",
                          pq::Params().add(facility_id));
    if (found.rows()) out = SkmPopulation{found.integer(0, 0), found.text(0, 1), found.integer(0, 2)};
  });
  return out;
}

void PgStorage::set_skm_population(const std::string& facility_id, std::optional<std::int64_t> population,
                                   const Actor& actor, std::int64_t now_ms) {
  if (population && *population <= 0)
    throw StorageError(StorageErrc::invalid, "the population must be a whole number above 0");
  write("save the SKM population", [&](pq::Connection& db) {
    pg::require_facility(db, facility_id);
    if (!population) {
      db.query("DELETE FROM skm_populations WHERE facility_id = $1", pq::Params().add(facility_id));
      return;
    }
    db.query(R"sql(
INSERT INTO skm_populations (facility_id, population, user_id, user_name, updated_ms)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (facility_id) DO UPDATE SET population = $2, user_id = $3, user_name = $4, updated_ms = $5)sql",
             pq::Params().add(facility_id).add(*population).add(user_of(actor)).add(actor.name).add(now_ms));
  });
}

std::vector<SkmRtl> PgStorage::skm_rtl(const SkmPeriodKey& key, std::size_t limit) {
  std::vector<SkmRtl> out;
  read("read a follow-up plan", [&](pq::Connection& db) {
    auto found = db.query(R"sql(
SELECT text, user_name, saved_ms FROM skm_rtl
WHERE facility_id = $1 AND first_day = $2 AND last_day = $3 AND unit = $4
ORDER BY id DESC LIMIT $5)sql",
                         pq::Params()
                             .add(key.facility_id)
                             .add(key.first_day)
                             .add(key.last_day)
                             .add(key.unit)
                             .add(static_cast<std::int64_t>(limit)));
    for (auto row : found) out.push_back({row.text(0), row.text(1), row.integer(2)});
  });
  return out;
}

void PgStorage::add_skm_rtl(const SkmPeriodKey& key, const std::string& text, const Actor& actor,
                            std::int64_t now_ms) {
  write("save a follow-up plan", [&](pq::Connection& db) {
    db.query(R"sql(
INSERT INTO skm_rtl (facility_id, first_day, last_day, unit, text, user_id, user_name, saved_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql",
             pq::Params()
                 .add(key.facility_id)
                 .add(key.first_day)
                 .add(key.last_day)
                 .add(key.unit)
                 .add(text)
                 .add(user_of(actor))
                 .add(actor.name)
                 .add(now_ms));
  });
}

}  // namespace kotak::server
