// The reports part of SqliteStorage: the figures of a monthly recap (the
// cases of the month tallied by channel, type, status and unit in one pass;
// medians from the durations alone; faces: every submission that carries
// one, quick answers and the face given before a written comment, a
// corrected face once, grouped by local day by the engine), and the month's
// cases a page at a time. Assembling the report is in server/reports, the same for every
// engine.
#include <algorithm>
#include <map>
#include <tuple>

#include "server/storage/rows.hpp"
#include "server/storage/sqlite/sqlite_storage.hpp"

namespace kotak::server {

namespace sql = core::sql;

using rows::kDayMs;
using rows::kSlackMs;

namespace {

// The facility, when one is given, else none: "(?1 = '' OR facility_id =
// ?1)" would keep the planner from the facility's index.
std::string facility_is(const std::string& facility_id) {
  return facility_id.empty() ? " ?1 = ''" : " facility_id = ?1";
}

// The cases of the period: ?1 facility, ?2 and ?3 the received times
// around it (the index's range), ?4 and ?5 its first and last local day.
std::string in_period(const std::string& facility_id) {
  return facility_is(facility_id) + R"sql(
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

// The median of durations as recap.hpp defines it (the mean of the middle
// two of an even count); reorders them.
std::optional<double> median_of(std::vector<std::int64_t>& values) {
  if (values.empty()) return std::nullopt;
  auto n = values.size();
  auto upper = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), upper, values.end());
  if (n % 2) return static_cast<double>(*upper);
  auto lower = *std::max_element(values.begin(), upper);
  return (static_cast<double>(lower) + static_cast<double>(*upper)) / 2;
}

}  // namespace

// One pass over the month in the index's order, tallied as it is read:
// SQLite sorts for a GROUP BY, and sorting a 200,000-case month four times
// cost more than the 300 ms issue 13 allows (bench/recap_bench.sh). What the
// pass keeps is the tallies, a few dozen groups, and the durations for the
// medians (8 bytes an answered case), never the cases.
RecapFigures SqliteStorage::recap_figures(const std::string& facility_id, std::int64_t first_day,
                                          std::int64_t last_day, std::int64_t due_ms) {
  RecapFigures figures;
  const std::string period = in_period(facility_id);
  read("read the figures of a report", [&](sql::Database& db) {
    figures = {};
    db.exec("BEGIN");
    try {
      auto cases = period_statement(db, R"sql(
SELECT channel, type, status, unit, first_answer_ms - received_ms, forwarded_unit,
       CASE WHEN forwarded_ms IS NOT NULL AND unit_response_ms IS NOT NULL
            THEN max(0, unit_response_ms - forwarded_ms) END
FROM cases WHERE )sql" + period, facility_id, first_day, last_day);
      std::map<std::tuple<std::string, std::string, std::string, std::string>, RecapGroup> groups;
      std::vector<std::int64_t> answer_ms;
      struct Unit {
        RecapUnitFigures figures;
        std::vector<std::int64_t> took;
        double sum = 0;
      };
      std::map<std::string, Unit> units;
      while (cases.step()) {
        auto& g = groups[{cases.text(0), cases.text(1), cases.text(2), cases.text(3)}];
        ++g.cases;
        auto answered = cases.optional_integer(4);
        if (answered) {
          ++g.answered;
          answer_ms.push_back(*answered);
        }
        if (cases.text(2) != "bukan_wewenang") {
          ++g.deadline_base;
          if (answered && *answered <= due_ms) ++g.answered_in_time;
        }
        auto forwarded = cases.text(5);
        if (forwarded.empty()) continue;
        auto& unit = units[forwarded];
        ++unit.figures.forwarded;
        if (auto took = cases.optional_integer(6)) {
          ++unit.figures.answered;
          unit.took.push_back(*took);
          unit.sum += static_cast<double>(*took);
        }
      }
      for (auto& [key, g] : groups) {
        std::tie(g.channel, g.type, g.status, g.unit) = key;
        figures.groups.push_back(g);
      }
      figures.median_answer_ms = median_of(answer_ms);
      for (auto& [name, unit] : units) {
        unit.figures.unit = name;
        unit.figures.median_ms = median_of(unit.took);
        if (!unit.took.empty()) unit.figures.mean_ms = unit.sum / static_cast<double>(unit.took.size());
        figures.units.push_back(unit.figures);
      }
      auto faces = period_statement(db, R"sql(
SELECT (created_at_ms + utc_offset_min * 60000) / 86400000 AS day, unit, rating, count(*)
FROM submissions
WHERE)sql" + facility_is(facility_id) + R"sql(
  AND kind IN ('rating', 'written') AND rating IS NOT NULL
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
