// The reports part of SqliteStorage: the figures of a monthly recap counted
// by the engine (cases grouped by channel, type, status and unit; medians
// read from the sorted durations alone; faces: every submission that
// carries one, quick answers and the face given before a written comment, a
// corrected face once, grouped by local day), and the month's cases a page
// at a time. Assembling the report is in server/reports, the same for every
// engine.
#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

using rows::kDayMs;
using rows::kSlackMs;

namespace {

// The cases of the period: ?1 facility, ?2 and ?3 the received times
// around it (the index's range), ?4 and ?5 its first and last local day.
// Only a facility given becomes a condition: "(?1 = '' OR facility_id =
// ?1)" would keep the planner from the facility's index.
std::string in_period(const std::string& facility_id) {
  return std::string(facility_id.empty() ? " ?1 = ''" : " facility_id = ?1") + R"sql(
  AND received_ms >= ?2 AND received_ms < ?3
  AND (received_ms + utc_offset_min * 60000) / 86400000 BETWEEN ?4 AND ?5)sql";
}

sql::Statement period_statement(sql::Database& db, const std::string& text, const std::string& facility_id,
                                std::int64_t first_day, std::int64_t last_day) {
  auto statement = db.prepare(text);
  statement.bind(1, facility_id)
      .bind(2, first_day * kDayMs - kSlackMs)
      .bind(3, (last_day + 1) * kDayMs + kSlackMs)
      .bind(4, first_day)
      .bind(5, last_day);
  return statement;
}

std::optional<double> optional_real(const sql::Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.real(column);
}

}  // namespace

RecapFigures SqliteStorage::recap_figures(const std::string& facility_id, std::int64_t first_day,
                                          std::int64_t last_day, std::int64_t due_ms) {
  RecapFigures figures;
  const std::string period = in_period(facility_id);
  read("read the figures of a report", [&](sql::Database& db) {
    figures = {};
    db.exec("BEGIN");
    try {
      auto groups = period_statement(db, R"sql(
SELECT channel, type, status, unit, count(*), count(first_answer_ms),
       sum(CASE WHEN status <> 'bukan_wewenang' THEN 1 ELSE 0 END),
       sum(CASE WHEN status <> 'bukan_wewenang' AND first_answer_ms - received_ms <= ?6 THEN 1 ELSE 0 END)
FROM cases WHERE )sql" + period + R"sql(
GROUP BY channel, type, status, unit)sql", facility_id, first_day, last_day);
      groups.bind(6, due_ms);
      std::int64_t answered = 0;
      while (groups.step()) {
        figures.groups.push_back({groups.text(0), groups.text(1), groups.text(2), groups.text(3), groups.integer(4),
                                  groups.integer(5), groups.integer(6), groups.integer(7)});
        answered += groups.integer(5);
      }
      // The median: the middle one or two of the sorted durations.
      if (answered > 0) {
        auto middle = period_statement(db, R"sql(
SELECT avg(took) FROM (SELECT first_answer_ms - received_ms AS took FROM cases
WHERE first_answer_ms IS NOT NULL AND )sql" + period + R"sql(
ORDER BY took LIMIT ?6 OFFSET ?7))sql", facility_id, first_day, last_day);
        middle.bind(6, std::int64_t{2 - answered % 2}).bind(7, (answered - 1) / 2);
        if (middle.step()) figures.median_answer_ms = optional_real(middle, 0);
      }
      // Per unit: its answered cases numbered in order of duration, the
      // median the mean of the middle one or two.
      auto units = period_statement(db, R"sql(
WITH f AS (SELECT forwarded_unit AS unit,
                  CASE WHEN forwarded_ms IS NOT NULL AND unit_response_ms IS NOT NULL
                       THEN max(0, unit_response_ms - forwarded_ms) END AS took
           FROM cases WHERE forwarded_unit <> '' AND )sql" + period + R"sql(),
     r AS (SELECT unit, took, row_number() OVER (PARTITION BY unit, took IS NULL ORDER BY took) AS rn,
                  count(took) OVER (PARTITION BY unit, took IS NULL) AS n FROM f)
SELECT unit, count(*), count(took), avg(took),
       avg(CASE WHEN took IS NOT NULL AND rn IN ((n + 1) / 2, (n + 2) / 2) THEN took END)
FROM r GROUP BY unit)sql", facility_id, first_day, last_day);
      while (units.step())
        figures.units.push_back({units.text(0), units.integer(1), units.integer(2), optional_real(units, 4),
                                 optional_real(units, 3)});
      auto faces = period_statement(db, R"sql(
SELECT (created_at_ms + utc_offset_min * 60000) / 86400000 AS day, unit, rating, count(*)
FROM submissions
WHERE (?1 = '' OR facility_id = ?1) AND kind IN ('rating', 'written') AND rating IS NOT NULL
  AND superseded_by IS NULL AND created_at_ms >= ?2 AND created_at_ms < ?3
  AND (created_at_ms + utc_offset_min * 60000) / 86400000 BETWEEN ?4 AND ?5
GROUP BY day, unit, rating ORDER BY day, unit, rating)sql", facility_id, first_day, last_day);
      while (faces.step())
        figures.faces.push_back({faces.integer(0), faces.text(1), static_cast<int>(faces.integer(2)),
                                 faces.integer(3)});
      db.exec("COMMIT");
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  });
  return figures;
}

std::vector<RecapCase> SqliteStorage::recap_cases(const std::string& facility_id, std::int64_t first_day,
                                                  std::int64_t last_day, const std::optional<RecapCursor>& after,
                                                  std::size_t limit) {
  std::vector<RecapCase> cases;
  read("read the cases of a report", [&](sql::Database& db) {
    cases.clear();
    auto page = period_statement(db, R"sql(
SELECT id, year, number, channel, type, unit, status, received_ms, utc_offset_min,
       first_answer_ms, identity_mode, content, forwarded_unit, forwarded_ms, unit_response_ms
FROM cases WHERE )sql" + in_period(facility_id) + R"sql(
  AND (?6 = 0 OR received_ms > ?7 OR (received_ms = ?7 AND id > ?8))
ORDER BY received_ms, id LIMIT ?9)sql", facility_id, first_day, last_day);
    page.bind(6, std::int64_t{after ? 1 : 0})
        .bind(7, after ? after->received_ms : 0)
        .bind(8, after ? after->id : 0)
        .bind(9, static_cast<std::int64_t>(limit));
    while (page.step()) cases.push_back(rows::recap_case_from_row(page));
  });
  return cases;
}

}  // namespace kotak::server
