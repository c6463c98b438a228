// The reports part of PgStorage: the figures of a monthly recap counted by
// the engine and the month's cases a page at a time, as in
// sqlite/reports.cpp; the medians by percentile_cont, which gives the mean of
// the middle two of an even count.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

using rows::kDayMs;
using rows::kSlackMs;

namespace {

// The facility, when one is given, else none: "($1 = '' OR facility_id =
// $1)" would keep the planner from the facility's index.
std::string facility_is(const std::string& facility_id) {
  return facility_id.empty() ? " $1 = ''" : " facility_id = $1";
}

// The cases of the period: $1 facility, $2 and $3 the received times
// around it (the index's range), $4 and $5 its first and last local day.
std::string in_period(const std::string& facility_id) {
  return facility_is(facility_id) + R"sql(
  AND received_ms >= $2 AND received_ms < $3
  AND (received_ms + utc_offset_min * 60000) / 86400000 BETWEEN $4 AND $5)sql";
}

pq::Params period_params(const std::string& facility_id, std::int64_t first_day, std::int64_t last_day) {
  pq::Params params;
  params.add(facility_id)
      .add(first_day * kDayMs - kSlackMs)
      .add((last_day + 1) * kDayMs + kSlackMs)
      .add(first_day)
      .add(last_day);
  return params;
}

std::optional<double> optional_real(const pq::Result::Row& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.real(column);
}

}  // namespace

RecapFigures PgStorage::recap_figures(const std::string& facility_id, std::int64_t first_day,
                                      std::int64_t last_day, std::int64_t due_ms) {
  RecapFigures figures;
  const std::string period = in_period(facility_id);
  auto params = period_params(facility_id, first_day, last_day);
  auto with_due = period_params(facility_id, first_day, last_day);
  with_due.add(due_ms);
  snapshot("read the figures of a report", [&](pq::Connection& db) {
    figures = {};
    // Planned with the month's values each time: a prepared statement's
    // generic plan, which PostgreSQL takes after five runs because it
    // looks cheaper, cannot estimate a range of parameters and expected 5
    // of 200,000 cases, so it grouped by sorting (3.5 times the CPU).
    db.exec("SET LOCAL plan_cache_mode = force_custom_plan");
    // No parallel workers: each is a new process that must map every page of
    // shared buffers it reads before it reads it, and for a month of 200,000
    // cases that cost more than the work it took over (a first scan of the
    // month in a new process: 227 ms; in a process that had read it: 40 ms).
    // The pooled connections' own processes keep their mappings.
    db.exec("SET LOCAL max_parallel_workers_per_gather = 0");
    auto groups = db.query(R"sql(
SELECT channel, type, status, unit, count(*), count(first_answer_ms),
       sum(CASE WHEN status <> 'bukan_wewenang' THEN 1 ELSE 0 END),
       sum(CASE WHEN status <> 'bukan_wewenang' AND first_answer_ms - received_ms <= $6 THEN 1 ELSE 0 END)
FROM cases WHERE )sql" + period + R"sql(
GROUP BY channel, type, status, unit)sql",
                           with_due);
    for (auto row : groups)
      figures.groups.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4), row.integer(5),
                                row.integer(6), row.integer(7)});
    auto median = db.query(R"sql(
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY first_answer_ms - received_ms)
FROM cases WHERE first_answer_ms IS NOT NULL AND )sql" + period,
                           params);
    if (median.rows() > 0) figures.median_answer_ms = optional_real(median.row(0), 0);
    auto units = db.query(R"sql(
SELECT unit, count(*), count(took), avg(took)::float8,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY took)
FROM (SELECT forwarded_unit AS unit,
             CASE WHEN forwarded_ms IS NOT NULL AND unit_response_ms IS NOT NULL
                  THEN GREATEST(0, unit_response_ms - forwarded_ms) END AS took
      FROM cases WHERE forwarded_unit <> '' AND )sql" + period + R"sql() AS f
GROUP BY unit)sql",
                          params);
    for (auto row : units)
      figures.units.push_back({row.text(0), row.integer(1), row.integer(2), optional_real(row, 4),
                               optional_real(row, 3)});
    auto faces = db.query(R"sql(
SELECT (created_at_ms + utc_offset_min * 60000) / 86400000 AS day, unit, rating, count(*)
FROM submissions
WHERE)sql" + facility_is(facility_id) + R"sql(
  AND kind IN ('rating', 'written') AND rating IS NOT NULL
  AND superseded_by IS NULL AND created_at_ms >= $2 AND created_at_ms < $3
  AND (created_at_ms + utc_offset_min * 60000) / 86400000 BETWEEN $4 AND $5
GROUP BY day, unit, rating ORDER BY day, unit, rating)sql",
                          params);
    for (auto row : faces)
      figures.faces.push_back({row.integer(0), row.text(1), static_cast<int>(row.integer(2)), row.integer(3)});
  });
  return figures;
}

std::vector<RecapCase> PgStorage::recap_cases(const std::string& facility_id, std::int64_t first_day,
                                              std::int64_t last_day, const std::optional<RecapCursor>& after,
                                              std::size_t limit) {
  std::vector<RecapCase> cases;
  auto params = period_params(facility_id, first_day, last_day);
  params.add(std::int64_t{after ? 1 : 0})
      .add(after ? after->received_ms : 0)
      .add(after ? after->id : 0)
      .add(static_cast<std::int64_t>(limit));
  read("read the cases of a report", [&](pq::Connection& db) {
    cases.clear();
    auto page = db.query(R"sql(
SELECT id, year, number, channel, type, unit, status, received_ms, utc_offset_min,
       first_answer_ms, identity_mode, content, forwarded_unit, forwarded_ms, unit_response_ms
FROM cases WHERE )sql" + in_period(facility_id) + R"sql(
  AND ($6 = 0 OR received_ms > $7 OR (received_ms = $7 AND id > $8))
ORDER BY received_ms, id LIMIT $9)sql",
                         params);
    for (auto row : page) cases.push_back(rows::recap_case_from_row(row));
  });
  return cases;
}

}  // namespace kotak::server
