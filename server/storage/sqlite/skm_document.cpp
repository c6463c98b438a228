// The SKM report's document in SqliteStorage: the population of a period
// and unit, the follow-up plan with its rows, the report's details, the
// facility's letterhead (its logo kept as base64 text) and the complaints
// the analysis reads. See
// skm_types.hpp and the schema's version 8 (sqlite/schema_skm.cpp).
#include "server/storage/sqlite/skm.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

namespace {

constexpr const char* kKey = "facility_id = ?1 AND first_day = ?2 AND last_day = ?3 AND unit = ?4";

void bind_key(sql::Statement& s, const SkmPeriodKey& key) {
  s.bind(1, key.facility_id).bind(2, key.first_day).bind(3, key.last_day).bind(4, key.unit);
}

// The rows of the plan versions given, in order.
void read_rows(sql::Database& db, std::vector<std::pair<std::int64_t, SkmRtl*>>& versions) {
  auto rows = db.prepare(R"sql(
SELECT element, activity, time_frame, person, status, note FROM skm_rtl_rows
WHERE rtl_id = ?1 ORDER BY position)sql");
  for (auto& [id, plan] : versions) {
    rows.reset();
    rows.bind(1, id);
    while (rows.step())
      plan->rows.push_back({rows.text(0), rows.text(1), rows.text(2), rows.text(3),
                            parse_skm_rtl_status(rows.text(4)).value_or(SkmRtlStatus::none),
                            rows.text(5)});
  }
}

}  // namespace

std::optional<SkmPopulation> SqliteStorage::skm_population(const SkmPeriodKey& key) {
  std::optional<SkmPopulation> out;
  read("read the SKM population", [&](sql::Database& db) {
    out.reset();
    auto row = db.prepare(std::string("SELECT population, user_name, updated_ms FROM "
                                      "skm_period_populations WHERE ") + kKey);
    bind_key(row, key);
    if (row.step()) out = SkmPopulation{row.integer(0), row.text(1), row.integer(2)};
  });
  return out;
}

void SqliteStorage::set_skm_population(const SkmPeriodKey& key,
                                       std::optional<std::int64_t> population, const Actor& actor,
                                       std::int64_t now_ms) {
  if (population && *population <= 0)
    throw StorageError(StorageErrc::invalid, "the population must be a whole number above 0");
  write("save the SKM population", [&](sql::Database& db) {
    require_facility(db, key.facility_id);
    if (!population) {
      auto remove = db.prepare(std::string("DELETE FROM skm_period_populations WHERE ") + kKey);
      bind_key(remove, key);
      remove.run();
      return;
    }
    auto save = db.prepare(R"sql(
INSERT INTO skm_period_populations (facility_id, first_day, last_day, unit, population, user_id,
                                    user_name, updated_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (facility_id, first_day, last_day, unit) DO UPDATE
SET population = ?5, user_id = ?6, user_name = ?7, updated_ms = ?8)sql");
    bind_key(save, key);
    save.bind(5, *population).bind(6, user_of(actor)).bind(7, actor.name).bind(8, now_ms).run();
  });
}

std::vector<SkmRtl> SqliteStorage::skm_rtl(const SkmPeriodKey& key, std::size_t limit) {
  std::vector<SkmRtl> out;
  read("read a follow-up plan", [&](sql::Database& db) {
    out.clear();
    auto rows = db.prepare(std::string("SELECT id, text, user_name, saved_ms FROM skm_rtl WHERE ") +
                           kKey + " ORDER BY id DESC LIMIT ?5");
    bind_key(rows, key);
    rows.bind(5, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> ids;
    while (rows.step()) {
      ids.push_back(rows.integer(0));
      out.push_back({rows.text(1), {}, rows.text(2), rows.integer(3)});
    }
    std::vector<std::pair<std::int64_t, SkmRtl*>> versions;
    for (std::size_t i = 0; i < ids.size(); ++i) versions.emplace_back(ids[i], &out[i]);
    read_rows(db, versions);
  });
  return out;
}

void SqliteStorage::add_skm_rtl(const SkmPeriodKey& key, const SkmRtl& plan, const Actor& actor,
                                std::int64_t now_ms) {
  write("save a follow-up plan", [&](sql::Database& db) {
    db.prepare(R"sql(
INSERT INTO skm_rtl (facility_id, first_day, last_day, unit, text, user_id, user_name, saved_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql")
        .bind(1, key.facility_id)
        .bind(2, key.first_day)
        .bind(3, key.last_day)
        .bind(4, key.unit)
        .bind(5, plan.text)
        .bind(6, user_of(actor))
        .bind(7, actor.name)
        .bind(8, now_ms)
        .run();
    auto id = db.last_insert_rowid();
    auto insert = db.prepare(R"sql(
INSERT INTO skm_rtl_rows (rtl_id, position, element, activity, time_frame, person, status, note)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8))sql");
    std::int64_t position = 0;
    for (const auto& row : plan.rows) {
      insert.reset();
      insert.bind(1, id).bind(2, position++).bind(3, row.element).bind(4, row.activity);
      insert.bind(5, row.time_frame).bind(6, row.person).bind(7, to_string(row.status));
      insert.bind(8, row.note).run();
    }
  });
}

std::optional<SkmReportDetails> SqliteStorage::skm_report_details(const SkmPeriodKey& key) {
  std::optional<SkmReportDetails> out;
  read("read an SKM report's details", [&](sql::Database& db) {
    out.reset();
    auto row = db.prepare(std::string("SELECT number, method, fieldwork_from, fieldwork_to, "
                                      "signed_day, user_name, updated_ms FROM skm_report_details "
                                      "WHERE ") + kKey);
    bind_key(row, key);
    if (row.step())
      out = SkmReportDetails{row.text(0),
                             row.text(1),
                             row.optional_integer(2),
                             row.optional_integer(3),
                             row.optional_integer(4),
                             row.text(5),
                             row.integer(6)};
  });
  return out;
}

void SqliteStorage::set_skm_report_details(const SkmPeriodKey& key, const SkmReportDetails& d,
                                           const Actor& actor, std::int64_t now_ms) {
  write("save an SKM report's details", [&](sql::Database& db) {
    require_facility(db, key.facility_id);
    auto save = db.prepare(R"sql(
INSERT INTO skm_report_details (facility_id, first_day, last_day, unit, number, method,
                                fieldwork_from, fieldwork_to, signed_day, user_id, user_name,
                                updated_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (facility_id, first_day, last_day, unit) DO UPDATE
SET number = ?5, method = ?6, fieldwork_from = ?7, fieldwork_to = ?8, signed_day = ?9,
    user_id = ?10, user_name = ?11, updated_ms = ?12)sql");
    bind_key(save, key);
    save.bind(5, d.number).bind(6, d.method).bind(7, d.fieldwork_from).bind(8, d.fieldwork_to);
    save.bind(9, d.signed_day).bind(10, user_of(actor)).bind(11, actor.name).bind(12, now_ms).run();
  });
}

std::optional<SkmLetterhead> SqliteStorage::letterhead(const std::string& facility_id) {
  std::optional<SkmLetterhead> out;
  read("read a letterhead", [&](sql::Database& db) {
    out.reset();
    auto row = db.prepare(R"sql(
SELECT government, name, address, contact, place, head_name, head_nip, mutu_name, mutu_nip,
       logo_type, logo_base64, user_name, updated_ms
FROM facility_letterheads WHERE facility_id = ?1)sql");
    row.bind(1, facility_id);
    if (!row.step()) return;
    out = SkmLetterhead{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                        row.text(5), row.text(6), row.text(7), row.text(8), row.text(9),
                        row.text(10), row.text(11), row.integer(12)};
  });
  return out;
}

void SqliteStorage::set_letterhead(const std::string& facility_id, const SkmLetterhead& l,
                                   bool keep_logo, const Actor& actor, std::int64_t now_ms) {
  write("save a letterhead", [&](sql::Database& db) {
    require_facility(db, facility_id);
    auto save = db.prepare(R"sql(
INSERT INTO facility_letterheads (facility_id, government, name, address, contact, place,
                                  head_name, head_nip, mutu_name, mutu_nip, logo_type,
                                  logo_base64, user_id, user_name, updated_ms)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
ON CONFLICT (facility_id) DO UPDATE
SET government = ?2, name = ?3, address = ?4, contact = ?5, place = ?6, head_name = ?7,
    head_nip = ?8, mutu_name = ?9, mutu_nip = ?10,
    logo_type = CASE WHEN ?16 THEN logo_type ELSE ?11 END,
    logo_base64 = CASE WHEN ?16 THEN logo_base64 ELSE ?12 END,
    user_id = ?13, user_name = ?14, updated_ms = ?15)sql");
    save.bind(1, facility_id).bind(2, l.government).bind(3, l.name).bind(4, l.address);
    save.bind(5, l.contact).bind(6, l.place).bind(7, l.head_name).bind(8, l.head_nip);
    save.bind(9, l.mutu_name).bind(10, l.mutu_nip).bind(11, l.logo_type);
    save.bind(12, l.logo_base64).bind(13, user_of(actor)).bind(14, actor.name);
    save.bind(15, now_ms).bind(16, std::int64_t{keep_logo ? 1 : 0}).run();
  });
}

std::vector<SkmComplaint> SqliteStorage::skm_complaints(const std::string& facility_id,
                                                        const std::string& unit,
                                                        std::int64_t first_day,
                                                        std::int64_t last_day, std::size_t limit) {
  // As the recap counts cases: by the local day they were received; the
  // time range is widened by any UTC offset and the day checked exactly.
  constexpr std::int64_t kSlackMs = 15 * 3600000LL, kDayMs = 86400000;
  std::vector<SkmComplaint> out;
  read("read the complaints of an SKM period", [&](sql::Database& db) {
    out.clear();
    auto rows = db.prepare(R"sql(
SELECT day, type, identity_mode = 'rahasia',
       CASE WHEN identity_mode = 'rahasia' THEN '' ELSE content END
FROM (SELECT (received_ms + utc_offset_min * 60000) / 86400000 AS day, type, identity_mode,
             content, id,
             CASE WHEN unit <> '' THEN unit ELSE forwarded_unit END AS case_unit
      FROM cases WHERE facility_id = ?1 AND received_ms >= ?2 AND received_ms < ?3)
WHERE day BETWEEN ?4 AND ?5 AND (?6 = '' OR case_unit = ?6)
ORDER BY id LIMIT ?7)sql");
    rows.bind(1, facility_id).bind(2, first_day * kDayMs - kSlackMs);
    rows.bind(3, (last_day + 1) * kDayMs + kSlackMs).bind(4, first_day).bind(5, last_day);
    rows.bind(6, unit).bind(7, static_cast<std::int64_t>(limit));
    while (rows.step())
      out.push_back({rows.integer(0), rows.text(1), rows.integer(2) != 0, rows.text(3)});
  });
  return out;
}

}  // namespace kotak::server
