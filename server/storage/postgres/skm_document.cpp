// The SKM report's document in PgStorage, as in sqlite/skm_document.cpp:
// the population of a period and unit, the follow-up plan with its rows,
// the report's details, the facility's letterhead (its logo kept as base64
// text) and the complaints the analysis reads. See skm_types.hpp and the
// schema's version 8 (schema_skm.cpp).
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

namespace {

constexpr const char* kKey = "facility_id = $1 AND first_day = $2 AND last_day = $3 AND unit = $4";

pq::Params key_params(const SkmPeriodKey& key) {
  return pq::Params().add(key.facility_id).add(key.first_day).add(key.last_day).add(key.unit);
}

}  // namespace

std::optional<SkmPopulation> PgStorage::skm_population(const SkmPeriodKey& key) {
  std::optional<SkmPopulation> out;
  read("read the SKM population", [&](pq::Connection& db) {
    out.reset();
    auto found = db.query(
        std::string("SELECT population, user_name, updated_ms FROM skm_period_populations WHERE ") + kKey,
        key_params(key));
    if (found.rows()) out = SkmPopulation{found.integer(0, 0), found.text(0, 1), found.integer(0, 2)};
  });
  return out;
}

void PgStorage::set_skm_population(const SkmPeriodKey& key, std::optional<std::int64_t> population,
                                   const Actor& actor, std::int64_t now_ms) {
  if (population && *population <= 0)
    throw StorageError(StorageErrc::invalid, "the population must be a whole number above 0");
  write("save the SKM population", [&](pq::Connection& db) {
    pg::require_facility(db, key.facility_id);
    if (!population) {
      db.query(std::string("DELETE FROM skm_period_populations WHERE ") + kKey, key_params(key));
      return;
    }
    db.query(R"sql(
INSERT INTO skm_period_populations (facility_id, first_day, last_day, unit, population, user_id,
                                    user_name, updated_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (facility_id, first_day, last_day, unit) DO UPDATE
SET population = $5, user_id = $6, user_name = $7, updated_ms = $8)sql",
             key_params(key).add(*population).add(pg::user_of(actor)).add(actor.name).add(now_ms));
  });
}

std::vector<SkmRtl> PgStorage::skm_rtl(const SkmPeriodKey& key, std::size_t limit) {
  std::vector<SkmRtl> out;
  snapshot("read a follow-up plan", [&](pq::Connection& db) {
    out.clear();
    auto versions = db.query(std::string("SELECT id, text, user_name, saved_ms FROM skm_rtl WHERE ") + kKey +
                                 " ORDER BY id DESC LIMIT $5",
                             key_params(key).add(static_cast<std::int64_t>(limit)));
    std::vector<std::int64_t> ids;
    for (auto row : versions) {
      ids.push_back(row.integer(0));
      out.push_back({row.text(1), {}, row.text(2), row.integer(3)});
    }
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto rows = db.query(R"sql(
SELECT element, activity, time_frame, person, status, note FROM skm_rtl_rows
WHERE rtl_id = $1 ORDER BY position)sql",
                           pq::Params().add(ids[i]));
      for (auto row : rows)
        out[i].rows.push_back({row.text(0), row.text(1), row.text(2), row.text(3),
                               parse_skm_rtl_status(row.text(4)).value_or(SkmRtlStatus::none), row.text(5)});
    }
  });
  return out;
}

void PgStorage::add_skm_rtl(const SkmPeriodKey& key, const SkmRtl& plan, const Actor& actor,
                            std::int64_t now_ms) {
  write("save a follow-up plan", [&](pq::Connection& db) {
    auto added = db.query(R"sql(
INSERT INTO skm_rtl (facility_id, first_day, last_day, unit, text, user_id, user_name, saved_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id)sql",
                          key_params(key).add(plan.text).add(pg::user_of(actor)).add(actor.name).add(now_ms));
    auto id = added.integer(0, 0);
    std::int64_t position = 0;
    for (const auto& row : plan.rows)
      db.query(R"sql(
INSERT INTO skm_rtl_rows (rtl_id, position, element, activity, time_frame, person, status, note)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8))sql",
               pq::Params()
                   .add(id)
                   .add(position++)
                   .add(row.element)
                   .add(row.activity)
                   .add(row.time_frame)
                   .add(row.person)
                   .add(to_string(row.status))
                   .add(row.note));
  });
}

std::optional<SkmReportDetails> PgStorage::skm_report_details(const SkmPeriodKey& key) {
  std::optional<SkmReportDetails> out;
  read("read an SKM report's details", [&](pq::Connection& db) {
    out.reset();
    auto found = db.query(std::string("SELECT number, method, fieldwork_from, fieldwork_to, signed_day, "
                                      "user_name, updated_ms FROM skm_report_details WHERE ") +
                              kKey,
                          key_params(key));
    for (auto row : found)
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

void PgStorage::set_skm_report_details(const SkmPeriodKey& key, const SkmReportDetails& d, const Actor& actor,
                                       std::int64_t now_ms) {
  write("save an SKM report's details", [&](pq::Connection& db) {
    pg::require_facility(db, key.facility_id);
    db.query(R"sql(
INSERT INTO skm_report_details (facility_id, first_day, last_day, unit, number, method,
                                fieldwork_from, fieldwork_to, signed_day, user_id, user_name,
                                updated_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
ON CONFLICT (facility_id, first_day, last_day, unit) DO UPDATE
SET number = $5, method = $6, fieldwork_from = $7, fieldwork_to = $8, signed_day = $9,
    user_id = $10, user_name = $11, updated_ms = $12)sql",
             key_params(key)
                 .add(d.number)
                 .add(d.method)
                 .add(d.fieldwork_from)
                 .add(d.fieldwork_to)
                 .add(d.signed_day)
                 .add(pg::user_of(actor))
                 .add(actor.name)
                 .add(now_ms));
  });
}

std::optional<SkmLetterhead> PgStorage::letterhead(const std::string& facility_id) {
  std::optional<SkmLetterhead> out;
  read("read a letterhead", [&](pq::Connection& db) {
    out.reset();
    auto found = db.query(R"sql(
SELECT government, name, address, contact, place, head_name, head_nip, mutu_name, mutu_nip,
       logo_type, logo_base64, user_name, updated_ms
FROM facility_letterheads WHERE facility_id = $1)sql",
                          pq::Params().add(facility_id));
    for (auto row : found)
      out = SkmLetterhead{row.text(0), row.text(1), row.text(2),  row.text(3),  row.text(4),
                          row.text(5), row.text(6), row.text(7),  row.text(8),  row.text(9),
                          row.text(10), row.text(11), row.integer(12)};
  });
  return out;
}

void PgStorage::set_letterhead(const std::string& facility_id, const SkmLetterhead& l, bool keep_logo,
                               const Actor& actor, std::int64_t now_ms) {
  write("save a letterhead", [&](pq::Connection& db) {
    pg::require_facility(db, facility_id);
    db.query(R"sql(
INSERT INTO facility_letterheads (facility_id, government, name, address, contact, place,
                                  head_name, head_nip, mutu_name, mutu_nip, logo_type,
                                  logo_base64, user_id, user_name, updated_ms)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
ON CONFLICT (facility_id) DO UPDATE
SET government = $2, name = $3, address = $4, contact = $5, place = $6, head_name = $7,
    head_nip = $8, mutu_name = $9, mutu_nip = $10,
    logo_type = CASE WHEN $16 = 1 THEN facility_letterheads.logo_type ELSE $11 END,
    logo_base64 = CASE WHEN $16 = 1 THEN facility_letterheads.logo_base64 ELSE $12 END,
    user_id = $13, user_name = $14, updated_ms = $15)sql",
             pq::Params()
                 .add(facility_id)
                 .add(l.government)
                 .add(l.name)
                 .add(l.address)
                 .add(l.contact)
                 .add(l.place)
                 .add(l.head_name)
                 .add(l.head_nip)
                 .add(l.mutu_name)
                 .add(l.mutu_nip)
                 .add(l.logo_type)
                 .add(l.logo_base64)
                 .add(pg::user_of(actor))
                 .add(actor.name)
                 .add(now_ms)
                 .add(std::int64_t{keep_logo ? 1 : 0}));
  });
}

std::vector<SkmComplaint> PgStorage::skm_complaints(const std::string& facility_id, const std::string& unit,
                                                    std::int64_t first_day, std::int64_t last_day,
                                                    std::size_t limit) {
  // As the recap counts cases: by the local day they were received; the
  // time range is widened by any UTC offset and the day checked exactly.
  // The text of a rahasia case is never read.
  std::vector<SkmComplaint> out;
  read("read the complaints of an SKM period", [&](pq::Connection& db) {
    out.clear();
    auto found = db.query(R"sql(
SELECT day, type, CASE WHEN identity_mode = 'rahasia' THEN 1 ELSE 0 END,
       CASE WHEN identity_mode = 'rahasia' THEN '' ELSE content END
FROM (SELECT (received_ms + utc_offset_min * 60000) / 86400000 AS day, type, identity_mode,
             content, id,
             CASE WHEN unit <> '' THEN unit ELSE forwarded_unit END AS case_unit
      FROM cases WHERE facility_id = $1 AND received_ms >= $2 AND received_ms < $3) AS c
WHERE day BETWEEN $4 AND $5 AND ($6 = '' OR case_unit = $6)
ORDER BY id LIMIT $7)sql",
                          pq::Params()
                              .add(facility_id)
                              .add(first_day * rows::kDayMs - rows::kSlackMs)
                              .add((last_day + 1) * rows::kDayMs + rows::kSlackMs)
                              .add(first_day)
                              .add(last_day)
                              .add(unit)
                              .add(static_cast<std::int64_t>(limit)));
    for (auto row : found) out.push_back({row.integer(0), row.text(1), row.integer(2) != 0, row.text(3)});
  });
  return out;
}

}  // namespace kotak::server
