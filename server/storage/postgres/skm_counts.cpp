// The SKM report's counts (schema_skm_counts.hpp) as PgStorage reads them:
// a period's rows of skm_day_counts, and its profile summed by field and
// value, from one snapshot.
#include "server/storage/postgres/pg_storage.hpp"
#include "server/storage/rows.hpp"

namespace kotak::server {

SkmCounts PgStorage::skm_counts(const std::string& facility_id, const std::string& unit,
                                std::int64_t first_day, std::int64_t last_day, bool with_profile) {
  if (facility_id.empty())
    throw StorageError(StorageErrc::invalid, "an SKM report is about one facility; choose one");
  static const std::string days_sql = "SELECT " + rows::day_count_columns() +
                                      " FROM skm_day_counts WHERE facility_id = $1 AND day BETWEEN "
                                      "$2 AND $3 AND ($4 = '' OR unit = $4) AND respondents <> 0";
  SkmCounts out;
  snapshot("read the SKM counts of a report", [&](pq::Connection& db) {
    out = {};
    auto params = [&] { return pq::Params().add(facility_id).add(first_day).add(last_day).add(unit); };
    for (auto row : db.query(days_sql, params())) out.days.push_back(rows::day_count_from_row(row));
    if (!with_profile) return;
    auto profile = db.query(R"sql(
SELECT field, value, sum(respondents)::bigint FROM skm_profile_counts
WHERE facility_id = $1 AND day BETWEEN $2 AND $3 AND ($4 = '' OR unit = $4)
GROUP BY field, value)sql",
                            params());
    for (auto row : profile) out.profile.push_back({row.text(0), row.text(1), row.integer(2)});
  });
  tidy(out);
  return out;
}

}  // namespace kotak::server
