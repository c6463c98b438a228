// The reports part of PgStorage: the raw figures of a period, as in
// sqlite/reports.cpp.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

using rows::kDayMs;
using rows::kSlackMs;

RecapData PgStorage::recap(const std::string& facility_id, std::int64_t first_day, std::int64_t last_day) {
  RecapData data;
  auto params = pq::Params()
                    .add(facility_id)
                    .add(first_day * kDayMs - kSlackMs)
                    .add((last_day + 1) * kDayMs + kSlackMs)
                    .add(first_day)
                    .add(last_day);
  snapshot("read the figures of a report", [&](pq::Connection& db) {
    data = {};
    auto cases = db.query(R"sql(
SELECT id, year, number, channel, type, unit, status, received_ms, utc_offset_min,
       first_answer_ms, identity_mode, content, forwarded_unit, forwarded_ms, unit_response_ms
FROM cases
WHERE ($1 = '' OR facility_id = $1) AND received_ms >= $2 AND received_ms < $3
  AND (received_ms + utc_offset_min * 60000) / 86400000 BETWEEN $4 AND $5
ORDER BY received_ms, id)sql",
                          params);
    for (auto row : cases) data.cases.push_back(rows::recap_case_from_row(row));
    auto faces = db.query(R"sql(
SELECT (created_at_ms + utc_offset_min * 60000) / 86400000 AS day, unit, rating, count(*)
FROM submissions
WHERE ($1 = '' OR facility_id = $1) AND kind IN ('rating', 'written') AND rating IS NOT NULL
  AND superseded_by IS NULL AND created_at_ms >= $2 AND created_at_ms < $3
  AND (created_at_ms + utc_offset_min * 60000) / 86400000 BETWEEN $4 AND $5
GROUP BY day, unit, rating ORDER BY day, unit, rating)sql",
                          params);
    for (auto row : faces)
      data.faces.push_back({row.integer(0), row.text(1), static_cast<int>(row.integer(2)), row.integer(3)});
  });
  return data;
}

}  // namespace kotak::server
